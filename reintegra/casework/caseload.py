"""The caseload: what needs a case worker's action now, read in four hand-written queries.

It is the page a worker opens first and again all day. Built with the ORM, its window counts
and correlated subqueries cost more to compile in Python than the database takes to run them,
and each row became a model with its relations; so it is read here as plain rows by SQL that
runs the same on SQLite and PostgreSQL (``reintegra.rawsql``). The paged section pages behind
"all N" keep the ORM querysets in ``selectors``, and the tests hold both to the same answers.

Every read is scoped to the organisations where the user may view case work, and every section
is bounded: its first ``SHOWN`` rows and, from the same query, how many there are in all. The
worker's people are read first (at most ``CASELOAD_LIMIT``; the page says when there are more);
their overdue next steps and plans are then read by the people's keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import Read
from reintegra.casework.models import (
    DEFAULT_CONTACT_INTERVAL_DAYS,
    Meeting,
    NextStep,
    meeting_label,
)
from reintegra.casework.selectors import (
    CASELOAD_LIMIT,
    NO_DEADLINE,
    SHOWN,
    CasePerson,
    Shown,
    midnight,
    team_member_get,
    week_of,
)
from reintegra.plans.models import OPEN_ACTION_STATUSES, IndividualPlan, PlanStatus, plan_label
from reintegra.programmes.models import EnrolmentStatus
from reintegra.rawsql import day, fetch, keys_in, placeholders, read_date, read_datetime, when


@dataclass(frozen=True)
class MeetingRow:
    pk: int
    starts_at: datetime
    duration_minutes: int
    kind: str
    status: str
    participant_id: int
    organisation_id: int
    person: str
    family_member: str  # empty: a meeting with the person themselves

    def read(self) -> Read:
        return Read(Meeting, self.pk, meeting_label(self.kind, self.starts_at), (self.organisation_id,))

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingRow:
        return cls(
            meeting.pk,
            meeting.starts_at,
            meeting.duration_minutes,
            meeting.kind,
            meeting.status,
            meeting.participant_id,
            meeting.participant.organisation_id,
            str(meeting.participant),
            str(meeting.family_member) if meeting.family_member else "",
        )


@dataclass(frozen=True)
class StepRow:
    pk: int
    meeting_id: int
    text: str
    due_on: date
    participant_id: int
    organisation_id: int
    person: str

    def read(self) -> Read:
        return Read(NextStep, self.pk, self.text, (self.organisation_id,))

    @classmethod
    def of(cls, step: NextStep) -> StepRow:
        assert step.due_on is not None  # overdue steps have a due date
        return cls(
            step.pk,
            step.meeting_id,
            step.text,
            step.due_on,
            step.participant_id,
            step.participant.organisation_id,
            str(step.participant),
        )


@dataclass(frozen=True)
class PlanRow:
    pk: int
    plan_type: str
    number: int
    status: str
    review_on: date | None
    participant_id: int
    organisation_id: int
    person: str
    overdue_actions: int
    first_overdue: str | None
    first_overdue_deadline: date | None

    def read(self) -> Read:
        return Read(IndividualPlan, self.pk, plan_label(self.plan_type, self.number), (self.organisation_id,))

    def review_passed(self, today: date) -> bool:
        return self.status != PlanStatus.DRAFT and self.review_on is not None and self.review_on < today

    @classmethod
    def of(cls, plan: IndividualPlan) -> PlanRow:
        """A plan of ``selectors.plans_due`` (annotated with its overdue actions)."""
        assert plan.participant is not None  # plans due are a person's
        return cls(
            plan.pk,
            plan.plan_type,
            plan.number,
            plan.status,
            plan.review_on,
            plan.participant.pk,
            plan.organisation_id,
            str(plan.participant),
            plan.overdue_actions,  # type: ignore[attr-defined]
            plan.first_overdue,  # type: ignore[attr-defined]
            plan.first_overdue_deadline,  # type: ignore[attr-defined]
        )


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
        """The case-file rows the page shows, to be logged as read."""
        rows: list[MeetingRow | StepRow | PlanRow] = [
            *self.meetings_today.rows,
            *self.meetings_this_week.rows,
            *self.overdue_steps.rows,
            *self.plans_due.rows,
        ]
        return [row.read() for row in rows]


def caseload_for(user: User, *, today: date | None = None) -> Caseload:
    """The user's own caseload, within the organisations where they may view case work."""
    organisation_ids = sorted(policy.organisation_ids_where(user, "casework.view"))
    people = _people(user.pk, organisation_ids) if organisation_ids else []
    return _caseload(user, organisation_ids, people, today or timezone.localdate())


