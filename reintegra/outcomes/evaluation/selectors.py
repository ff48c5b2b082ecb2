"""Reads for the evaluation survey, scoped to the user.

The staff find a person's enrolments (and the surveys given on them) through the person's
organisation; the person herself finds only her own, through the record linked to her account.
Either way the person read is logged here. The report reads answers only to count them: it
returns numbers, never a row about a person, and a programme outside the user's organisations
answers 404 like a missing one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.audit.bulk import log_reads
from reintegra.collation import by_name
from reintegra.outcomes.models import EVALUATION_CODE, EvaluationMoment, EvaluationResponse
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from reintegra.questionnaires.models import QuestionnaireVersion, VersionStatus

if TYPE_CHECKING:
    from reintegra.accounts.models import User

# Who may be asked: a person in the programme, or who has left it (the exit survey comes last).
SURVEYED = (EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT)


def survey_version() -> QuestionnaireVersion:
    """The published version of the shipped evaluation survey, on which new answers are given."""
    version = (
        QuestionnaireVersion.objects.filter(
            questionnaire__organisation__isnull=True,
            questionnaire__code=EVALUATION_CODE,
            status=VersionStatus.PUBLISHED,
        )
        .select_related("questionnaire")
        .first()
    )
    if version is None:
        raise Http404
    return version


@dataclass(frozen=True)
class EnrolmentSurveys:
    """One enrolment with its surveys given so far, by moment."""

    enrolment: Enrolment
    given: dict[str, EvaluationResponse]

    def missing(self) -> list[str]:
        return [moment for moment in EvaluationMoment.values if moment not in self.given]


def _with_surveys(enrolments: QuerySet[Enrolment]) -> list[EnrolmentSurveys]:
    rows = list(enrolments.select_related("programme").order_by(*by_name("programme__name"), "pk"))
    given: dict[int, dict[str, EvaluationResponse]] = {row.pk: {} for row in rows}
    for survey in EvaluationResponse.objects.filter(enrolment__in=rows).select_related("response"):
        given[survey.enrolment_id][survey.moment] = survey
    return [EnrolmentSurveys(row, given[row.pk]) for row in rows]


def person_surveys_for_user(user: User, participant_pk: int) -> tuple[Participant, list[EnrolmentSurveys]]:
    """A person's enrolments that may be surveyed, with the surveys given; the person is logged as read."""
    participant = participant_get_for_user(user, participant_pk)
    return participant, _with_surveys(participant.enrolments.filter(status__in=SURVEYED))


def enrolment_get_for_user(user: User, pk: int, *, permission: str = "participant.change") -> Enrolment:
    """An enrolment whose person the user may see (by default: change); the person is logged as read."""
    enrolment = (
        Enrolment.objects.select_related("programme", "participant")
        .filter(
            pk=pk,
            status__in=SURVEYED,
            participant__organisation_id__in=policy.organisation_ids_where(user, permission),
        )
        .first()
    )
    if enrolment is None:
        raise Http404
    log_reads([enrolment.participant], actor=user)
    return enrolment


def own_record(user: User) -> Participant | None:
    """The participant record linked to the user's own account (as on her own page), logged as read."""
    participant = Participant.objects.filter(
        account=user, organisation_id__in=policy.organisation_ids_where(user, "own_page.view")
    ).first()
    if participant is not None:
        log_reads([participant], actor=user)
    return participant


def own_surveys(user: User) -> tuple[Participant, list[EnrolmentSurveys]]:
    """The person's own enrolments and surveys; 404 for a user without a linked record."""
    participant = own_record(user)
    if participant is None:
        raise Http404
    return participant, _with_surveys(participant.enrolments.filter(status__in=SURVEYED))


def own_enrolment(user: User, pk: int) -> Enrolment:
    """One of the person's own enrolments; anyone else's answers 404."""
    participant, surveys = own_surveys(user)
    enrolment = next((item.enrolment for item in surveys if item.enrolment.pk == pk), None)
    if enrolment is None:
        raise Http404
    enrolment.participant = participant
    return enrolment


def report_programmes_for_user(user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(
        organisation_id__in=policy.organisation_ids_where(user, "evaluation.view")
    ).order_by(*by_name("name"), "pk")


def report_programme_get_for_user(user: User, pk: int) -> Programme:
    programme = report_programmes_for_user(user).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme
