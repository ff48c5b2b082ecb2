"""Fills a database with case work at scale, for benchmarks (`seed_demo --meetings M`).

Run after the participant filler (``reintegra.demo.scale_people``). In order:

1. the bench case worker gets a full caseload (``CASELOAD_LIMIT`` people of their organisation);
2. every other person gets a case worker of their own organisation (a case worker other than
   the bench one, round robin; an organisation without one uses its other staff);
3. meetings, each with the person's case worker: most people a few, some many (the person is
   drawn as ``N·u²`` of a shuffled list, so a few hundred people have thousands), about 3 years
   back and 4 weeks ahead, held in the past (5 % still only planned), planned in the future;
   one "heavy" person of the bench caseload has ``heavy`` meetings on top, so their case file
   is measured where pagination matters;
4. a next step for one held meeting in ten, due 1–4 weeks later, most of the past ones done,
   the rest overdue.

On PostgreSQL the rows are made by the server (``INSERT … SELECT`` over ``generate_series``):
10 million meetings take minutes. Other databases (SQLite, in tests) get the same spread from
Python with ``bulk_create``. Bulk inserts skip django-auditlog's signals on purpose: these rows
are synthetic load, not records anyone created.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from reintegra.accounts.models import Membership, Role, User
from reintegra.accounts.policy import STAFF_ROLES
from reintegra.casework.caseload import CASELOAD_LIMIT
from reintegra.casework.models import CaseAssignment, Meeting, MeetingKind, MeetingStatus, NextStep
from reintegra.people.models import Participant

HEAVY_MEETINGS = 20_000
DAYS_BACK = 3 * 365
DAYS_AHEAD = 28
PLANNED_IN_PAST = 0.05  # held meetings nobody has marked as held yet
STEP_EVERY = 10  # one held meeting in ten leaves a next step
STEP_DONE = 0.85  # share of next steps past their due date that were done
CHUNK = 1_000_000  # meetings per INSERT on PostgreSQL
BATCH = 5_000  # rows per bulk_create elsewhere
KINDS = [kind.value for kind in MeetingKind]
DURATIONS = [30, 45, 60, 60, 90, 120]
NOTES = [
    "",
    "",
    "",
    "Rozmowa o sytuacji mieszkaniowej i planie na najbliższy tydzień.",
    "Omówienie ofert pracy; pani/pan zgłasza trudności z dojazdem.",
    "Wspólna wizyta w urzędzie, złożono wniosek.",
    "Spotkanie z rodziną w domu; dzieci pod opieką babci.",
]
STEP_TEXTS = [
    "Złożyć wniosek o zasiłek celowy",
    "Umówić wizytę u lekarza",
    "Przynieść zaświadczenie o dochodach",
    "Zapisać się na kurs zawodowy",
    "Odwiedzić pracodawcę z ofertą pracy",
]


@dataclass(frozen=True)
class CaseworkFill:
    assignments: int
    meetings: int
    next_steps: int
    heavy_participant_id: int | None


def fill_casework(
    meetings: int, *, worker: User, heavy: int = HEAVY_MEETINGS, seed: int = 2026
) -> CaseworkFill:
    """Assignments for everyone, a full caseload for ``worker``, then ``meetings`` meetings.

    ``heavy`` of the meetings (at most a tenth of them) go to one person in ``worker``'s care.
    """
    today = timezone.localdate()
    assignments = fill_caseload(worker, today=today) + fill_assignments(exclude=worker, today=today)
    heavy_id = heavy_participant_of(worker)
    heavy = min(heavy, meetings // 10) if heavy_id is not None else 0
    if connection.vendor == "postgresql":
        made, steps = _meetings_postgresql(meetings - heavy, heavy, heavy_id, today, seed)
    else:
        made, steps = _meetings_python(meetings - heavy, heavy, heavy_id, today, seed)
    _last_contacts()
    return CaseworkFill(assignments, made, steps, heavy_id if heavy else None)


def _last_contacts() -> None:
    """Each person's last held meeting, as the services keep it for meetings they record."""
    participant, meeting = Participant._meta.db_table, Meeting._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {participant} SET last_contact_at = held.last "  # noqa: S608 - table names
            f"FROM (SELECT participant_id, MAX(starts_at) AS last FROM {meeting} "
            "WHERE status = %s GROUP BY participant_id) AS held "
            f"WHERE {participant}.id = held.participant_id "
            f"AND ({participant}.last_contact_at IS NULL OR {participant}.last_contact_at < held.last)",
            [MeetingStatus.HELD.value],
        )