def team_member_caseload(user: User, worker_pk: int, *, today: date | None = None) -> Caseload:
    """A member of the coordinator's team's caseload; anyone else is a 404.

    The member is checked (and named) in the query of their people, so the coordinator's view
    costs the same queries as the worker's own; only a member with nobody in care needs
    ``team_member_get``, and then there are no steps or plans to read.
    """
    organisation_ids = sorted(policy.organisation_ids_where(user, "casework.view"))
    team = sorted(policy.organisation_ids_where(user, "casework.assign"))
    people = _people(worker_pk, organisation_ids, team=team) if organisation_ids and team else []
    if people:
        username, first_name, last_name = people[0][7:10]
        worker = User(pk=worker_pk, username=username, first_name=first_name, last_name=last_name)
    else:
        worker = team_member_get(user, worker_pk)
    return _caseload(worker, organisation_ids, people, today or timezone.localdate())


def _caseload(
    worker: User, organisation_ids: list[int], people: list[tuple[Any, ...]], today: date
) -> Caseload:
    if not organisation_ids:
        nothing: Shown[Any] = Shown([], 0)
        return Caseload(worker, today, nothing, nothing, nothing, nothing, nothing, 0)
    capped = len(people) > CASELOAD_LIMIT
    people = people[:CASELOAD_LIMIT]
    overdue = _not_contacted(people, today)
    meetings_today, meetings_this_week = _meetings(worker.pk, organisation_ids, today)
    # Steps and plans are the worker's people's (the first CASELOAD_LIMIT by name): read by
    # their keys, the people's names and organisations already in hand.
    persons = {row[0]: (f"{row[1]} {row[2]}", row[10]) for row in people}
    nobody: Shown[Any] = Shown([], 0)
    return Caseload(
        worker=worker,
        today=today,
        meetings_today=meetings_today,
        meetings_this_week=meetings_this_week,
        overdue_steps=_overdue_steps(persons, today) if people else nobody,
        plans_due=_plans_due(persons, organisation_ids, today) if people else nobody,
        not_contacted=Shown([_case_person(row, today) for row in overdue[:SHOWN]], len(overdue)),
        people_count=len(people),
        people_capped=capped,
    )


# --- People not contacted ---------------------------------------------------------------

_PEOPLE = """
WITH mine AS (
  SELECT a.participant_id, p.first_name, p.last_name, a.assigned_on, p.organisation_id,
    p.last_contact_at, {worker}
  FROM casework_caseassignment a
  JOIN people_participant p ON p.id = a.participant_id {join}
  WHERE a.worker_id = %s AND a.ended_on IS NULL AND p.organisation_id IN ({organisations}) {team}
  ORDER BY p.last_name, p.first_name, a.participant_id
  LIMIT %s
),
programme_intervals AS (
  SELECT e.participant_id, MIN(g.contact_interval_days) AS days
  FROM programmes_enrolment e JOIN programmes_programme g ON g.id = e.programme_id
  WHERE e.participant_id IN (SELECT participant_id FROM mine) AND e.status = %s
    AND g.contact_interval_days IS NOT NULL
  GROUP BY e.participant_id
)
SELECT mine.participant_id, mine.first_name, mine.last_name, mine.assigned_on, mine.last_contact_at,
  programme_intervals.days, s.contact_interval_days,
  mine.username, mine.worker_first_name, mine.worker_last_name, mine.organisation_id
FROM mine
LEFT JOIN programme_intervals ON programme_intervals.participant_id = mine.participant_id
LEFT JOIN casework_caseworksettings s ON s.organisation_id = mine.organisation_id
ORDER BY mine.last_name, mine.first_name, mine.participant_id
"""

# A coordinator's view of a team member: only active staff of the coordinator's organisations,
# named in the same query.
_IN_TEAM = """AND u.is_active AND EXISTS (SELECT 1 FROM accounts_membership ms
  WHERE ms.user_id = a.worker_id AND ms.organisation_id IN ({team}) AND ms.role IN ({roles}))"""
_MEMBER = "JOIN accounts_user u ON u.id = a.worker_id"
_NAMED = "u.username, u.first_name AS worker_first_name, u.last_name AS worker_last_name"
_UNNAMED = "NULL AS username, NULL AS worker_first_name, NULL AS worker_last_name"


