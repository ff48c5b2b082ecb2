"""The caseload: what needs a case worker's action now, and the team's caseload for coordinators.

It is the page a worker opens first and again all day. Its sections (today's meetings, the rest
of the week's, overdue next steps, plans needing attention, people not contacted, everyone in
care) are each read by one query with a limit and an offset (``caseload_queries``): the first
``SHOWN`` rows of each on the caseload, ``SECTION_PAGE_SIZE`` a page on the section's own page
behind "all N", with how many there are in all counted by the same query.

Every read is scoped to the organisations where the user may view case work, and bounded: a
worker's people are read first (at most ``CASELOAD_LIMIT`` by name; the page says when there
are more), their overdue steps and plans then by the people's keys. The functions here write
the read entries of the rows they return (``log_reads``): one statement for the whole caseload,
one for a section's page. Who has gone without contact for too long is worked out here, once,
over the people read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from math import ceil
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import Http404
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import Read, log_reads
from reintegra.casework.caseload_queries import (
    MeetingRow,
    MemberPersonRow,
    PersonRow,
    PlanRow,
    Reading,
    Shown,
    StepRow,
    TeamMember,
    midnight,
)
from reintegra.people.models import Participant

CASELOAD_LIMIT = 300  # people read for one caseload; more is a sign to reassign
TEAM_LIMIT = 200  # members on the team page
SHOWN = 10  # rows of each section on the caseload; the rest are a link away, paged
SECTION_PAGE_SIZE = 25
LAST_PAGE = 1_000_000  # a greater page number asks for this one: past the end of any section


class Section(StrEnum):
    """The caseload's sections, each also a paged list of its own."""

    TODAY = "today"
    WEEK = "week"
    STEPS = "steps"
    PLANS = "plans"
    CONTACT = "contact"
    PEOPLE = "people"


# --- People not contacted ----------------------------------------------------------------


@dataclass(frozen=True)
class CasePerson:
    """A person in the worker's care as shown: their contact worked out for today."""

    participant_id: int
    first_name: str
    last_name: str
    organisation_id: int
    assigned_on: date
    last_contact: datetime | None
    contact_interval_days: int
    days_without_contact: int
    not_contacted: bool

    def __str__(self) -> str:  # as Participant's
        return f"{self.first_name} {self.last_name}"

    def read(self) -> Read:
        return Read(Participant, self.participant_id, str(self), (self.organisation_id,))


class _ContactCheck:
    """Whether a person has gone without contact for longer than their interval allows.

    Whole days are counted in Warsaw from their last held meeting (never met: from their
    assignment) to today. Compared with the first day, and the first moment of it, that is no
    longer too long ago, so no one's local date needs working out but those shown.
    """

    def __init__(self, today: date) -> None:
        self.today = today
        self.cutoffs: dict[int, tuple[date, datetime]] = {}

    def __call__(self, person: PersonRow) -> bool:
        interval = person.contact_interval_days
        cutoff = self.cutoffs.get(interval)
        if cutoff is None:
            first_day = self.today - timedelta(days=interval)
            cutoff = self.cutoffs[interval] = (first_day, midnight(first_day))
        if person.last_contact_at is None:
            return person.assigned_on < cutoff[0]
        return person.last_contact_at < cutoff[1]

    def shown(self, person: PersonRow) -> CasePerson:
        return CasePerson(
            participant_id=person.participant_id,
            first_name=person.first_name,
            last_name=person.last_name,
            organisation_id=person.organisation_id,
            assigned_on=person.assigned_on,
            last_contact=person.last_contact_at,
            contact_interval_days=person.contact_interval_days,
            days_without_contact=(self.today - timezone.localdate(person.since)).days,
            not_contacted=self(person),
        )

    def not_contacted(self, people: list[PersonRow]) -> list[PersonRow]:
        """The people past their contact interval, the longest without contact first."""
        return sorted(filter(self, people), key=lambda person: (person.since, person.participant_id))


# --- The caseload -----------------------------------------------------------------------