def fill_caseload(worker: User, *, size: int = CASELOAD_LIMIT, today: date | None = None) -> int:
    """Assigns people of the worker's organisations to them until they look after ``size``."""
    today = today or timezone.localdate()
    missing = size - CaseAssignment.objects.filter(worker=worker, ended_on__isnull=True).count()
    if missing <= 0:
        return 0
    organisation_ids = Membership.objects.filter(user=worker, role__in=STAFF_ROLES).values("organisation_id")
    in_care = CaseAssignment.objects.filter(participant_id=OuterRef("pk"), ended_on__isnull=True)
    people = list(
        Participant.objects.filter(~Exists(in_care), organisation_id__in=organisation_ids)
        .order_by("-pk")
        .values_list("pk", flat=True)[:missing]
    )
    with transaction.atomic():
        CaseAssignment.objects.bulk_create(
            CaseAssignment(participant_id=pk, worker=worker, assigned_on=today - timedelta(days=DAYS_BACK))
            for pk in people
        )
    return len(people)


def fill_assignments(*, exclude: User | None = None, today: date | None = None) -> int:
    """Gives every person without a case worker one of their organisation's, in one statement."""
    today = today or timezone.localdate()
    workers = _workers_by_organisation(exclude)
    if not workers:
        return 0
    # CASE organisation WHEN o THEN (CASE id % n WHEN i THEN worker_i …) …: portable SQL.
    branches = " ".join(
        f"WHEN {organisation_id} THEN CASE p.id %% {len(pks)} "
        + " ".join(f"WHEN {index} THEN {pk}" for index, pk in enumerate(pks))
        + " END"
        for organisation_id, pks in workers.items()
    )
    assignment, participant = CaseAssignment._meta.db_table, Participant._meta.db_table
    organisations = ", ".join(str(organisation_id) for organisation_id in workers)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {assignment} (participant_id, worker_id, assigned_on) "  # noqa: S608 - ids only
            f"SELECT p.id, CASE p.organisation_id {branches} END, %s FROM {participant} p "
            f"WHERE p.organisation_id IN ({organisations}) AND NOT EXISTS ("
            f"SELECT 1 FROM {assignment} a WHERE a.participant_id = p.id AND a.ended_on IS NULL)",
            [today - timedelta(days=DAYS_BACK)],
        )
        return int(cursor.rowcount)


def _workers_by_organisation(exclude: User | None) -> dict[int, list[int]]:
    """Case workers per organisation; where there is none, the organisation's other staff."""
    memberships = Membership.objects.filter(role__in=STAFF_ROLES, user__is_active=True)
    if exclude is not None:
        memberships = memberships.exclude(user=exclude)
    staff: dict[int, list[int]] = {}
    case_workers: dict[int, list[int]] = {}
    for organisation_id, user_id, role in memberships.order_by("user_id").values_list(
        "organisation_id", "user_id", "role"
    ):
        staff.setdefault(organisation_id, []).append(user_id)
        if role == Role.CASE_WORKER:
            case_workers.setdefault(organisation_id, []).append(user_id)
    return {
        organisation_id: sorted(set(case_workers.get(organisation_id) or users))
        for organisation_id, users in staff.items()
    }


def heavy_participant_of(worker: User) -> int | None:
    """The person in the worker's care who gets the heavy file: the newest one assigned."""
    return (
        CaseAssignment.objects.filter(worker=worker, ended_on__isnull=True)
        .order_by("-participant_id")
        .values_list("participant_id", flat=True)
        .first()
    )


# --- PostgreSQL: the server makes the rows ------------------------------------------------


