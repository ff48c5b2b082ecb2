"""Reads of programmes and their recruitment, always scoped to the requesting user.

A programme the user may not see is answered with ``Http404``, the same as one that does not exist.
A programme's page shows people (its applicants and the people who may apply): the functions
that return them log a read of each person shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_reads
from reintegra.collation import by_name
from reintegra.people.identifiers import search_key
from reintegra.people.models import Participant
from reintegra.people.summary import ITEMS_SHOWN, SummaryItem, SummarySection
from reintegra.programmes.models import (
    Enrolment,
    EnrolmentStatus,
    Programme,
    ProgrammeStaff,
    ProgrammeTemplate,
)
from reintegra.programmes.services import RESERVE_ORDER, result_reason, rule_label
from reintegra.programmes.workflow import TRANSITIONS

S = EnrolmentStatus
FUNNEL = (S.APPLIED, S.ELIGIBLE, S.NOT_ELIGIBLE, S.RESERVE, S.OFFERED, S.ENROLLED, S.LEFT)


def programme_list_for_user(user: User) -> QuerySet[Programme]:
    organisation_ids = policy.organisation_ids_where(user, "programme.view")
    return (
        Programme.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "template")
        .annotate(enrolment_count=Count("enrolments"))
        .order_by("-start_date", *by_name("name"), "pk")
    )


def programme_get_for_user(user: User, pk: int, *, permission: str = "programme.view") -> Programme:
    programme = Programme.objects.select_related("organisation", "template").filter(pk=pk).first()
    if programme is None or not policy.can(user, permission, programme):
        raise Http404
    return programme


def enrolment_get_for_user(user: User, programme_pk: int, pk: int, *, permission: str) -> Enrolment:
    programme = programme_get_for_user(user, programme_pk, permission=permission)
    enrolment = programme.enrolments.select_related("participant", "programme").filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    return enrolment


def enrolments_get_for_user(user: User, programme: Programme, pks: list[int]) -> list[Enrolment]:
    """The programme's enrolments of these numbers (others are ignored), in the programme the
    user opened with ``programme_get_for_user``; each person is logged as read."""
    enrolments = list(
        programme.enrolments.filter(pk__in=pks).select_related("participant", "programme").order_by("pk")
    )
    log_reads([enrolment.participant for enrolment in enrolments], actor=user)
    return enrolments


def staff_role_get_for_user(user: User, programme_pk: int, pk: int, *, permission: str) -> ProgrammeStaff:
    programme = programme_get_for_user(user, programme_pk, permission=permission)
    assignment = programme.staff_roles.select_related("user", "programme__template").filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return assignment


def staff_roles(programme: Programme) -> list[ProgrammeStaff]:
    """The programme's staff roles, current and past, by role and person (staff, not personal data)."""
    assignments = list(programme.staff_roles.select_related("user").order_by("role", "-starts_on", "pk"))
    for assignment in assignments:
        assignment.programme = programme  # role_name() reads the template without a query each
    return assignments


def template_list() -> QuerySet[ProgrammeTemplate]:
    return ProgrammeTemplate.objects.all()


CANDIDATES_SHOWN = 50


@dataclass(frozen=True)
class Candidates:
    people: list[Participant]
    more: bool  # more people than are listed: a search narrows them down


def applicant_candidates_for_user(user: User, programme: Programme, query: str = "") -> Candidates:
    """The first ``CANDIDATES_SHOWN`` people who may apply, for the person picker; each is a read."""
    people = list(applicant_candidates(programme, query)[: CANDIDATES_SHOWN + 1])
    shown = people[:CANDIDATES_SHOWN]
    log_reads(shown, actor=user)
    return Candidates(shown, more=len(people) > CANDIDATES_SHOWN)


def applicant_candidates(programme: Programme, query: str = "") -> QuerySet[Participant]:
    """People of the programme's organisation who have not applied to it yet; with a query, those
    whose name contains every word of it (diacritics and case ignored) or whose PESEL starts with it."""
    candidates = Participant.objects.filter(organisation_id=programme.organisation_id).exclude(
        enrolments__programme=programme
    )
    compact = "".join(query.split())
    if compact.isdigit():
        candidates = candidates.filter(pesel__startswith=compact)
    else:
        for word in search_key(query).split():
            candidates = candidates.filter(search_key__contains=word)
    return candidates.order_by(*by_name("last_name", "first_name"), "pk")


@dataclass(frozen=True)
class RankedEnrolment:
    rank: int
    enrolment: Enrolment


def funnel_counts(programme: Programme) -> list[tuple[str, str, int]]:
    counts = dict(programme.enrolments.values_list("status").annotate(n=Count("pk")).order_by())
    return [(status.value, str(status.label), counts.get(status.value, 0)) for status in FUNNEL]


def assessment_lines(enrolment: Enrolment) -> list[dict[str, Any]]:
    """The stored assessment, rule by rule, in the reader's language."""
    return [
        {"rule": rule_label(result["rule"]), "passed": result["passed"], "reason": result_reason(result)}
        for result in enrolment.eligibility
    ]


def programme_page(user: User, programme: Programme) -> dict[str, Any]:
    """The recruitment of a programme: its funnel, applicants by status, reserve list and groups;
    each person listed is logged as read."""
    enrolments = list(programme.enrolments.select_related("participant", "group").order_by(*RESERVE_ORDER))
    log_reads([enrolment.participant for enrolment in enrolments], actor=user)
    by_status: dict[str, list[Enrolment]] = {status.value: [] for status in FUNNEL}
    for enrolment in enrolments:
        enrolment.assessment = assessment_lines(enrolment)  # type: ignore[attr-defined]
        # What the page may offer for this person: the moves the workflow allows from here.
        enrolment.moves = TRANSITIONS[enrolment.status]  # type: ignore[attr-defined]
        by_status[enrolment.status].append(enrolment)
    for status in (S.ENROLLED, S.LEFT):
        by_status[status].sort(key=lambda e: (e.participant.last_name, e.participant.first_name))
    reserve = [RankedEnrolment(rank, e) for rank, e in enumerate(by_status[S.RESERVE], start=1)]
    return {
        "funnel": funnel_counts(programme),
        "by_status": by_status,
        "reserve": reserve,
        "groups": list(programme.groups.annotate(size=Count("enrolments"))),
        "places_held": len(by_status[S.ENROLLED]) + len(by_status[S.OFFERED]),
        "full": len(by_status[S.ENROLLED]) + len(by_status[S.OFFERED]) >= programme.places,
    }


def programmes_summary(user: User, participant: Participant) -> SummarySection | None:
    """The file's summary: the programmes the person is in or waiting for, with their status."""
    if not policy.can(user, "programme.view", participant):
        return None
    enrolments = list(
        participant.enrolments.exclude(status=S.LEFT)
        .select_related("programme")
        .order_by("-applied_at", "-pk")[:ITEMS_SHOWN]
    )
    log_reads(enrolments, actor=user)
    return SummarySection(
        key="programmes",
        title=_("Current programmes"),
        empty=_("Not in any programme now."),
        url="?tab=programmes",
        items=[
            SummaryItem(
                text=enrolment.programme.name,
                url=reverse("programmes:detail", args=[enrolment.programme_id]),
                status=enrolment.get_status_display(),
                when=enrolment.enrolled_on,
                when_label=_("enrolled on"),
            )
            for enrolment in enrolments
        ],
    )