@dataclass(frozen=True)
class Caseload:
    worker: User
    today: date
    meetings_today: Shown[MeetingRow]
    meetings_this_week: Shown[MeetingRow]  # the other days of this week
    overdue_steps: Shown[StepRow]
    plans_due: Shown[PlanRow]  # current plans with overdue actions or a passed review, most overdue first
    not_contacted: Shown[CasePerson]
    people_count: int
    people_capped: bool = False

    @property
    def shown_reads(self) -> list[Read]:
        """The case-file rows and the people the page shows, to be logged as read."""
        rows: list[MeetingRow | StepRow | PlanRow | CasePerson] = [
            *self.meetings_today.rows,
            *self.meetings_this_week.rows,
            *self.overdue_steps.rows,
            *self.plans_due.rows,
            *self.not_contacted.rows,
        ]
        return [row.read() for row in rows]


def caseload_for(user: User, *, today: date | None = None) -> Caseload:
    """The user's own caseload; what it shows is logged as read."""
    return _caseload(user, user.pk, today or timezone.localdate(), team=None)


def team_member_caseload(user: User, worker_pk: int, *, today: date | None = None) -> Caseload:
    """A member of the coordinator's team's caseload; anyone else is a 404; what it shows is
    logged as the coordinator's read.

    The member is checked (and named) in the query of their people, so the coordinator's view
    costs the same queries as the worker's own; only a member with nobody in care needs a query
    of their own.
    """
    return _caseload(user, worker_pk, today or timezone.localdate(), team=_team(user))


def _caseload(user: User, worker_pk: int, today: date, *, team: list[int] | None) -> Caseload:
    reading = _reading(user, worker_pk, today, team)
    if reading is None:
        nothing: Shown[Any] = Shown([], 0)
        worker = _worker(user, team, None, [])
        return Caseload(worker, today, nothing, nothing, nothing, nothing, nothing, 0)
    people = reading.people(CASELOAD_LIMIT, 0)
    meetings = reading.meetings(SHOWN, 0)
    keys = [person.participant_id for person in people.rows]
    check = _ContactCheck(today)
    overdue = check.not_contacted(people.rows)
    load = Caseload(
        worker=_worker(user, team, reading, people.rows),
        today=today,
        meetings_today=meetings[True],
        meetings_this_week=meetings[False],
        overdue_steps=reading.steps(keys, SHOWN, 0),
        plans_due=reading.plans(keys, SHOWN, 0),
        not_contacted=Shown([check.shown(person) for person in overdue[:SHOWN]], len(overdue)),
        people_count=min(people.count, CASELOAD_LIMIT),
        people_capped=people.count > CASELOAD_LIMIT,
    )
    log_reads(load.shown_reads, actor=user)
    return load


def _team(user: User) -> list[int]:
    return sorted(policy.organisation_ids_where(user, "casework.assign"))


def _reading(user: User, worker_pk: int, today: date, team: list[int] | None) -> Reading | None:
    """The reading of the worker's caseload, or None when the user may see none of it."""
    organisation_ids = sorted(policy.organisation_ids_where(user, "casework.view"))
    if not organisation_ids or team == []:
        return None
    return Reading(worker_pk, organisation_ids, today, team)


def _worker(user: User, team: list[int] | None, reading: Reading | None, people: list[PersonRow]) -> User:
    """Whose caseload is read: the user's own, or a team member's, named by their people read
    or, with nobody in their care, by a query of their own; anyone else is a 404."""
    if team is None:
        return user
    if people and isinstance(person := people[0], MemberPersonRow):
        return person.worker()
    member = reading.member() if reading is not None else None
    if member is None:
        raise Http404
    return member


# --- A section on its own page -----------------------------------------------------------


@dataclass(frozen=True)
class SectionPage:
    """A page of one section: its rows and, for the pagination, the section's count."""

    worker: User
    section: Section
    today: date
    page: Page

    @property
    def rows(self) -> list[Any]:
        return list(self.page.object_list)


def section_for(
    user: User, section: Section, *, page: str | None = None, today: date | None = None
) -> SectionPage:
    """A page of a section of the user's own caseload; the rows it shows are logged as read."""
    return _section(user, user.pk, section, page, today or timezone.localdate(), team=None)