def _meetings_postgresql(
    count: int, heavy: int, heavy_id: int | None, today: date, seed: int
) -> tuple[int, int]:
    meeting, step = Meeting._meta.db_table, NextStep._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {meeting}")  # noqa: S608 - table name
        after = cursor.fetchone()[0]
    people = _people_table()
    made = 0
    with _bulk_load(meeting, step), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        while made < count:
            size = min(CHUNK, count - made)
            with transaction.atomic():
                cursor.execute(
                    _MEETINGS_SQL.format(meeting=meeting, source=_RANKED_SOURCE),
                    _meeting_params(size, today) | {"people": people},
                )
            made += size
        if heavy and heavy_id is not None:
            with transaction.atomic():
                cursor.execute(
                    _MEETINGS_SQL.format(meeting=meeting, source=_HEAVY_SOURCE),
                    _meeting_params(heavy, today) | {"participant": heavy_id},
                )
            made += heavy
        with transaction.atomic():
            cursor.execute(
                _STEPS_SQL.format(meeting=meeting, step=step),
                {
                    "after": after,
                    "every": STEP_EVERY,
                    "held": MeetingStatus.HELD.value,
                    "texts": STEP_TEXTS,
                    "tz": settings.TIME_ZONE,
                    "today": today,
                    "done": STEP_DONE,
                },
            )
            steps = int(cursor.rowcount)
        cursor.execute(f"DROP TABLE IF EXISTS {_PEOPLE}")
    return made, steps


_PEOPLE = "scale_people"


@contextmanager
def _bulk_load(*tables: str) -> Iterator[None]:
    """Loads without the tables' secondary indexes (rebuilt after, much faster than row by row)
    and, where the database user may, without the per-row foreign-key triggers: the filler's
    keys are valid by construction (tests/demo/test_scale_casework.py checks them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [list(tables)],
        )
        indexes = cursor.fetchall()
        # Inside a caller's transaction (a test's), rows written before are still to be checked:
        # PostgreSQL refuses to drop or build an index of a table with such pending checks.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = bool(cursor.fetchone()[0])
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        if superuser:
            cursor.execute("SET session_replication_role = replica")
        try:
            yield
        finally:
            if superuser:
                cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")


def _people_table() -> int:
    """Everyone with a case worker, in a shuffled order (rank 1…N): who gets many meetings is chance."""
    assignment = CaseAssignment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_PEOPLE}")
        cursor.execute(
            f"CREATE TEMP TABLE {_PEOPLE} AS "  # noqa: S608 - table names
            "SELECT row_number() OVER (ORDER BY md5(participant_id::text)) AS rank, "
            "participant_id, worker_id "
            f"FROM (SELECT participant_id, min(worker_id) AS worker_id FROM {assignment} "
            "WHERE ended_on IS NULL GROUP BY participant_id) assigned"
        )
        cursor.execute(f"CREATE UNIQUE INDEX ON {_PEOPLE} (rank)")
        cursor.execute(f"ANALYZE {_PEOPLE}")
        cursor.execute(f"SELECT count(*) FROM {_PEOPLE}")  # noqa: S608 - constant name
        return int(cursor.fetchone()[0])


def _meeting_params(size: int, today: date) -> dict[str, Any]:
    return {
        "size": size,
        "today": today,
        "back": DAYS_BACK,
        "span": DAYS_BACK + DAYS_AHEAD,
        "tz": settings.TIME_ZONE,
        "kinds": KINDS,
        "durations": DURATIONS,
        "notes": NOTES,
        "planned_in_past": PLANNED_IN_PAST,
        "planned": MeetingStatus.PLANNED.value,
        "held": MeetingStatus.HELD.value,
    }


# Each row's draws are made once in the inner SELECT (random() is volatile: one value per row).
_MEETINGS_SQL = """
INSERT INTO {meeting} (participant_id, worker_id, starts_at, duration_minutes, kind, status, notes,
                       created_at, updated_at)
SELECT participant_id, worker_id, starts_at, duration, kind,
       CASE WHEN starts_at > now() OR chance < %(planned_in_past)s THEN %(planned)s ELSE %(held)s END,
       notes, now(), now()
