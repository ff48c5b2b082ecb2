"""The caseload's SQL: its tables, its rules each written once, and one query per section.

Built with the ORM, the caseload's window counts and correlated subqueries cost more to compile
in Python than the database takes to run them (the page was 14.9 times a bare view, 4.2 by
hand), so it is read here by SQL that runs the same on SQLite and PostgreSQL
(``reintegra.rawsql``): named parameters in, one dataclass per row out.

Each rule is a condition on the table aliases its comment names. The section queries and the
team's counts are put together from the rules, so a rule changed here changes every page that
counts by it. Each section query takes a limit and an offset, and counts the section's rows as
it reads them (a window count, ``matching``). ``caseload`` decides what to read and logs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, User
from reintegra.audit.bulk import Read
from reintegra.casework.models import (
    DEFAULT_CONTACT_INTERVAL_DAYS,
    CaseAssignment,
    CaseworkSettings,
    Meeting,
    NextStep,
    meeting_label,
)
from reintegra.people.models import FamilyMember, Participant
from reintegra.plans import models as plan_models
from reintegra.plans import plan_types
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from reintegra.rawsql import day, fetch_rows, in_list, keys_in, when


@dataclass(frozen=True)
class Shown[T]:
    """Some rows of a section and how many there are in all."""

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


# --- Tables and rules -------------------------------------------------------------------
#
# Table names come from the models: a model that moves to another app takes its table along.
# ``{organisations}``, ``{team}`` and ``{people}`` are a reading's IN lists, written in last.

ASSIGNMENT = CaseAssignment._meta.db_table
PARTICIPANT = Participant._meta.db_table
FAMILY = FamilyMember._meta.db_table
MEETING = Meeting._meta.db_table
STEP = NextStep._meta.db_table
PLAN = plan_models.IndividualPlan._meta.db_table
ACTION = plan_models.PlanAction._meta.db_table
ENROLMENT = Enrolment._meta.db_table
PROGRAMME = Programme._meta.db_table
SETTINGS = CaseworkSettings._meta.db_table
USER = User._meta.db_table
MEMBERSHIP = Membership._meta.db_table

_OPEN, _OPEN_PARAMS = in_list("open", [str(status) for status in plan_models.OPEN_ACTION_STATUSES])
_REVIEWED, _REVIEWED_PARAMS = in_list(
    "reviewed", [str(plan_models.PlanStatus.AGREED), str(plan_models.PlanStatus.UNDER_REVIEW)]
)
_STAFF, _STAFF_PARAMS = in_list("staff", sorted(str(role) for role in policy.STAFF_ROLES))

# A person (p) in the care of an assignment's (a) worker: assigned, not ended, of the
# organisations in scope.
IN_CARE = "a.ended_on IS NULL AND p.organisation_id IN ({organisations})"

# A meeting (m) this week, Monday to Sunday in Warsaw, of a person (p) of the organisations in scope.
THIS_WEEK = (
    "m.starts_at >= %(monday)s AND m.starts_at < %(next_monday)s AND p.organisation_id IN ({organisations})"
)

# An overdue next step (s): not done, and its due date has passed.
OVERDUE_STEP = "s.done = %(false)s AND s.due_on < %(today)s"

# An overdue plan action (x): planned or in progress, and its deadline has passed.
OVERDUE_ACTION = f"x.status IN ({_OPEN}) AND x.deadline < %(today)s"

# A plan (pl) past its review: agreed or under review, and its review date has passed.
REVIEW_PASSED = f"pl.status IN ({_REVIEWED}) AND pl.review_on < %(today)s"

# A plan (pl) needing attention: a current version (not closed, no later version) of the
# organisations in scope, with an overdue action or past its review.
PLAN_DUE = f"""pl.organisation_id IN ({{organisations}}) AND pl.status <> %(closed)s
    AND NOT EXISTS (SELECT 1 FROM {PLAN} later WHERE later.previous_id = pl.id)
    AND ({REVIEW_PASSED}
      OR EXISTS (SELECT 1 FROM {ACTION} x WHERE x.plan_id = pl.id AND {OVERDUE_ACTION}))"""

# A member of a coordinator's team (u): active staff of one of the team's organisations, by a
# membership in force (Membership.objects.in_force()).
TEAM_MEMBER = f"""u.is_active AND EXISTS (SELECT 1 FROM {MEMBERSHIP} ms
    WHERE ms.user_id = u.id AND ms.organisation_id IN ({{team}}) AND ms.role IN ({_STAFF})
      AND (ms.ends_on IS NULL OR ms.ends_on >= %(today)s))"""

# A person's contact interval, in the people's query: the shortest a programme they are
# enrolled in sets (programme_intervals), else their organisation's (s), else the default.
CONTACT_INTERVAL = "COALESCE(programme_intervals.days, s.contact_interval_days, %(default_interval)s)"


# --- Rows -------------------------------------------------------------------------------
#
# As the queries read them: slotted dataclasses built by position (``fetch_rows``), several
# times faster than frozen ones for the 300 people a caseload reads.


class Counted(Protocol):
    """A row of a section, which says how many rows the section has in all (a window count)."""

    matching: int


@dataclass(slots=True)
class PersonRow:
    participant_id: int
    first_name: str
    last_name: str
    organisation_id: int
    assigned_on: date
    last_contact_at: datetime | None  # the last held meeting
    contact_interval_days: int
    matching: int

    def __str__(self) -> str:  # as Participant's
        return f"{self.first_name} {self.last_name}"

    @property
    def since(self) -> datetime:
        """Contact is counted from the last held meeting; never met: from the assignment."""
        return self.last_contact_at or midnight(self.assigned_on)


@dataclass(slots=True)
class MemberPersonRow(PersonRow):
    """A person in a team member's care, read for a coordinator with the member's name."""

    worker_id: int
    worker_username: str
    worker_first_name: str
    worker_last_name: str

    def worker(self) -> User:
        return User(
            pk=self.worker_id,
            username=self.worker_username,
            first_name=self.worker_first_name,
            last_name=self.worker_last_name,
        )


@dataclass(slots=True)
class MeetingRow:
    pk: int
    starts_at: datetime
    duration_minutes: int
    kind: str
    status: str
    participant_id: int
    organisation_id: int
    first_name: str
    last_name: str
    family_first_name: str | None  # none: a meeting with the person themselves
    family_last_name: str | None
    is_today: bool
    matching: int

    @property
    def person(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def family_member(self) -> str:  # as FamilyMember's
        return f"{self.family_first_name or ''} {self.family_last_name or ''}".strip()

    def read(self) -> Read:
        return Read(Meeting, self.pk, meeting_label(self.kind, self.starts_at), (self.organisation_id,))


@dataclass(slots=True)
class StepRow:
    pk: int
    meeting_id: int
    text: str
    due_on: date
    participant_id: int
    first_name: str
    last_name: str
    organisation_id: int
    matching: int

    @property
    def person(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def read(self) -> Read:
        return Read(NextStep, self.pk, self.text, (self.organisation_id,))


@dataclass(slots=True)
class PlanRow:
    pk: int
    plan_type: str
    number: int
    status: str
    review_on: date | None
    review_passed: bool
    participant_id: int
    organisation_id: int
    first_name: str
    last_name: str
    overdue_since: date
    overdue_actions: int
    first_overdue: str | None  # the open action longest past its deadline
    first_overdue_deadline: date | None
    matching: int

    @property
    def person(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def read(self) -> Read:
        label = plan_models.plan_label(self.plan_type, self.number)
        return Read(plan_models.IndividualPlan, self.pk, label, (self.organisation_id,))

    @property
    def type_name(self) -> str:
        return str(plan_types.plan_type(self.plan_type).name)


@dataclass(slots=True)
class TeamMember:
    """A member of the coordinator's team and the size of their caseload, by the caseload's rules."""

    pk: int
    username: str
    first_name: str
    last_name: str
    people: int
    meetings_this_week: int
    overdue_steps: int  # of all the people in their care
    plans_due: int  # the same people's plans with an overdue action or a passed review

    @property
    def worker(self) -> User:
        return User(pk=self.pk, username=self.username, first_name=self.first_name, last_name=self.last_name)


@dataclass(slots=True)
class MemberRow:
    pk: int
    username: str
    first_name: str
    last_name: str

    def worker(self) -> User:
        return User(pk=self.pk, username=self.username, first_name=self.first_name, last_name=self.last_name)


# --- Queries ----------------------------------------------------------------------------

_PEOPLE = f"""
WITH mine AS (
  SELECT a.participant_id, p.first_name, p.last_name, p.organisation_id, a.assigned_on,
    p.last_contact_at, COUNT(*) OVER () AS matching{{member}}
  FROM {ASSIGNMENT} a
  JOIN {PARTICIPANT} p ON p.id = a.participant_id{{member_join}}
  WHERE a.worker_id = %(worker)s AND {IN_CARE}{{in_team}}
  ORDER BY p.last_name, p.first_name, a.participant_id
  LIMIT %(limit)s OFFSET %(offset)s
),
programme_intervals AS (
  SELECT e.participant_id, MIN(g.contact_interval_days) AS days
  FROM {ENROLMENT} e JOIN {PROGRAMME} g ON g.id = e.programme_id
  WHERE e.participant_id IN (SELECT participant_id FROM mine) AND e.status = %(enrolled)s
    AND g.contact_interval_days IS NOT NULL
  GROUP BY e.participant_id
)
SELECT mine.participant_id, mine.first_name, mine.last_name, mine.organisation_id,
  mine.assigned_on, mine.last_contact_at, {CONTACT_INTERVAL} AS contact_interval_days,
  mine.matching{{member_out}}
