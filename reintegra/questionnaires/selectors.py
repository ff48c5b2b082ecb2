"""Reads of questionnaires and responses, scoped to the user.

Questionnaire definitions are not personal data: the shipped ones are visible to all staff and
an organisation's own to its staff. A response is part of a person's case file: it is found only
through the person's organisation (404 otherwise, as for a missing one), and the functions that
return responses log their reads themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.audit.bulk import log_reads
from reintegra.collation import by_name
from reintegra.pagination import CappedPaginator
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, Response, VersionStatus

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def _visible(user: User, permission: str) -> Q:
    return Q(organisation__isnull=True) | Q(
        organisation_id__in=policy.organisation_ids_where(user, permission)
    )


def questionnaire_list_for_user(user: User) -> QuerySet[Questionnaire]:
    return (
        Questionnaire.objects.filter(_visible(user, "participant.view"))
        .select_related("organisation")
        .order_by("organisation_id", *by_name("name"), "pk")
    )


def questionnaire_get_for_user(user: User, pk: int) -> Questionnaire:
    questionnaire = (
        Questionnaire.objects.filter(_visible(user, "participant.view"), pk=pk)
        .select_related("organisation")
        .first()
    )
    if questionnaire is None:
        raise Http404
    return questionnaire


def versions_of(questionnaire: Questionnaire) -> QuerySet[QuestionnaireVersion]:
    return questionnaire.versions.order_by("-number")


def version_get(questionnaire: Questionnaire, pk: int) -> QuestionnaireVersion:
    version = questionnaire.versions.filter(pk=pk).first()
    if version is None:
        raise Http404
    version.questionnaire = questionnaire
    return version


def fillable_versions_for(participant: Participant) -> QuerySet[QuestionnaireVersion]:
    """Published versions of the shipped questionnaires and of the person's organisation."""
    return (
        QuestionnaireVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .filter(
            Q(questionnaire__organisation__isnull=True)
            | Q(questionnaire__organisation_id=participant.organisation_id)
        )
        .select_related("questionnaire")
        .order_by(*by_name("questionnaire__name"), "pk")
    )


def fillable_version_get(participant: Participant, pk: int) -> QuestionnaireVersion:
    version = fillable_versions_for(participant).filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def responses_page_for_user(
    user: User, participant_pk: int, number: object = 1, *, per_page: int = 25
) -> tuple[Participant, Page]:
    """A person's responses, newest first, a page at a time, by title and date only: the person is
    logged as read; a response is read when it is opened (its answers are not listed)."""
    participant = participant_get_for_user(user, participant_pk)
    responses = (
        participant.questionnaire_responses.select_related("version__questionnaire", "filled_by")
        .defer("answers")
        .order_by("-filled_on", "-pk")
    )
    return participant, CappedPaginator(responses, per_page).get_page(number)


def response_get_for_user(user: User, pk: int, *, permission: str = "participant.view") -> Response:
    """A response with its answers, if the user may see the person's file; the read is audited."""
    response = (
        Response.objects.select_related("participant__organisation", "version__questionnaire", "filled_by")
        .filter(pk=pk, participant__organisation_id__in=policy.organisation_ids_where(user, permission))
        .first()
    )
    if response is None:
        raise Http404
    log_reads([response], actor=user)
    return response


def latest_response_for_user(user: User, participant: Participant) -> Response | None:
    """The person's latest response (a person the caller has already found for the user), its
    read logged; None if they have none."""
    response = (
        participant.questionnaire_responses.select_related("version__questionnaire")
        .order_by("-filled_on", "-pk")
        .first()
    )
    if response is not None:
        log_reads([response], actor=user)
    return response
