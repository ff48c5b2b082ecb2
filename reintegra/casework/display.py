"""What the case-work lists print, worked out once a page: each row's addresses and labels.

A list's template prints these values and does nothing else per row: a ``{% url %}``, a
``{% blocktranslate %}`` or a date filter in a loop costs more a row than reading the row. So
each route is reversed once a page with a stand-in key, each label translated once a page and
looked up, and each sentence that carries a row's value filled in here. Nothing is marked
safe: the template escapes every value it prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.casework.caseload import CasePerson
from reintegra.casework.caseload_queries import MeetingRow, PlanRow, StepRow, TeamMember
from reintegra.casework.models import Meeting, MeetingKind, MeetingStatus
from reintegra.dates import WEEKDAYS_SHORT, day, moment
from reintegra.people.models import Relation
from reintegra.rows import address_of

PLAN_DETAIL = "plans:plan_detail"


class _Lengths:
    """How long a meeting lasts in words ("60 minutes"), written once a page for each length."""

    def __init__(self) -> None:
        self.known: dict[int, str] = {}

    def __call__(self, minutes: int) -> str:
        if minutes not in self.known:
            self.known[minutes] = ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {
                "minutes": minutes
            }
        return self.known[minutes]


# --- The caseload -----------------------------------------------------------------------


@dataclass(slots=True)
class MeetingItem:
    href: str
    title: str  # "Śr 2026-03-11 14:30 · Łucja Żółkiewska": the time as the date filter's "D Y-m-d H:i"
    details: str  # "social work · with Jan Nowak · 60 minutes · planned"


def meeting_items(*sections: Sequence[MeetingRow]) -> list[list[MeetingItem]]:
    """The meetings of each section given, with the labels worked out once for all of them."""
    address = address_of("casework:meeting_detail")
    kinds = {value: str(label) for value, label in MeetingKind.choices}
    statuses = {value: str(label) for value, label in MeetingStatus.choices}
    weekdays = [str(name) for name in WEEKDAYS_SHORT]
    with_whom = _("with %(name)s")
    length = _Lengths()

    def item(meeting: MeetingRow) -> MeetingItem:
        local = timezone.localtime(meeting.starts_at)
        details = [kinds.get(meeting.kind, meeting.kind)]
        if family := meeting.family_member:
            details.append(with_whom % {"name": family})
        details += [length(meeting.duration_minutes), statuses.get(meeting.status, meeting.status)]
        return MeetingItem(
            href=address(meeting.pk),
            title=f"{weekdays[local.weekday()]} {moment(local)} · {meeting.person}",
            details=" · ".join(details),
        )

    return [[item(meeting) for meeting in rows] for rows in sections]


@dataclass(slots=True)
class StepItem:
    href: str
    text: str
    details: str  # "Łucja Żółkiewska · due 2026-03-10"


def step_items(steps: Sequence[StepRow]) -> list[StepItem]:
    address = address_of("casework:meeting_detail")
    due = _("due %(due)s")
    return [
        StepItem(address(step.meeting_id), step.text, f"{step.person} · {due % {'due': day(step.due_on)}}")
        for step in steps
    ]


@dataclass(slots=True)
class PlanItem:
    href: str
    name: str
    person: str
    overdue: str  # empty: no action is overdue
    review: str  # empty: the review is not past


def plan_items(plans: Sequence[PlanRow]) -> list[PlanItem]:
    address = address_of(PLAN_DETAIL)
    review = _("review was due on %(day)s")

    def overdue(plan: PlanRow) -> str:
        if not plan.overdue_actions:
            return ""
        return ngettext(
            "%(n)s overdue action: “%(what)s”, due %(due)s",
            "%(n)s overdue actions, the first “%(what)s”, due %(due)s",
            plan.overdue_actions,
        ) % {
            "n": plan.overdue_actions,
            "what": plan.first_overdue,
            "due": day(plan.first_overdue_deadline) if plan.first_overdue_deadline else "",
        }

    def item(plan: PlanRow) -> PlanItem:
        return PlanItem(
            href=address(plan.pk),
            name=plan.type_name,
            person=plan.person,
            overdue=overdue(plan),
            review=review % {"day": day(plan.review_on)} if plan.review_passed and plan.review_on else "",
        )

    return [item(plan) for plan in plans]


@dataclass(slots=True)
class ContactItem:
    href: str
    person: str
    days: str  # "no contact for 40 days (at most 30 allowed)"


def contact_items(people: Sequence[CasePerson]) -> list[ContactItem]:
    address = address_of("casework:meetings")

    def days(person: CasePerson) -> str:
        return ngettext(
            "no contact for %(days)s day (at most %(interval)s allowed)",
            "no contact for %(days)s days (at most %(interval)s allowed)",
            person.days_without_contact,
        ) % {"days": person.days_without_contact, "interval": person.contact_interval_days}

    return [ContactItem(address(person.participant_id), str(person), days(person)) for person in people]


@dataclass(slots=True)
class PersonItem:
    person: str
    href: str  # the person's file
    assigned_on: str
    last_contact: str  # the local date; empty: never met
    not_contacted: bool
    meetings: str
    services: str
    plans: str
    assignments: str


def person_items(people: Sequence[CasePerson]) -> list[PersonItem]:
    routes = ("people:participant_detail", "casework:meetings", "casework:services", "plans:plans")
    detail, meetings, services, plans = (address_of(route) for route in routes)
    assignments = address_of("casework:assignments")

    def item(person: CasePerson) -> PersonItem:
        key = person.participant_id
        last = person.last_contact
        return PersonItem(
            person=str(person),
            href=detail(key),
            assigned_on=day(person.assigned_on),
            last_contact=day(timezone.localdate(last)) if last else "",
            not_contacted=person.not_contacted,
            meetings=meetings(key),
            services=services(key),
            plans=plans(key),
            assignments=assignments(key),
        )

    return [item(person) for person in people]


# --- The team ---------------------------------------------------------------------------


@dataclass(slots=True)
class TeamItem:
    href: str
    name: str
    people: int
    meetings_this_week: int
    overdue_steps: int
    plans_due: int


def team_items(team: Iterable[TeamMember]) -> list[TeamItem]:
    address = address_of("casework:team_member")
    return [
        TeamItem(
            address(member.pk),
            str(member.worker),
            member.people,
            member.meetings_this_week,
            member.overdue_steps,
            member.plans_due,
        )
        for member in team
    ]


# --- A person's meetings ----------------------------------------------------------------


@dataclass(slots=True)
class HistoryItem:
    """A meeting in a person's history."""

    href: str
    when: str
    kind: str  # "social work (60 minutes)"
    with_whom: str
    worker: str
    status: str


def history_items(meetings: Iterable[Meeting]) -> list[HistoryItem]:
    address = address_of("casework:meeting_detail")
    kinds = {value: str(label) for value, label in MeetingKind.choices}
    statuses = {value: str(label) for value, label in MeetingStatus.choices}
    relations = {value: str(label) for value, label in Relation.choices}
    the_person = _("the person")
    length = _Lengths()

    def with_whom(meeting: Meeting) -> str:
        member = meeting.family_member
        return f"{member} ({relations.get(member.relation, '')})" if member else the_person

    return [
        HistoryItem(
            href=address(meeting.pk),
            when=moment(meeting.starts_at),
            kind=f"{kinds.get(meeting.kind, meeting.kind)} ({length(meeting.duration_minutes)})",
            with_whom=with_whom(meeting),
            worker=str(meeting.worker),
            status=statuses.get(meeting.status, meeting.status),
        )
        for meeting in meetings
    ]
