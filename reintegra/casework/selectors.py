"""Reads of case work, always scoped to the organisations where the user may see the person.

A meeting or service of another organisation is answered with ``Http404``, the same as one that
does not exist. Every meeting, next step and service shown to a user is written to the audit log
as read: one at a time on its own page, in one bulk insert on a list (so a page costs the same
few queries however many rows it shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from auditlog.signals import accessed
from django.db.models import Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.casework.caseload_queries import week_of
from reintegra.casework.models import (
    OPEN_ACTION_STATUSES,
    CaseAssignment,
    IndividualPlan,
    Meeting,
    NextStep,
    PlanAction,
    PlanStatus,
    ServiceDelivery,
)
from reintegra.people import selectors as people_selectors
from reintegra.people.models import Participant

# --- A person's case file ---------------------------------------------------------------


def participant_get(user: User, pk: int, *, permission: str = "casework.view") -> Participant:
    """The person whose case file is opened; 404 outside the user's organisations; audited."""
    return people_selectors.participant_get_for_user(user, pk, permission=permission)


def participant_get_for_list(user: User, pk: int, *, permission: str = "casework.view") -> Participant:
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


def meetings_of(participant: Participant) -> QuerySet[Meeting]:
    return participant.meetings.select_related("participant", "worker", "family_member").order_by(
        "-starts_at", "-pk"
    )


def services_of(participant: Participant) -> QuerySet[ServiceDelivery]:
    return participant.services.select_related("participant", "provider_organisation").order_by(
        "-delivered_on", "-pk"
    )


def assignments_of(participant: Participant) -> QuerySet[CaseAssignment]:
    return participant.assignments.select_related(
        "participant", "worker", "assigned_by", "ended_by"
    ).order_by(F("ended_on").desc(nulls_first=True), "-assigned_on", "-pk")


def assignment_get(participant: Participant, pk: int) -> CaseAssignment:
    assignment = participant.assignments.select_related("participant", "worker").filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return assignment


def staff_of(organisation_id: int) -> QuerySet[User]:
    """Who may look after a person of the organisation: its administrators, coordinators, case workers."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role__in=policy.STAFF_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def meeting_get_for_user(user: User, pk: int, *, permission: str = "casework.view") -> Meeting:
    """A meeting, if the user may see its person; the read is audited."""
    organisation_ids = policy.organisation_ids_where(user, permission)
    meeting = (
        Meeting.objects.select_related("participant", "participant__organisation", "worker", "family_member")
        .filter(pk=pk, participant__organisation_id__in=organisation_ids)
        .first()
    )
    if meeting is None:
        raise Http404
    accessed.send(sender=Meeting, instance=meeting)
    return meeting


def next_steps_of(meeting: Meeting) -> QuerySet[NextStep]:
    return meeting.next_steps.select_related("participant", "meeting").order_by("pk")


def next_step_get(meeting: Meeting, pk: int) -> NextStep:
    step = meeting.next_steps.select_related("participant", "meeting").filter(pk=pk).first()
    if step is None:
        raise Http404
    return step


def service_get_for_user(user: User, pk: int, *, permission: str = "casework.view") -> ServiceDelivery:
    """A service record, if the user may see its person; the read is audited."""
    organisation_ids = policy.organisation_ids_where(user, permission)
    service = (
        ServiceDelivery.objects.select_related(
            "participant", "participant__organisation", "provider_organisation", "recorded_by"
        )
        .filter(pk=pk, participant__organisation_id__in=organisation_ids)
        .first()
    )
    if service is None:
        raise Http404
    accessed.send(sender=ServiceDelivery, instance=service)
    return service


# --- The team (counted here until it counts by the caseload's own rules) ------------------

TEAM_LIMIT = 200


NO_DEADLINE = date(9999, 12, 31)


def _overdue_actions(today: date) -> QuerySet[PlanAction]:
    return PlanAction.objects.filter(
        plan=OuterRef("pk"), status__in=OPEN_ACTION_STATUSES, deadline__lt=today
    ).order_by("deadline", "pk")


def _review_passed(today: date) -> Q:
    return Q(status__in=[PlanStatus.AGREED, PlanStatus.UNDER_REVIEW], review_on__lt=today)


def _due_plans(worker: Any, organisation_ids: set[int], today: date) -> QuerySet[IndividualPlan]:
    """Current plans of the worker's people with an overdue open action or a passed review."""
    return (
        IndividualPlan.objects.filter(
            participant__assignments__worker=worker,
            participant__assignments__ended_on__isnull=True,
            organisation_id__in=organisation_ids,
            next_version__isnull=True,
        )
        .exclude(status=PlanStatus.CLOSED)
        .filter(_review_passed(today) | Exists(_overdue_actions(today)))
    )


@dataclass(frozen=True)
class TeamMember:
    worker: User
    people: int
    meetings_this_week: int
    overdue_steps: int
    plans_due: int  # current plans with an overdue action or a passed review


def team_for(user: User, *, today: date | None = None) -> list[TeamMember]:
    """The staff of the coordinator's organisations, each with the size of their caseload."""
    today = today or timezone.localdate()
    organisation_ids = policy.organisation_ids_where(user, "casework.assign")
    start, end = week_of(today)
    active = CaseAssignment.objects.filter(
        worker=OuterRef("pk"), ended_on__isnull=True, participant__organisation_id__in=organisation_ids
    )
    meetings = Meeting.objects.filter(
        worker=OuterRef("pk"),
        starts_at__gte=start,
        starts_at__lt=end,
        participant__organisation_id__in=organisation_ids,
    )
    overdue = NextStep.objects.filter(
        done=False,
        due_on__lt=today,
        participant__assignments__worker=OuterRef("pk"),
        participant__assignments__ended_on__isnull=True,
        participant__organisation_id__in=organisation_ids,
    )
    workers = (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisation_ids,
            memberships__role__in=policy.STAFF_ROLES,
        )
        .distinct()
        .annotate(
            people_count=_aggregate(active),
            meetings_count=_aggregate(meetings),
            overdue_count=_aggregate(overdue),
            plans_count=_aggregate(_due_plans(OuterRef("pk"), organisation_ids, today)),
        )
        .order_by("last_name", "first_name", "username")[:TEAM_LIMIT]
    )
    return [
        TeamMember(
            worker=worker,
            people=worker.people_count,
            meetings_this_week=worker.meetings_count,
            overdue_steps=worker.overdue_count,
            plans_due=worker.plans_count,
        )
        for worker in workers
    ]


def _aggregate(queryset: QuerySet[Any]) -> Coalesce:
    """COUNT(*) of a correlated subquery: a plain function, so the ORM adds no GROUP BY."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
