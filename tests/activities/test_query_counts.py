"""The pages `make bench` measures at 20 million attendance rows run as many queries with one
session and one person as with months of sessions and a full group: a leader's and a room's
week, a session's attendance page, a person's file with its attendance summary, and the POST
that changes the marks of 30 people."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.activities import services
from reintegra.activities.models import Attendance, Session, Venue
from reintegra.people.models import Participant
from reintegra.programmes.models import Group, Programme
from tests.activities.conftest import at, enrol, schedule
from tests.conftest import client_for

FIRST_TUESDAY = date(2026, 3, 3)
SHOWN_WEEK = FIRST_TUESDAY  # the first week: in both fills it has one session of the group


def queries(ask: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = ask()
    assert getattr(response, "status_code", 0) in {200, 302}
    return len(captured)


def fill(club: Programme, leader: User, group: Group, venue: Venue, *, weeks: int, people: int) -> Session:
    """``people`` enrolled in the group, ``weeks`` weekly sessions at the venue, all marked."""
    members = [enrol(club, group) for _ in range(people)]
    sessions = schedule(
        club,
        leader,
        start=at(FIRST_TUESDAY, 16),
        group=group,
        venue=venue,
        recurrence=f"FREQ=WEEKLY;COUNT={weeks}" if weeks > 1 else "",
    )
    for index, session in enumerate(sessions):
        services.attendance_record(
            actor=leader,
            session=session,
            marks=[
                services.Mark(participant_id=person.pk, present=(index + number) % 4 != 0, hours=Decimal(2))
                for number, person in enumerate(members)
            ],
        )
    return sessions[0]


def marks_changed(session: Session) -> dict[str, object]:
    """The attendance form with every mark turned round: who came did not, and the other way."""
    marks = dict(Attendance.objects.filter(session=session).values_list("participant_id", "present"))
    data: dict[str, object] = {"person": [str(pk) for pk in marks]}
    for pk, present in marks.items():
        if not present:
            data[f"present-{pk}"] = "1"
        data[f"hours-{pk}"] = "1.5"
        data[f"mode-{pk}"] = "on_site"
    return data


def page_queries(
    client: Client, session: Session, leader: User, venue: Venue, person: Participant
) -> dict[str, int]:
    week = {"day": SHOWN_WEEK.isoformat()}
    attendance = reverse("activities:attendance", args=[session.pk])
    counts = {
        "worker calendar": queries(
            lambda: client.get(reverse("activities:worker_calendar", args=[leader.pk]), week)
        ),
        "venue calendar": queries(
            lambda: client.get(reverse("activities:venue_calendar", args=[venue.pk]), week)
        ),
        "attendance page": queries(lambda: client.get(attendance)),
        "person's file": queries(lambda: client.get(reverse("people:participant_detail", args=[person.pk]))),
    }
    for turn in ("marking (POST)", "marking again (POST)"):
        data = marks_changed(session)
        counts[turn] = queries(lambda: client.post(attendance, data))  # noqa: B023 - called at once
    return counts


@pytest.mark.django_db
def test_the_measured_pages_run_as_many_queries_with_one_row_as_with_thousands(
    club: Programme, leader: User, group: Group, venue: Venue, coordinator: User
) -> None:
    client = client_for(coordinator)
    one = fill(club, leader, group, venue, weeks=1, people=1)
    person = Attendance.objects.get(session=one).participant
    few = page_queries(client, one, leader, venue, person)

    # Thirty weeks of sessions for thirty people, and a second group at the same room the same weeks.
    more = enrol(club, group)
    many = [more] + [enrol(club, group) for _ in range(28)]
    for week, session in enumerate(
        schedule(
            club,
            leader,
            start=at(FIRST_TUESDAY + timedelta(days=7), 16),
            group=group,
            venue=venue,
            recurrence="FREQ=WEEKLY;COUNT=29",
        )
    ):
        services.attendance_record(
            actor=leader,
            session=session,
            marks=[
                services.Mark(participant_id=someone.pk, present=(week + index) % 3 != 0, hours=Decimal(2))
                for index, someone in enumerate([person, *many])
            ],
        )
    services.attendance_record(
        actor=leader,
        session=one,
        marks=[
            services.Mark(participant_id=someone.pk, present=True, hours=Decimal(2))
            for someone in [person, *many]
        ],
    )
    other_group = Group.objects.create(programme=club, name="Grupa B")
    schedule(
        club,
        leader,
        start=at(SHOWN_WEEK, 10),
        group=other_group,
        venue=venue,
        recurrence="FREQ=WEEKLY;COUNT=30",
    )
    assert Attendance.objects.filter(session=one).count() == 30
    assert Attendance.objects.filter(participant=person).count() == 30

    assert page_queries(client, one, leader, venue, person) == few
