"""Reads of case work, always scoped to the organisations where the user may see the person.

A meeting or service of another organisation is answered with ``Http404``, the same as one that
does not exist. Every meeting, next step and service shown to a user is written to the audit log
as read: one at a time on its own page, in one bulk insert on a list (so a page costs the same
few queries however many rows it shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from auditlog.signals import accessed
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.http import Http404
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.casework.models import (
    DEFAULT_CONTACT_INTERVAL_DAYS,
    CaseAssignment,
    CaseworkSettings,
    Meeting,
    NextStep,
    ServiceDelivery,
)
from reintegra.people import selectors as people_selectors
from reintegra.people.models import Participant
from reintegra.plans.models import OPEN_ACTION_STATUSES, IndividualPlan, PlanAction, PlanStatus
from reintegra.programmes.models import Enrolment, EnrolmentStatus

CASELOAD_LIMIT = 300  # people or rows in one section of a caseload; more is a sign to reassign
TEAM_LIMIT = 200


# --- A person's case file ---------------------------------------------------------------


def participant_get(user: User, pk: int, *, permission: str = "casework.view") -> Participant:
    """The person whose case file is opened; 404 outside the user's organisations; audited."""
    return people_selectors.participant_get_for_user(user, pk, permission=permission)


def participant_get_for_list(user: User, pk: int, *, permission: str = "casework.view") -> Participant:
    """The same person and the same 404, for a list page that logs the read itself."""
    return people_selectors.participant_get_for_list(user, pk, permission=permission)


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


# --- The caseload -----------------------------------------------------------------------

SHOWN = 10  # rows of each section on the caseload; the rest are a link away, paged


class Section(StrEnum):
    """The caseload's sections, each also a paged list of its own."""

    TODAY = "today"
    WEEK = "week"
    STEPS = "steps"
    PLANS = "plans"
    CONTACT = "contact"
    PEOPLE = "people"


@dataclass(frozen=True)
class CasePerson:
    """A person in the worker's care, read as plain values: the caseload shows a name and dates."""

    participant_id: int
    first_name: str
    last_name: str
    assigned_on: date
    last_contact: datetime | None
    days_without_contact: int
    contact_interval_days: int

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def not_contacted(self) -> bool:
        return self.days_without_contact > self.contact_interval_days


@dataclass(frozen=True)
class Shown[T]:
    """The first rows of a section and how many there are in all."""

    rows: list[T]
    count: int

    @property
    def more(self) -> bool:
        return self.count > len(self.rows)


def week_of(day: date) -> tuple[datetime, datetime]:
    """Monday 00:00 to the next Monday 00:00, Europe/Warsaw (the project's time zone)."""
    monday = day - timedelta(days=day.weekday())
    return midnight(monday), midnight(monday + timedelta(days=7))


def midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def contact_intervals(organisation_ids: set[int]) -> dict[int, int]:
    """Days between contacts per organisation; an organisation without settings uses 30."""
    intervals = dict.fromkeys(organisation_ids, DEFAULT_CONTACT_INTERVAL_DAYS)
    intervals.update(
        CaseworkSettings.objects.filter(organisation_id__in=organisation_ids).values_list(
            "organisation_id", "contact_interval_days"
        )
    )
    return intervals


def week_meetings(
    worker: User, organisation_ids: set[int], today: date, *, only_today: bool | None = None
) -> QuerySet[Meeting]:
    """The worker's meetings this week, in time order; only today's, or only the other days'."""
    start, end = week_of(today)
    meetings = Meeting.objects.filter(
        worker=worker,
        starts_at__gte=start,
        starts_at__lt=end,
        participant__organisation_id__in=organisation_ids,
    )
    day = Q(starts_at__gte=midnight(today), starts_at__lt=midnight(today + timedelta(days=1)))
    if only_today is True:
        meetings = meetings.filter(day)
    elif only_today is False:
        meetings = meetings.exclude(day)
    return meetings.select_related("participant", "family_member", "worker").order_by("starts_at", "pk")


def overdue_steps(worker: User, organisation_ids: set[int], today: date) -> QuerySet[NextStep]:
    """Open next steps of the worker's people past their due date, the longest overdue first."""
    return (
        NextStep.objects.filter(
            done=False,
            due_on__lt=today,
            participant__assignments__worker=worker,
            participant__assignments__ended_on__isnull=True,
            participant__organisation_id__in=organisation_ids,
        )
        .select_related("participant", "meeting")
        .order_by("due_on", "pk")
    )


def case_people(worker: User, organisation_ids: set[int], today: date) -> list[CasePerson]:
    """The worker's people by name (at most ``CASELOAD_LIMIT``), with their last contact.

    Read as plain values: the caseload needs names and dates, not whole records.
    """
    rows = _people_values(worker.pk, organisation_ids)[:CASELOAD_LIMIT]
    return [_case_person(row, today) for row in rows]


PERSON_FIELDS = (
    "participant_id",
    "participant__first_name",
    "participant__last_name",
    "assigned_on",
    "last_contact",
    "contact_interval",
)


