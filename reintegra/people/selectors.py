"""Reads of participants, always scoped to the organisations where the user may see them.

A participant the user may not see is answered with ``Http404``, the same as one that does not
exist. Every read of a participant's file is written to the audit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from auditlog.signals import accessed
from django.apps import apps
from django.db.models import Q, QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.people import identifiers
from reintegra.people.models import Consent, FamilyMember, Participant

if TYPE_CHECKING:
    from reintegra.accounts.models import User

PESEL_LENGTH = 11
PESEL_PREFIX = re.compile(r"^\d{1,11}$")


@dataclass(frozen=True)
class ParticipantFilter:
    q: str = ""
    sex: str = ""
    labour_status: str = ""
    degurba: int | None = None
    programme_id: int | None = None


def participant_list_for_user(user: User, filters: ParticipantFilter | None = None) -> QuerySet[Participant]:
    """Participants of the organisations where the user holds participant.view, filtered."""
    filters = filters or ParticipantFilter()
    organisation_ids = policy.organisation_ids_where(user, "participant.view")
    participants = Participant.objects.filter(organisation_id__in=organisation_ids).select_related(
        "organisation", "gmina"
    )
    participants = participants.filter(_search(filters.q))
    if filters.sex:
        participants = participants.filter(sex=filters.sex)
    if filters.labour_status:
        participants = participants.filter(labour_status=filters.labour_status)
    if filters.degurba is not None:
        participants = participants.filter(degurba=filters.degurba)
    if filters.programme_id is not None:
        # One application per person and programme (a unique constraint): the join adds no duplicates.
        participants = participants.filter(
            enrolments__programme_id=filters.programme_id,
            enrolments__programme__organisation_id__in=organisation_ids,
        )
    if _is_pesel_prefix(filters.q):
        # PESEL matches come in PESEL order, which the prefix index gives without sorting.
        return participants.order_by("pesel", "pk")
    return participants.order_by("last_name", "first_name", "pk")


def programmes_for_filter(user: User) -> QuerySet[Any, tuple[int, str]]:
    """The programmes of the user's organisations, by which the participant list may be narrowed,
    as (id, name) choices."""
    # By its label: people sits below programmes in the layering and never imports it.
    programme = apps.get_model("programmes", "Programme")
    organisation_ids = policy.organisation_ids_where(user, "participant.view")
    return (
        programme._default_manager.filter(organisation_id__in=organisation_ids)
        .order_by("-start_date", "name")
        .values_list("pk", "name")
    )


def is_name_search(filters: ParticipantFilter | None) -> bool:
    """A search by name: the trigram index finds all its matches at once, in no useful order."""
    return filters is not None and bool(filters.q.strip()) and not _is_pesel_prefix(filters.q)


def _is_pesel_prefix(query: str) -> bool:
    return bool(PESEL_PREFIX.match("".join(query.split())))


def _search(query: str) -> Q:
    """Digits: a PESEL prefix. Text: every word must occur in the diacritics-free name."""
    if _is_pesel_prefix(query):
        prefix = "".join(query.split())
        # The same prefix as a range of the eleven-digit numbers too: the (organisation, PESEL)
        # index then starts at the prefix and reads the page in order, whichever plan the
        # statistics of the day choose (with LIKE alone one plan walked 170,000 rows to find 25).
        return Q(pesel__startswith=prefix, pesel__gte=prefix, pesel__lte=prefix.ljust(PESEL_LENGTH, "9"))
    condition = Q()
    for word in identifiers.search_key(query).split():
        condition &= Q(search_key__contains=word)
    return condition


def participant_get_for_user(user: User, pk: int, *, permission: str = "participant.view") -> Participant:
    """A participant's file, if the user may see it; the read is audited."""
    organisation_ids = policy.organisation_ids_where(user, permission)
    participant = (
        Participant.objects.select_related("organisation", "gmina", "created_by")
        .filter(pk=pk, organisation_id__in=organisation_ids)
        .first()
    )
    if participant is None:
        raise Http404
    accessed.send(sender=Participant, instance=participant)
    return participant


def participant_get_for_list(user: User, pk: int, *, permission: str = "participant.view") -> Participant:
    """The same person and the same 404, for a list page that logs the read itself.

    The caller passes the person to ``log_reads`` with the rows of the page: one bulk insert
    records both, so the page's query count stays constant.
    """
    organisation_ids = policy.organisation_ids_where(user, permission)
    participant = (
        Participant.objects.select_related("organisation")
        .filter(pk=pk, organisation_id__in=organisation_ids)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def duplicates_for(user: User, data: dict[str, Any], *, exclude_pk: int | None = None) -> list[Participant]:
    """Participants within the user's reach that look like the same person.

    Same PESEL, or the same name (ignoring diacritics and case) and birth date. A warning for
    the person registering, never a block: namesakes born on the same day exist.
    """
    pesel: str = data.get("pesel") or ""
    birth_date: date | None = data.get("birth_date")
    key = identifiers.search_key(data.get("last_name") or "", data.get("first_name") or "")
    condition = Q(pk__in=[])
    if pesel:
        condition |= Q(pesel=pesel)
    if key and birth_date:
        condition |= Q(search_key=key, birth_date=birth_date)
    organisation_ids = policy.organisation_ids_where(user, "participant.view")
    matches = Participant.objects.filter(condition, organisation_id__in=organisation_ids).select_related(
        "organisation"
    )
    if exclude_pk is not None:
        matches = matches.exclude(pk=exclude_pk)
    return list(matches[:10])


def consents_of(participant: Participant) -> QuerySet[Consent]:
    return participant.consents.select_related("recorded_by", "withdrawal_recorded_by").order_by(
        "withdrawn_on", "-given_on", "kind"
    )


def family_of(participant: Participant) -> QuerySet[FamilyMember]:
    return participant.family.all()


def family_member_get(participant: Participant, pk: int) -> FamilyMember:
    member = participant.family.filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def consent_get(participant: Participant, pk: int) -> Consent:
    consent = participant.consents.filter(pk=pk).first()
    if consent is None:
        raise Http404
    return consent


def enrolments_of(participant: Participant) -> QuerySet[Any]:
    return participant.enrolments.select_related("programme", "group").order_by("-applied_at")