FROM mine
LEFT JOIN programme_intervals ON programme_intervals.participant_id = mine.participant_id
LEFT JOIN {SETTINGS} s ON s.organisation_id = mine.organisation_id
ORDER BY mine.last_name, mine.first_name, mine.participant_id
"""

# For a coordinator: only a member of their team, named in the same query.
_MEMBER = """,
    u.id AS worker_id, u.username AS worker_username, u.first_name AS worker_first_name,
    u.last_name AS worker_last_name"""
_MEMBER_JOIN = f"\n  JOIN {USER} u ON u.id = a.worker_id"
_MEMBER_OUT = ", mine.worker_id, mine.worker_username, mine.worker_first_name, mine.worker_last_name"
_IN_TEAM = f"\n    AND {TEAM_MEMBER}"

_MEETINGS = f"""
WITH week AS (
  SELECT m.id AS pk, m.starts_at, m.duration_minutes, m.kind, m.status, m.participant_id,
    p.organisation_id, p.first_name, p.last_name,
    f.first_name AS family_first_name, f.last_name AS family_last_name,
    CASE WHEN m.starts_at >= %(midnight)s AND m.starts_at < %(next_midnight)s THEN 1 ELSE 0 END AS is_today
  FROM {MEETING} m
  JOIN {PARTICIPANT} p ON p.id = m.participant_id
  LEFT JOIN {FAMILY} f ON f.id = m.family_member_id
  WHERE m.worker_id = %(worker)s AND {THIS_WEEK}
),
numbered AS (
  SELECT week.*,
    ROW_NUMBER() OVER (PARTITION BY is_today ORDER BY starts_at, pk) AS n,
    COUNT(*) OVER (PARTITION BY is_today) AS matching
  FROM week{{only}}
)
SELECT pk, starts_at, duration_minutes, kind, status, participant_id, organisation_id, first_name,
  last_name, family_first_name, family_last_name, is_today, matching