def _people_values(worker_pk: int, organisation_ids: set[int]) -> QuerySet[CaseAssignment, dict[str, Any]]:
    return people_in_care(worker_pk, organisation_ids).values(*PERSON_FIELDS)


def people_in_care(worker_pk: int, organisation_ids: set[int]) -> QuerySet[CaseAssignment]:
    """The worker's current assignments by the person's name, with the last contact and interval."""
    return (
        CaseAssignment.objects.filter(
            worker_id=worker_pk, ended_on__isnull=True, participant__organisation_id__in=organisation_ids
        )
        .select_related("participant")
        .annotate(
            last_contact=F("participant__last_contact_at"),
            contact_interval=Coalesce(_programme_interval(), _organisation_interval()),
        )
        .order_by("participant__last_name", "participant__first_name", "participant_id")
    )


def as_case_people(assignments: list[CaseAssignment], today: date) -> list[CasePerson]:
    """A page of ``people_in_care`` as the caseload's rows."""
    return [
        _case_person(
            {
                "participant_id": assignment.participant_id,
                "participant__first_name": assignment.participant.first_name,
                "participant__last_name": assignment.participant.last_name,
                "assigned_on": assignment.assigned_on,
                "last_contact": assignment.last_contact,  # type: ignore[attr-defined]
                "contact_interval": assignment.contact_interval,  # type: ignore[attr-defined]
            },
            today,
        )
        for assignment in assignments
    ]


def not_contacted(worker: User, organisation_ids: set[int], today: date) -> list[CasePerson]:
    """The worker's people past their contact interval, the longest without contact first."""
    return _not_contacted(case_people(worker, organisation_ids, today))


def _not_contacted(people: list[CasePerson]) -> list[CasePerson]:
    return sorted(
        (person for person in people if person.not_contacted),
        key=lambda person: (person.last_contact or midnight(person.assigned_on), person.participant_id),
    )


def _organisation_interval() -> Subquery:
    """The organisation's contact interval, read in the assignments' own query (none: the default).

    A programme the person is enrolled in may set a shorter or longer one, which then applies.
    """
    return Subquery(
        CaseworkSettings.objects.filter(organisation_id=OuterRef("participant__organisation_id")).values(
            "contact_interval_days"
        )[:1]
    )


def _programme_interval() -> Subquery:
    """The shortest contact interval among the programmes the person is enrolled in (if any sets one)."""
    return Subquery(
        Enrolment.objects.filter(
            participant=OuterRef("participant_id"),
            status=EnrolmentStatus.ENROLLED,
            programme__contact_interval_days__isnull=False,
        )
        .order_by("programme__contact_interval_days")
        .values("programme__contact_interval_days")[:1]
    )


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


def plans_due(worker: User, organisation_ids: set[int], today: date) -> QuerySet[IndividualPlan]:
    """The worker's people's current plans that need attention, the most overdue first.

    A plan is due when one of its open actions is past its deadline, or when it is agreed (or
    under review) and its review date has passed. The earliest overdue action comes with it;
    ``overdue_since`` is the earlier of that action's deadline and the passed review date.
    """
    overdue = _overdue_actions(today)
    return (
        _due_plans(worker, organisation_ids, today)
        .select_related("participant")
        .annotate(
            overdue_actions=_aggregate(overdue),
            first_overdue=Subquery(overdue.values("what")[:1]),
            first_overdue_deadline=Subquery(overdue.values("deadline")[:1]),
        )
        .annotate(
            overdue_since=Least(
                Coalesce(F("first_overdue_deadline"), Value(NO_DEADLINE), output_field=DateField()),
                Case(When(_review_passed(today), then=F("review_on")), default=Value(NO_DEADLINE)),
                output_field=DateField(),
            )
        )
        .order_by("overdue_since", "pk")
    )


def _case_person(row: dict[str, Any], today: date) -> CasePerson:
    """Days since the last held meeting; never met: since the person was assigned."""
    last_contact: datetime | None = row["last_contact"]
    since = timezone.localdate(last_contact) if last_contact else row["assigned_on"]
    return CasePerson(
        participant_id=row["participant_id"],
        first_name=row["participant__first_name"],
        last_name=row["participant__last_name"],
        assigned_on=row["assigned_on"],
        last_contact=last_contact,
        days_without_contact=(today - since).days,
        contact_interval_days=row["contact_interval"] or DEFAULT_CONTACT_INTERVAL_DAYS,
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


def team_member_get(user: User, worker_pk: int) -> User:
    """A member of the coordinator's team; anyone else is a 404."""
    organisation_ids = policy.organisation_ids_where(user, "casework.assign")
    worker = (
        User.objects.filter(
            pk=worker_pk,
            is_active=True,
            memberships__organisation_id__in=organisation_ids,
            memberships__role__in=policy.STAFF_ROLES,
        )
        .distinct()
        .first()
    )
    if worker is None:
        raise Http404
    return worker