def _people(
    worker_pk: int, organisation_ids: list[int], *, team: list[int] | None = None
) -> list[tuple[Any, ...]]:
    """The worker's people (one more than ``CASELOAD_LIMIT``, to tell when there are more) with
    their last contact and interval.

    The interval is the shortest one a programme the person is enrolled in sets, else the
    organisation's, else the default. With ``team``, only if the worker is active staff of
    one of those organisations (a coordinator's team).
    """
    roles = sorted(policy.STAFF_ROLES)
    in_team = _IN_TEAM.format(team=placeholders(team), roles=placeholders(roles)) if team is not None else ""
    sql = _PEOPLE.format(
        organisations=placeholders(organisation_ids),
        team=in_team,
        join=_MEMBER if team is not None else "",
        worker=_NAMED if team is not None else _UNNAMED,
    )
    params: list[Any] = [worker_pk, *organisation_ids]
    if team is not None:
        params += [*team, *roles]
    # One more than the limit: whether there are more is worth saying.
    return fetch(sql, [*params, CASELOAD_LIMIT + 1, EnrolmentStatus.ENROLLED])


def _not_contacted(people: list[tuple[Any, ...]], today: date) -> list[tuple[Any, ...]]:
    """Those past their interval, the longest without contact first.

    Days are counted in Warsaw between the last held meeting (never met: the assignment) and
    today. Compared here as instants against the first moment that is no longer overdue, so no
    row needs its local date worked out but the ten shown.
    Each row: (participant, first name, last name, since, interval, assigned on, last contact).
    """
    cutoffs: dict[int, datetime] = {}
    overdue = []
    for participant_id, first_name, last_name, assigned_on, last_contact, programme, own, *_ in people:
        interval = programme or own or DEFAULT_CONTACT_INTERVAL_DAYS
        cutoff = cutoffs.get(interval)
        if cutoff is None:
            cutoff = cutoffs[interval] = midnight(today - timedelta(days=interval))
        contact = read_datetime(last_contact)
        since = contact or midnight(read_date(assigned_on))  # type: ignore[arg-type]
        if since < cutoff:
            overdue.append((participant_id, first_name, last_name, since, interval, assigned_on, contact))
    return sorted(overdue, key=lambda row: (row[3], row[0]))


def _case_person(row: tuple[Any, ...], today: date) -> CasePerson:
    participant_id, first_name, last_name, since, interval, assigned_on, last_contact = row
    return CasePerson(
        participant_id=participant_id,
        first_name=first_name,
        last_name=last_name,
        assigned_on=read_date(assigned_on),  # type: ignore[arg-type]
        last_contact=last_contact,
        days_without_contact=(today - timezone.localdate(since)).days,
        contact_interval_days=interval,
    )


# --- This week's meetings ---------------------------------------------------------------

_MEETINGS = """
WITH week AS (
  SELECT m.id, m.starts_at, m.duration_minutes, m.kind, m.status, m.participant_id,
    p.organisation_id, p.first_name, p.last_name, f.first_name AS f_first, f.last_name AS f_last,
    CASE WHEN m.starts_at >= %s AND m.starts_at < %s THEN 1 ELSE 0 END AS is_today
  FROM casework_meeting m
  JOIN people_participant p ON p.id = m.participant_id
  LEFT JOIN people_familymember f ON f.id = m.family_member_id
  WHERE m.worker_id = %s AND m.starts_at >= %s AND m.starts_at < %s
    AND p.organisation_id IN ({organisations})
)
SELECT * FROM (
  SELECT week.*,
    ROW_NUMBER() OVER (PARTITION BY is_today ORDER BY starts_at, id) AS n,
    COUNT(*) OVER (PARTITION BY is_today) AS matching
  FROM week
) numbered
WHERE n <= %s
ORDER BY starts_at, id
"""


def _meetings(
    worker_pk: int, organisation_ids: list[int], today: date
) -> tuple[Shown[MeetingRow], Shown[MeetingRow]]:
    """Today's first meetings and the rest of the week's, with both counts, in one query."""
    monday, next_monday = week_of(today)
    sql = _MEETINGS.format(organisations=placeholders(organisation_ids))
    params = [
        when(midnight(today)),
        when(midnight(today + timedelta(days=1))),
        worker_pk,
        when(monday),
        when(next_monday),
        *organisation_ids,
        SHOWN,
    ]
    today_rows: list[MeetingRow] = []
    other_rows: list[MeetingRow] = []
    counts = {True: 0, False: 0}
    for row in fetch(sql, params):
        is_today = bool(row[11])
        counts[is_today] = row[13]
        family = f"{row[9] or ''} {row[10] or ''}".strip()
        starts_at = read_datetime(row[1])
        assert starts_at is not None  # a meeting has a time
        meeting = MeetingRow(
            row[0],
            starts_at,
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            f"{row[7]} {row[8]}",
            family,
        )
        (today_rows if is_today else other_rows).append(meeting)
    return Shown(today_rows, counts[True]), Shown(other_rows, counts[False])