def team_member_section(
    user: User, worker_pk: int, section: Section, *, page: str | None = None, today: date | None = None
) -> SectionPage:
    """A page of a section of a team member's caseload; anyone else is a 404; the rows it shows
    are logged as the coordinator's read."""
    return _section(user, worker_pk, section, page, today or timezone.localdate(), team=_team(user))


def _section(
    user: User, worker_pk: int, section: Section, number: str | None, today: date, *, team: list[int] | None
) -> SectionPage:
    reading = _reading(user, worker_pk, today, team)
    if reading is None:
        return SectionPage(_worker(user, team, None, []), section, today, _page(_nothing, None))
    if section == Section.PEOPLE:
        check = _ContactCheck(today)
        named: list[PersonRow] = []  # a row read, which names a team member

        def read(limit: int, offset: int) -> Shown[Any]:
            people = reading.people(limit, offset)
            named[:] = people.rows[:1]
            return Shown([check.shown(person) for person in people.rows], people.count)

        shown = _page(read, number)
        worker = _worker(user, team, reading, named)
    elif section in (Section.TODAY, Section.WEEK):
        worker = _worker(user, team, reading, [])
        is_today = section == Section.TODAY
        shown = _page(lambda limit, offset: reading.meetings(limit, offset, today=is_today)[is_today], number)
    else:
        people = reading.people(CASELOAD_LIMIT, 0).rows
        worker = _worker(user, team, reading, people)
        shown = _page(_of_people(section, reading, people, today), number)
    log_reads([row.read() for row in shown.object_list], actor=user)
    return SectionPage(worker, section, today, shown)


def _nothing(limit: int, offset: int) -> Shown[Any]:
    return Shown([], 0)


def _of_people(
    section: Section, reading: Reading, people: list[PersonRow], today: date
) -> Callable[[int, int], Shown[Any]]:
    """How a section of the worker's people's rows is read, a page at a time."""
    keys = [person.participant_id for person in people]
    if section == Section.STEPS:
        return lambda limit, offset: reading.steps(keys, limit, offset)
    if section == Section.PLANS:
        return lambda limit, offset: reading.plans(keys, limit, offset)
    check = _ContactCheck(today)
    overdue = check.not_contacted(people)

    def read(limit: int, offset: int) -> Shown[Any]:
        return Shown([check.shown(person) for person in overdue[offset : offset + limit]], len(overdue))

    return read


class _Counted(Paginator):
    """A paginator told its count: a section's query counts its rows as it reads a page."""

    def __init__(self, count: int, per_page: int) -> None:
        super().__init__((), per_page)
        self.__dict__["count"] = count  # fills the cached property


def _page(read: Callable[[int, int], Shown[Any]], number: str | None) -> Page:
    """A page of ``SECTION_PAGE_SIZE`` rows; past the last page (an old link), the last page."""
    size = SECTION_PAGE_SIZE
    wanted = _page_number(number)
    shown = read(size, (wanted - 1) * size)
    if not shown.rows and wanted > 1:
        shown, wanted = read(size, 0), 1
        last = max(1, ceil(shown.count / size))
        if last > 1:
            shown, wanted = read(size, (last - 1) * size), last
    return Page(shown.rows, wanted, _Counted(shown.count, size))


def _page_number(number: str | None) -> int:
    """The page asked for: not a number, the first; past any section's end, within what an
    offset the databases take can say."""
    try:
        return min(max(1, int(number or 1)), LAST_PAGE)
    except ValueError:
        return 1


# --- The team ---------------------------------------------------------------------------


def team_for(user: User, *, today: date | None = None) -> list[TeamMember]:
    """The staff of the coordinator's organisations (at most ``TEAM_LIMIT``), each with the size
    of their caseload counted by the caseload's own rules, in one query."""
    team = _team(user)
    if not team:
        return []
    reading = Reading(None, team, today or timezone.localdate(), team)
    return reading.members(TEAM_LIMIT)
