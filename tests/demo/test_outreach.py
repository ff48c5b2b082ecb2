"""The demo's mobile team (seed 004): the PUP's van and staff, five working days, seven village
halls with coordinates and free times in the gminas where the programme's women live, and next
week's accepted plan on the calendar, each day's route drawn."""

from __future__ import annotations

import pytest

from reintegra.accounts.models import User
from reintegra.outreach import selectors
from reintegra.outreach.models import MobileTeam, PlanStatus
from reintegra.programmes.services import may_lead

pytestmark = pytest.mark.django_db


def test_the_mobile_team_visits_the_halls_of_the_womens_gminas_next_week(demo: str) -> None:
    team = MobileTeam.objects.get(programme__code="mcaz-powiat-zalesianski")
    assert team.vehicle
    assert team.working_days.count() == 5
    leader = team.members.get(leads=True).user
    assert may_lead(leader, team.programme, "mobile_visit")
    halls = [row.venue for row in team.locations.select_related("venue")]
    assert len(halls) == 7
    assert all(hall.latitude is not None and hall.opening_hours.exists() for hall in halls)
    plan = team.plans.get()
    assert plan.status == PlanStatus.ACCEPTED
    assert plan.left_out == []
    gminas = {visit["gmina"] for day in plan.routes["days"] for visit in day["visits"]}
    assert len(gminas) == 3
    coordinator = User.objects.get(username="koordynator.pup")
    week = selectors.team_week(coordinator, team, plan.week_starts)
    assert sum(len(day.sessions) for day in week) == plan.visits.count() == 3
    assert all('role="img"' in day.picture for day in week if day.sessions)
