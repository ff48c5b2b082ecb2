"""A week's plan says why it cannot be made, naming the thing: a team without working hours, a
hall without coordinates, a gmina where people live and the team has no hall, a day on which no
hall is free."""

from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reintegra.activities import services as activity_services
from reintegra.outreach import services
from reintegra.people.models import Degurba, TercUnit
from tests.outreach.conftest import MONDAY, hall, woman

pytestmark = pytest.mark.usefixtures("in_english")


def plan_error(coordinator, team) -> str:
    with pytest.raises(ValidationError) as error:
        services.plan_week(actor=coordinator, team=team, first_day=MONDAY)
    return " ".join(error.value.messages)


def test_a_team_with_no_working_hours_is_told_so(coordinator, team, women):
    services.working_days_set(actor=coordinator, team=team, days=[])
    assert "no working hours" in plan_error(coordinator, team)


def test_a_location_without_coordinates_is_named(coordinator, organisation, team, women, gminas):
    unit = TercUnit.objects.create(code="9901042", name="Jeżowo", kind="gmina wiejska", degurba=Degurba.RURAL)
    woman(team.programme, unit)
    nowhere = hall(organisation, unit, "Świetlica bez współrzędnych", coordinates=False)
    services.locations_set(
        actor=coordinator, team=team, venues=[*(row.venue for row in team.locations.all()), nowhere]
    )
    assert "Świetlica bez współrzędnych" in plan_error(coordinator, team)


def test_a_gmina_with_people_but_no_location_is_named(coordinator, team, women):
    unit = TercUnit.objects.create(
        code="9901052", name="Kalinowo", kind="gmina wiejska", degurba=Degurba.RURAL
    )
    woman(team.programme, unit)
    assert "Kalinowo" in plan_error(coordinator, team)


def _fill_the_halls(team, halls, adviser, on):
    zone = timezone.get_current_timezone()
    for venue in halls:
        activity_services.session_schedule(
            actor=None,
            data=activity_services.SessionData(
                programme=team.programme,
                kind="group_workshop",
                leader=adviser,
                starts_at=datetime.combine(on, time(9), tzinfo=zone),
                ends_at=datetime.combine(on, time(16), tzinfo=zone),
                planned_hours=Decimal(7),
                venue=venue,
            ),
        )


def test_a_day_on_which_no_location_is_free_is_named_and_the_other_days_are_planned(
    coordinator, team, women, halls, adviser
):
    tuesday = MONDAY + timedelta(days=1)
    _fill_the_halls(team, halls, adviser, tuesday)

    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=1)

    assert {"date": tuesday.isoformat(), "reason": "nothing_free"} in plan.routes["idle"]
    assert tuesday.isoformat() not in {route["date"] for route in plan.routes["days"]}
    assert plan.routes["days"], "the other days are planned"


def test_a_week_in_which_no_day_has_a_free_location_is_refused_naming_the_days(
    coordinator, team, women, halls, adviser
):
    working = [MONDAY + timedelta(days=offset) for offset in range(7)]
    for on in working:
        _fill_the_halls(team, halls, adviser, on)

    assert "3.3.2026" in plan_error(coordinator, team)


def test_free_windows_are_the_opening_hours_minus_the_sessions_booked(team, halls, adviser):
    tuesday = MONDAY + timedelta(days=1)
    zone = timezone.get_current_timezone()
    sessions = activity_services.session_schedule(
        actor=None,
        data=activity_services.SessionData(
            programme=team.programme,
            kind="group_workshop",
            leader=adviser,
            starts_at=datetime.combine(tuesday, time(11), tzinfo=zone),
            ends_at=datetime.combine(tuesday, time(13), tzinfo=zone),
            planned_hours=Decimal(2),
            venue=halls[0],
        ),
    )
    openings = list(halls[0].opening_hours.all())
    assert services.free_windows(halls[0], tuesday, openings, sessions) == [(540, 660), (780, 1020)]
    assert services.free_windows(halls[0], MONDAY + timedelta(days=5), openings, []) == []


def test_a_case_worker_may_not_plan(caseworker, team, women):
    with pytest.raises(PermissionDenied):
        services.plan_week(actor=caseworker, team=team, first_day=MONDAY)


def test_the_leaders_other_sessions_take_the_time_in_every_hall(coordinator, team, women, adviser):
    """A day the leader is busy elsewhere is a day without a free hall: named, the rest planned."""
    tuesday = MONDAY + timedelta(days=1)
    zone = timezone.get_current_timezone()
    activity_services.session_schedule(
        actor=None,
        data=activity_services.SessionData(
            programme=team.programme,
            kind="consultation",
            leader=adviser,
            starts_at=datetime.combine(tuesday, time(8), tzinfo=zone),
            ends_at=datetime.combine(tuesday, time(16), tzinfo=zone),
            planned_hours=Decimal(8),
        ),
    )
    plan = services.plan_week(actor=coordinator, team=team, first_day=MONDAY, time_limit_s=1)

    assert {"date": tuesday.isoformat(), "reason": "nothing_free"} in plan.routes["idle"]


def test_a_plan_where_not_one_visit_fits_says_why_for_each_gmina(coordinator, team, women):
    services.working_days_set(
        actor=coordinator, team=team, days=[services.Hours(weekday=0, starts=time(8), ends=time(10, 30))]
    )
    message = plan_error(coordinator, team)
    assert "Not one visit fits" in message
    for name in ("Borówkowo", "Stare Łąki", "Dębowiec"):
        assert name in message
