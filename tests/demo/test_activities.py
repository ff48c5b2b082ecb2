"""The demo's club and activation point: venues, a weekly club workshop and its attendance."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.activities.models import Attendance, Session, Venue, Visit
from reintegra.demo.seed import seed
from tests.conftest import client_for


@pytest.mark.django_db
def test_the_demo_club_has_weekly_sessions_with_attendance_and_the_point_a_visit_log(demo: str) -> None:
    club = Venue.objects.get(name__startswith="Klub Aktywności")
    assert club.resources.exists()
    sessions = Session.objects.filter(venue=club, series__isnull=False)
    assert sessions.count() == 20
    assert Attendance.objects.filter(session__venue=club, present=True).exists()
    assert Visit.objects.filter(venue__kind="activation_point").count() >= 4
    leader = User.objects.get(username="asystent.mops")
    page = client_for(leader).get(reverse("activities:my_calendar"), {"view": "month"})
    assert page.status_code == 200


@pytest.mark.django_db
def test_seeding_the_activities_twice_writes_nothing_the_second_time(demo: str) -> None:
    before = Session.objects.count()
    assert seed().created["venues"] == 0
    assert Session.objects.count() == before