# --- Overdue next steps -----------------------------------------------------------------

_STEPS = """
SELECT s.id, s.meeting_id, s.text, s.due_on, s.participant_id, COUNT(*) OVER () AS matching
FROM casework_nextstep s
WHERE s.participant_id IN ({people}) AND s.done = %s AND s.due_on < %s
ORDER BY s.due_on, s.id
LIMIT %s
"""


def _overdue_steps(persons: dict[int, tuple[str, int]], today: date) -> Shown[StepRow]:
    """Open next steps of the worker's people past their due date, the longest overdue first."""
    people, keys = keys_in(persons)
    rows = fetch(_STEPS.format(people=people), [keys, False, day(today), SHOWN])
    steps = [
        StepRow(pk, meeting, text, read_date(due), person, persons[person][1], persons[person][0])  # type: ignore[arg-type]
        for pk, meeting, text, due, person, _matching in rows
    ]
    return Shown(steps, rows[0][5] if rows else 0)


# --- Plans needing attention ------------------------------------------------------------

_PLANS = """
WITH current_plans AS (
  SELECT pl.id, pl.plan_type, pl.number, pl.status, pl.review_on, pl.participant_id,
    pl.organisation_id,
    (SELECT COUNT(*) FROM plans_planaction x
      WHERE x.plan_id = pl.id AND x.status IN ({open}) AND x.deadline < %s) AS overdue_actions,
    (SELECT x.what FROM plans_planaction x
      WHERE x.plan_id = pl.id AND x.status IN ({open}) AND x.deadline < %s
      ORDER BY x.deadline, x.id LIMIT 1) AS first_overdue,
    (SELECT x.deadline FROM plans_planaction x
      WHERE x.plan_id = pl.id AND x.status IN ({open}) AND x.deadline < %s
      ORDER BY x.deadline, x.id LIMIT 1) AS first_deadline,
    CASE WHEN pl.status IN (%s, %s) AND pl.review_on < %s THEN pl.review_on ELSE %s END AS review_due
  FROM plans_individualplan pl
  WHERE pl.participant_id IN ({people}) AND pl.organisation_id IN ({organisations})
    AND pl.status <> %s
    AND NOT EXISTS (SELECT 1 FROM plans_individualplan later WHERE later.previous_id = pl.id)
)
SELECT current_plans.*,
  CASE WHEN COALESCE(first_deadline, %s) <= review_due THEN COALESCE(first_deadline, %s)
    ELSE review_due END AS overdue_since,
  COUNT(*) OVER () AS matching
FROM current_plans
WHERE overdue_actions > 0 OR review_due < %s
ORDER BY overdue_since, id
LIMIT %s
"""


def _plans_due(
    persons: dict[int, tuple[str, int]], organisation_ids: list[int], today: date
) -> Shown[PlanRow]:
    """The worker's people's current plans with an open action past its deadline, or agreed (or
    under review) with the review date passed; the earliest overdue action comes with each."""
    open_statuses = list(OPEN_ACTION_STATUSES)
    people, keys = keys_in(persons)
    sql = _PLANS.format(
        people=people,
        organisations=placeholders(organisation_ids),
        open=placeholders(open_statuses),
    )
    never = day(NO_DEADLINE)
    params = [
        *open_statuses,
        day(today),
        *open_statuses,
        day(today),
        *open_statuses,
        day(today),
        PlanStatus.AGREED,
        PlanStatus.UNDER_REVIEW,
        day(today),
        never,
        keys,
        *organisation_ids,
        PlanStatus.CLOSED,
        never,
        never,
        never,
        SHOWN,
    ]
    rows = fetch(sql, params)
    plans = [
        PlanRow(
            row[0],
            row[1],
            row[2],
            row[3],
            read_date(row[4]),
            row[5],
            row[6],
            persons[row[5]][0],
            row[7],
            row[8],
            read_date(row[9]),
        )
        for row in rows
    ]
    return Shown(plans, rows[0][-1] if rows else 0)
