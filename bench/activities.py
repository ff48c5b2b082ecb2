"""The activities' part of `make bench`: attendance at scale, and the pages that read it.

The fill is made by the database (PostgreSQL), set-based: a KARnet15+ club of the demo
(``karnet-zalesie-2026``) gets groups of 30 enrolled people, each with its own leader (holding
the LPG and PpRP roles) and its own room, then weekly sessions of the five kinds the model
schedules, going back in time as far as the rows need (``INSERT … SELECT generate_series``),
then one attendance row per person of the group per session (``INSERT … SELECT`` of the
sessions joined to the group's enrolments), until there are ``rows`` of them. With 20,000,000
rows that is 256 groups, 7,680 people and some ten years of sessions: each leader and each room
has five sessions a week, each session 30 marks, each person some 2,600.

The rows are as the services would write them (people of the session's group, hours within the
session's length, leaders holding a role that leads the kind), without the services: a bulk
load. While the attendance goes in, its indexes are dropped and built again afterwards, and its
foreign keys are not checked row by row (``session_replication_role``), as a restore would do.

The pages measured, as the club's coordinator: a leader's week, a room's week, a session's
attendance page, the file of a person (its summary counts the sessions held and attended), and
the attendance page's POST marking the 30 people of a session.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from reintegra.accounts.models import Membership, Role, User
from reintegra.activities.models import Attendance, Session, Venue, VenueKind
from reintegra.people.identifiers import search_key
from reintegra.people.models import IdentityDocumentType, Participant, Sex, TercUnit
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Group, Programme, ProgrammeStaff

CLUB = "karnet-zalesie-2026"
COORDINATOR = "koordynator.mops"
GROUP_SIZE = 30
KINDS = ("activity", "group_workshop", "labour_market_workshop", "employer_meeting", "consultation")
WEEKS_PER_GROUP = 520  # about ten years of weekly sessions; more rows make more groups
PREFIX = "Grupa ławki "  # the bench's groups, so a second fill finds them


def fill_attendance(rows: int) -> dict[str, Any]:
    """Attendance rows until there are ``rows`` of the bench's groups; seconds by step."""
    programme = Programme.objects.select_related("organisation").get(code=CLUB)
    if Group.objects.filter(programme=programme, name__startswith=PREFIX).exists():
        return {"skipped": "already filled"}
    per_week = GROUP_SIZE * len(KINDS)
    groups = max(1, rows // (per_week * WEEKS_PER_GROUP))
    weeks = -(-rows // (per_week * groups))
    seconds: dict[str, Any] = {"groups": groups, "weeks": weeks}
    start = time.perf_counter()
    with transaction.atomic():
        plan = _groups(programme, groups)
    seconds["groups_people_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    # The last week filled is the one before this one: every session filled has happened.
    this_monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    first = this_monday - timedelta(weeks=weeks)
    with transaction.atomic():
        _sessions(programme, plan, first, weeks)
    seconds["sessions_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    _attendance(programme, [group for group, _leader, _venue in plan], rows)
    seconds["attendance_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (Session, Attendance, Enrolment, Participant):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
    seconds["vacuum_analyze_s"] = round(time.perf_counter() - start, 1)
    return seconds


def _groups(programme: Programme, count: int) -> list[tuple[int, int, int]]:
    """(group, leader, venue) of each bench group, with its 30 people enrolled."""
    organisation = programme.organisation
    gmina = TercUnit.objects.get(code="3035011")
    password = User.objects.get(username=COORDINATOR).password
    leaders = User.objects.bulk_create(
        User(
            username=f"lider.lawki.{index}",
            first_name="Lider",
            last_name=f"Ławkowy {index}",
            email=f"lider.lawki.{index}@example.org",
            password=password,
        )
        for index in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=leader, organisation=organisation, role=Role.CASE_WORKER) for leader in leaders
    )
    since = date(2000, 1, 1)
    ProgrammeStaff.objects.bulk_create(
        ProgrammeStaff(programme=programme, user=leader, role=role, starts_on=since)
        for leader in leaders
        for role in ("lpg", "pprp")
    )
    venues = Venue.objects.bulk_create(
        Venue(
            organisation=organisation,
            name=f"Sala ławki {index}",
            kind=VenueKind.CLUB,
            town="Zalesie",
            gmina=gmina,
            capacity=GROUP_SIZE,
        )
        for index in range(count)
    )
    groups = Group.objects.bulk_create(
        Group(programme=programme, name=f"{PREFIX}{index}") for index in range(count)
    )
    people = Participant.objects.bulk_create(
        (
            Participant(
                organisation=organisation,
                first_name="Ola" if index % 2 else "Kuba",
                last_name=f"Ławkowa{index}" if index % 2 else f"Ławkowy{index}",
                sex=Sex.WOMAN if index % 2 else Sex.MAN,
                birth_date=date(2004, 1, 1) + timedelta(days=index % 3000),
                identity_document_type=IdentityDocumentType.ID_CARD,
                identity_document_number=f"LAW{index:07d}",
                search_key=search_key(f"Ławkow{index}", "Ola" if index % 2 else "Kuba"),
            )
            for index in range(count * GROUP_SIZE)
        ),
        batch_size=5_000,
    )
    now = timezone.now()
    Enrolment.objects.bulk_create(
        (
            Enrolment(
                programme=programme,
                participant=person,
                status=EnrolmentStatus.ENROLLED,
                applied_at=now,
                enrolled_on=since,
                group=groups[index // GROUP_SIZE],
            )
            for index, person in enumerate(people)
        ),
        batch_size=5_000,
    )
    return [
        (group.pk, leader.pk, venue.pk) for group, leader, venue in zip(groups, leaders, venues, strict=True)
    ]


def _sessions(programme: Programme, plan: list[tuple[int, int, int]], first: date, weeks: int) -> None:
    """Week by week, each group's five sessions (Monday to Friday, 16:00–18:00), in time order."""
    zone = timezone.get_current_timezone()
    starts = datetime.combine(first, datetime.min.time(), tzinfo=zone) + timedelta(hours=16)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Session._meta.db_table}
                (programme_id, group_id, activity_id, kind, title, leader_id, venue_id, starts_at,
                 ends_at, planned_hours, series, recurrence, created_by_id, created_at)
            SELECT %s, plan.group_id, NULL, (%s::varchar[])[day + 1], '', plan.leader_id,
                   plan.venue_id, moment, moment + interval '2 hours', 2, NULL, '', NULL, now()
            FROM generate_series(0, %s - 1) AS week
            CROSS JOIN generate_series(0, 4) AS day
            CROSS JOIN unnest(%s::bigint[], %s::bigint[], %s::bigint[]) AS plan(group_id, leader_id, venue_id)
            CROSS JOIN LATERAL (
                SELECT (%s::timestamptz + week * interval '7 days' + day * interval '1 day') AS moment
            ) AS at
            ORDER BY week, day, plan.group_id
            """,  # noqa: S608 - table names
            [
                programme.pk,
                list(KINDS),
                weeks,
                [group for group, _leader, _venue in plan],
                [leader for _group, leader, _venue in plan],
                [venue for _group, _leader, venue in plan],
                starts,
            ],
        )


def _attendance(programme: Programme, groups: list[int], rows: int) -> None:
    """The 30 people of each session's group, until ``rows``; indexes built again afterwards."""
    table = Attendance._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = %s::regclass AND contype = 'u'
            """,
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = %s AND indexname NOT IN (
                SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype IN ('p', 'u')
            )
            """,
            [table, table],
        )
        indexes = cursor.fetchall()
        for name, _definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute(
            f"""
            INSERT INTO {table}
                (session_id, participant_id, present, hours, mode, recorded_by_id, recorded_at)
            SELECT session.id, enrolment.participant_id, present, CASE WHEN present THEN 2 ELSE 0 END,
                   CASE WHEN (session.id + enrolment.participant_id) %% 11 = 0
                        THEN 'remote' ELSE 'on_site' END,
                   session.leader_id, session.ends_at
            FROM {Session._meta.db_table} AS session
            JOIN {Enrolment._meta.db_table} AS enrolment
                ON enrolment.group_id = session.group_id AND enrolment.status = 'enrolled'
            CROSS JOIN LATERAL (SELECT (session.id + enrolment.participant_id) %% 5 <> 0 AS present) AS mark
            WHERE session.programme_id = %s AND session.group_id = ANY(%s::bigint[])
            LIMIT %s
            """,  # noqa: S608 - table names
            [programme.pk, groups, rows],
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            cursor.execute(definition)


# --- The pages -----------------------------------------------------------------------------


def pages(
    client_for: Callable[[User], Client],
) -> tuple[Client, dict[str, Callable[[], str]], dict[str, Any]]:
    """The club coordinator's client, the pages to time, and what they show."""
    coordinator = User.objects.get(username=COORDINATOR)
    programme = Programme.objects.get(code=CLUB)
    group = Group.objects.filter(programme=programme, name__startswith=PREFIX).order_by("pk").first()
    assert group is not None, "the bench fills attendance before measuring it"
    session = (
        Session.objects.filter(group=group)
        .annotate(marks=Count("attendances"))
        .filter(marks=GROUP_SIZE)  # the last session filled may have fewer
        .order_by("-starts_at")
        .first()
    )
    assert session is not None
    assert session.venue_id is not None
    week = timezone.localtime(session.starts_at).date().isoformat()
    person = Enrolment.objects.filter(group=group).order_by("pk").values_list("participant_id", flat=True)[0]
    shown = {
        "attendance_rows": Attendance.objects.count(),
        "sessions": Session.objects.count(),
        "session": session.pk,
        "session_marks": session.attendances.count(),
        "person": person,
        "person_marks": Attendance.objects.filter(participant_id=person).count(),
        "leader_sessions": Session.objects.filter(leader_id=session.leader_id).count(),
        "venue_sessions": Session.objects.filter(venue_id=session.venue_id).count(),
        "week": week,
    }
    urls: dict[str, Callable[[], str]] = {
        "worker calendar (week)": lambda: f"/activities/calendar/workers/{session.leader_id}/?day={week}",
        "venue calendar (week)": lambda: f"/activities/venues/{session.venue_id}/calendar/?day={week}",
        "session attendance page": lambda: f"/activities/sessions/{session.pk}/attendance/",
        "person's attendance summary (file)": lambda: f"/participants/{person}/",
    }
    return client_for(coordinator), urls, shown


def marking(session_id: int) -> tuple[str, Callable[[Client, str], Any]]:
    """The attendance POST for the session's 30 people; each request changes every mark, so
    each saves 30 changed rows and their audit entries."""
    people = list(
        Attendance.objects.filter(session_id=session_id)
        .order_by("participant_id")
        .values_list("participant_id", flat=True)
    )
    turn = [0]

    def post(client: Client, url: str) -> Any:
        turn[0] += 1
        data: dict[str, Any] = {"person": [str(pk) for pk in people]}
        for pk in people:
            if (pk + turn[0]) % 2:
                data[f"present-{pk}"] = "1"
            data[f"hours-{pk}"] = "1.5" if turn[0] % 3 else "2"
            data[f"mode-{pk}"] = "on_site"
        return client.post(url, data)

    return f"/activities/sessions/{session_id}/attendance/", post