FROM numbered
WHERE n > %(offset)s AND n <= %(offset)s + %(limit)s
ORDER BY starts_at, pk
"""

_STEPS = f"""
WITH page AS (
  SELECT s.id AS pk, s.meeting_id, s.text, s.due_on, s.participant_id, COUNT(*) OVER () AS matching
  FROM {STEP} s
  WHERE s.participant_id IN ({{people}}) AND {OVERDUE_STEP}
  ORDER BY s.due_on, s.id
  LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.*, p.first_name, p.last_name, p.organisation_id
FROM page JOIN {PARTICIPANT} p ON p.id = page.participant_id
ORDER BY page.due_on, page.pk
"""

# A plan is overdue since the earlier of its first overdue action's deadline and its passed review.
_PLANS = f"""
WITH due AS (
  SELECT pl.id AS pk, pl.plan_type, pl.number, pl.status, pl.review_on, pl.participant_id,
    pl.organisation_id,
    (SELECT MIN(x.deadline) FROM {ACTION} x WHERE x.plan_id = pl.id AND {OVERDUE_ACTION})
      AS first_overdue_deadline,
    CASE WHEN {REVIEW_PASSED} THEN 1 ELSE 0 END AS review_passed
  FROM {PLAN} pl
  WHERE pl.participant_id IN ({{people}}) AND {PLAN_DUE}
),
page AS (
  SELECT due.*,
    CASE WHEN review_passed = 1 AND (first_overdue_deadline IS NULL OR review_on < first_overdue_deadline)
      THEN review_on ELSE first_overdue_deadline END AS overdue_since,
    COUNT(*) OVER () AS matching
  FROM due
  ORDER BY overdue_since, pk
  LIMIT %(limit)s OFFSET %(offset)s
)
SELECT page.*, p.first_name, p.last_name,
  (SELECT COUNT(*) FROM {ACTION} x WHERE x.plan_id = page.pk AND {OVERDUE_ACTION}) AS overdue_actions,
  (SELECT x.what FROM {ACTION} x WHERE x.plan_id = page.pk AND {OVERDUE_ACTION}
    ORDER BY x.deadline, x.id LIMIT 1) AS first_overdue
FROM page JOIN {PARTICIPANT} p ON p.id = page.participant_id
ORDER BY page.overdue_since, page.pk
"""

_TEAM_MEMBER = f"""
SELECT u.id AS pk, u.username, u.first_name, u.last_name FROM {USER} u
WHERE u.id = %(worker)s AND {TEAM_MEMBER}
"""

_TEAM = f"""
WITH members AS (
  SELECT u.id AS pk, u.username, u.first_name, u.last_name
  FROM {USER} u
  WHERE {TEAM_MEMBER}
  ORDER BY u.last_name, u.first_name, u.username
  LIMIT %(members)s
),
care AS (
  SELECT a.worker_id, a.participant_id
  FROM {ASSIGNMENT} a
  JOIN {PARTICIPANT} p ON p.id = a.participant_id
  WHERE a.worker_id IN (SELECT pk FROM members) AND {IN_CARE}
)
SELECT members.*,
  (SELECT COUNT(*) FROM care WHERE care.worker_id = members.pk) AS people,
  (SELECT COUNT(*) FROM {MEETING} m JOIN {PARTICIPANT} p ON p.id = m.participant_id
    WHERE m.worker_id = members.pk AND {THIS_WEEK}) AS meetings_this_week,
  (SELECT COUNT(*) FROM care JOIN {STEP} s ON s.participant_id = care.participant_id
    WHERE care.worker_id = members.pk AND {OVERDUE_STEP}) AS overdue_steps,
  (SELECT COUNT(*) FROM care JOIN {PLAN} pl ON pl.participant_id = care.participant_id
    WHERE care.worker_id = members.pk AND {PLAN_DUE}) AS plans_due
FROM members
ORDER BY members.last_name, members.first_name, members.username
"""


class Reading:
    """One reading of a worker's caseload: whose, on which day, within which organisations.

    With ``team``, a coordinator's reading of a member of their team: the worker must be active
    staff of one of those organisations, or nobody is read. ``worker_pk`` None: the team's.
    """

    def __init__(
        self, worker_pk: int | None, organisation_ids: list[int], today: date, team: list[int] | None = None
    ):
        self.team = team
        organisations, params = in_list("organisation", organisation_ids)
        self.lists = {"organisations": organisations}
        if team is not None:
            self.lists["team"], team_params = in_list("team", team)
            params |= team_params
        monday, next_monday = week_of(today)
        self.params: dict[str, Any] = params | {
            "worker": worker_pk,
            "today": day(today),
            "midnight": when(midnight(today)),
            "next_midnight": when(midnight(today + timedelta(days=1))),
            "monday": when(monday),
            "next_monday": when(next_monday),
            "false": False,
            "closed": str(plan_models.PlanStatus.CLOSED),
            "enrolled": str(EnrolmentStatus.ENROLLED),
            "default_interval": DEFAULT_CONTACT_INTERVAL_DAYS,
            **_OPEN_PARAMS,
            **_REVIEWED_PARAMS,
            **_STAFF_PARAMS,
        }

    def people(self, limit: int, offset: int) -> Shown[PersonRow]:
        """The worker's people by name, with their last contact and contact interval."""
        member = self.team is not None
        sql = _PEOPLE.format(
            member=_MEMBER if member else "",
            member_out=_MEMBER_OUT if member else "",
            member_join=_MEMBER_JOIN if member else "",
            in_team=_IN_TEAM.format(**self.lists) if member else "",
            **self.lists,
        )
        row_type = MemberPersonRow if member else PersonRow
        return _shown(fetch_rows(row_type, sql, self._page(limit, offset)))

    def meetings(
        self, limit: int, offset: int, *, today: bool | None = None
    ) -> dict[bool, Shown[MeetingRow]]:
        """This week's meetings in time order, today's and the other days' (or only one of
        them) each a section of its own, in one query."""
        only = "" if today is None else " WHERE is_today = %(is_today)s"
        params = self._page(limit, offset) | {"is_today": int(bool(today))}
        rows = fetch_rows(MeetingRow, _MEETINGS.format(only=only, **self.lists), params)
        return {
            is_today: _shown([row for row in rows if row.is_today == is_today]) for is_today in (True, False)
        }

    def steps(self, people: list[int], limit: int, offset: int) -> Shown[StepRow]:
        """The people's overdue next steps, the longest overdue first."""
        if not people:
            return Shown([], 0)
        keys, params = keys_in("people", people)
        sql = _STEPS.format(people=keys, **self.lists)
        return _shown(fetch_rows(StepRow, sql, self._page(limit, offset) | params))

    def plans(self, people: list[int], limit: int, offset: int) -> Shown[PlanRow]:
        """The people's plans needing attention, the longest overdue first, each with its
        overdue actions and the first of them."""
        if not people:
            return Shown([], 0)
        keys, params = keys_in("people", people)
        sql = _PLANS.format(people=keys, **self.lists)
        return _shown(fetch_rows(PlanRow, sql, self._page(limit, offset) | params))

    def member(self) -> User | None:
        """The worker, if a member of the coordinator's team (``team``)."""
        members = fetch_rows(MemberRow, _TEAM_MEMBER.format(**self.lists), self.params)
        return members[0].worker() if members else None

    def members(self, limit: int) -> list[TeamMember]:
        """The team's members by name, each with the counts of all the people in their care (the
        whole backlog, where a caseload reads its first ``CASELOAD_LIMIT`` people)."""
        params = self.params | {"members": limit}
        return fetch_rows(TeamMember, _TEAM.format(**self.lists), params)

    def _page(self, limit: int, offset: int) -> dict[str, Any]:
        return self.params | {"limit": limit, "offset": offset}


def _shown[R: Counted](rows: list[R]) -> Shown[R]:
    return Shown(rows, rows[0].matching if rows else 0)
