"""Planning a week of a mobile team and putting it on the calendar: one hall in each gmina where
the programme's women live, on the team's working days; what cannot fit is named with why; the
accepted plan becomes mobile-centre visits led by the team's leader, or none does on a clash."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from reintegra.activities import services as activity_services
from reintegra.activities.models import Venue
from reintegra.outreach import selectors, services
from reintegra.outreach.models import PlannedVisit, PlanStatus
from tests.outreach.conftest import MONDAY, hall

LIMIT = 0.5

pytestmark = pytest.mark.usefixtures("in_english")


def test_a_week_visits_one_hall_in_each_gmina_where_women_live(coordinator, team, women, halls):
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    visited = [visit["venue"] for day in plan.routes["days"] for visit in day["visits"]]
    assert sorted(visited) == sorted(venue.pk for venue in halls)
    assert plan.status == PlanStatus.DRAFT
    assert plan.left_out == []
    assert plan.metres > 0
    for day in plan.routes["days"]:
        for visit in day["visits"]:
            assert visit["leaves"] - visit["arrives"] == team.visit_minutes
            assert visit["arrives"] >= 9 * 60
            assert visit["leaves"] <= 16 * 60


def test_only_one_hall_of_a_gmina_is_visited(coordinator, organisation, team, women, halls, gminas):
    second = hall(organisation, next(iter(gminas.values())), "Druga świetlica")
    services.locations_set(actor=coordinator, team=team, venues=[*halls, second])
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    assert sum(len(day["visits"]) for day in plan.routes["days"]) == 3


def test_people_who_left_or_were_refused_are_not_visited(coordinator, team, halls, gminas, mobile_programme):
    from tests.outreach.conftest import woman

    units = list(gminas.values())
    woman(mobile_programme, units[0])
    woman(mobile_programme, units[1], "left")
    woman(mobile_programme, units[2], "not_eligible")
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    assert [visit["venue"] for day in plan.routes["days"] for visit in day["visits"]] == [halls[0].pk]


def test_what_a_short_week_cannot_hold_is_named_with_why(coordinator, team, women):
    services.working_days_set(
        actor=coordinator, team=team, days=[services.Hours(weekday=0, starts=time(8), ends=time(12))]
    )
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    assert sum(len(day["visits"]) for day in plan.routes["days"]) == 1
    reasons = selectors.left_out(plan)
    assert len(reasons) == 2
    assert all("working days are full" in reason or "too far" in reason for reason in reasons)


def test_accepting_puts_the_visits_on_the_calendar(coordinator, team, women, adviser):
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    sessions = services.plan_accept(actor=coordinator, plan=plan)
    assert len(sessions) == 3
    assert {session.kind for session in sessions} == {"mobile_visit"}
    assert {session.leader_id for session in sessions} == {adviser.pk}
    assert all("Zespół mobilny PUP" in session.title for session in sessions)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
    assert PlannedVisit.objects.filter(plan=plan).count() == 3
    week = selectors.team_week(coordinator, team, MONDAY)
    assert sum(len(day.sessions) for day in week) == 3
    assert all('role="img"' in day.picture for day in week if day.sessions)
    with pytest.raises(ValidationError):
        services.plan_accept(actor=coordinator, plan=plan)


def test_a_clash_since_planning_refuses_the_whole_plan(coordinator, team, women, adviser):
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    first_day = plan.routes["days"][0]
    visit = first_day["visits"][0]
    on = datetime.fromisoformat(first_day["date"]).date()
    zone = timezone.get_current_timezone()
    starts = datetime.combine(on, time(visit["arrives"] // 60, visit["arrives"] % 60), tzinfo=zone)
    activity_services.session_schedule(
        actor=None,
        data=activity_services.SessionData(
            programme=team.programme,
            kind="group_workshop",
            leader=adviser,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            planned_hours=Decimal(1),
            venue=Venue.objects.get(pk=visit["venue"]),
        ),
    )
    with pytest.raises(ValidationError) as error:
        services.plan_accept(actor=coordinator, plan=plan)
    assert "clashes" in " ".join(error.value.messages)
    assert not PlannedVisit.objects.exists()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_road_distance_matrix_may_replace_the_straight_lines(coordinator, team, women):
    size = 4
    roads = [[0 if i == j else 20_000 for j in range(size)] for i in range(size)]
    plan = services.plan_week(
        actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT, distances=roads
    )
    assert plan.metres == 20_000 * 2 * len(plan.routes["days"]) + 20_000 * sum(
        len(day["visits"]) - 1 for day in plan.routes["days"]
    )
    with pytest.raises(ValidationError):
        services.plan_week(actor=coordinator, team=team, first_day=MONDAY, distances=[[0]])


def test_cannot_see_another_organisations_plan(coordinator, team, women, outsider):
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    with pytest.raises(Http404):
        selectors.plan_get_for_user(outsider, plan.pk)


def test_the_days_without_a_visit_say_why(coordinator, team, women):
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=LIMIT)
    idle = selectors.idle_days(plan)
    assert len(idle) == 5 - len(plan.routes["days"])
    assert all("visited on another day" in reason for _when, reason in idle)