FROM (
    SELECT who.participant_id, who.worker_id,
           ((%(today)s::date + (floor(random() * %(span)s)::int - %(back)s))::timestamp
            + make_interval(hours => 8, mins => 15 * floor(random() * 36)::int))
           AT TIME ZONE %(tz)s AS starts_at,
           (%(durations)s::int[])[1 + floor(random() * cardinality(%(durations)s::int[]))::int] AS duration,
           (%(kinds)s::text[])[1 + floor(random() * cardinality(%(kinds)s::text[]))::int] AS kind,
           (%(notes)s::text[])[1 + floor(random() * cardinality(%(notes)s::text[]))::int] AS notes,
           random() AS chance
    FROM {source}
) drawn
ORDER BY starts_at
"""
_RANKED_SOURCE = (
    "(SELECT 1 + floor(%(people)s * power(random(), 2))::bigint AS rank "
    "FROM generate_series(1, %(size)s)) picked JOIN " + _PEOPLE + " who USING (rank)"
)
_HEAVY_SOURCE = (
    "generate_series(1, %(size)s) CROSS JOIN (SELECT participant_id, min(worker_id) AS worker_id "
    "FROM " + CaseAssignment._meta.db_table + " WHERE participant_id = %(participant)s AND ended_on IS NULL "
    "GROUP BY participant_id) who"
)
_STEPS_SQL = """
INSERT INTO {step} (meeting_id, participant_id, text, due_on, done, done_on, created_at)
SELECT id, participant_id, text, due_on, done, CASE WHEN done THEN due_on - 2 END, now()
FROM (
    SELECT id, participant_id, due_on,
           due_on < %(today)s::date AND random() < %(done)s AS done,
           (%(texts)s::text[])[1 + floor(random() * cardinality(%(texts)s::text[]))::int] AS text
    FROM (
        SELECT id, participant_id,
               (starts_at AT TIME ZONE %(tz)s)::date + 7 + floor(random() * 22)::int AS due_on
        FROM {meeting}
        WHERE id > %(after)s AND status = %(held)s AND id %% %(every)s = 0
    ) held
) drawn
"""


# --- Other databases: the same spread from Python ---------------------------------------


def _meetings_python(count: int, heavy: int, heavy_id: int | None, today: date, seed: int) -> tuple[int, int]:
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not secrets
    people = list(
        CaseAssignment.objects.filter(ended_on__isnull=True)
        .order_by("participant_id", "worker_id")
        .values_list("participant_id", "worker_id")
    )
    people = list(dict(reversed(people)).items())  # one case worker per person: the first
    rng.shuffle(people)
    plan = [people[int(len(people) * rng.random() ** 2)] for _ in range(count if people else 0)]
    heavy_worker = dict(people).get(heavy_id) if heavy_id is not None else None
    if heavy_id is not None and heavy_worker is not None:
        plan += [(heavy_id, heavy_worker)] * heavy
    made = steps = 0
    batch: list[Meeting] = []
    for meeting in _meetings(plan, today, rng):
        batch.append(meeting)
        if len(batch) == BATCH:
            made, steps = made + len(batch), steps + _insert(batch, today, rng)
            batch = []
    return made + len(batch), steps + _insert(batch, today, rng)


def _meetings(plan: list[tuple[int, int]], today: date, rng: random.Random) -> Iterator[Meeting]:
    zone, now = ZoneInfo(settings.TIME_ZONE), timezone.now()
    for participant_id, worker_id in plan:
        day = today + timedelta(days=rng.randrange(DAYS_BACK + DAYS_AHEAD) - DAYS_BACK)
        minutes = 8 * 60 + 15 * rng.randrange(36)
        starts_at = datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=zone)
        planned = starts_at > now or rng.random() < PLANNED_IN_PAST
        yield Meeting(
            participant_id=participant_id,
            worker_id=worker_id,
            starts_at=starts_at,
            duration_minutes=rng.choice(DURATIONS),
            kind=rng.choice(KINDS),
            status=MeetingStatus.PLANNED if planned else MeetingStatus.HELD,
            notes=rng.choice(NOTES),
        )


def _insert(batch: list[Meeting], today: date, rng: random.Random) -> int:
    if not batch:
        return 0
    with transaction.atomic():
        Meeting.objects.bulk_create(batch)  # primary keys come back on SQLite and PostgreSQL
        steps = [
            _step(meeting, today, rng)
            for meeting in batch
            if meeting.status == MeetingStatus.HELD and meeting.pk % STEP_EVERY == 0
        ]
        NextStep.objects.bulk_create(steps)
    return len(steps)


def _step(meeting: Meeting, today: date, rng: random.Random) -> NextStep:
    due = timezone.localdate(meeting.starts_at) + timedelta(days=7 + rng.randrange(22))
    done = due < today and rng.random() < STEP_DONE
    return NextStep(
        meeting=meeting,
        participant_id=meeting.participant_id,
        text=rng.choice(STEP_TEXTS),
        due_on=due,
        done=done,
        done_on=due - timedelta(days=2) if done else None,
    )
