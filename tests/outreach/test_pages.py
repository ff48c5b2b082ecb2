"""The mobile teams' pages: a coordinator sets a team up, plans a week on the page and accepts
it; bad input is a message on the page naming the thing, never an error page; another
organisation's worker gets a 404."""

from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone

from reintegra.outreach import services
from reintegra.outreach.models import MobileTeam, PlanStatus, VisitPlan
from tests.conftest import client_for
from tests.outreach.conftest import MONDAY


def test_a_coordinator_sets_up_a_team_on_the_page(coordinator, mobile_programme):
    response = client_for(coordinator).post(
        reverse("outreach:team_create"),
        {
            "programme": mobile_programme.pk,
            "name": "Zespół B",
            "base_name": "PUP",
            "base_latitude": "52.32",
            "base_longitude": "17.57",
            "visit_minutes": "90",
            "speed_kmh": "50",
        },
    )
    team = MobileTeam.objects.get(name="Zespół B")
    assert response.status_code == 302
    assert response["Location"] == reverse("outreach:team_detail", args=[team.pk])


def test_the_team_page_shows_members_days_and_locations(coordinator, team, adviser, halls):
    page = client_for(coordinator).get(reverse("outreach:team_detail", args=[team.pk])).content.decode()
    assert "Dorota Doradczyni" in page
    assert halls[0].name in page
    assert "09:00–17:00" in page


def test_working_days_are_edited_as_lines(coordinator, team):
    client = client_for(coordinator)
    response = client.post(
        reverse("outreach:days_edit", args=[team.pk]), {"days": "1 8:00-15:00\n3 9:00-14:00"}
    )
    assert response.status_code == 302
    assert list(team.working_days.values_list("weekday", "ends")) == [(0, time(15)), (2, time(14))]
    response = client.post(reverse("outreach:days_edit", args=[team.pk]), {"days": "1 16:00-8:00"})
    assert response.status_code == 400
    assert "Line 1" in response.content.decode() or "Wiersz 1" in response.content.decode()


def test_a_week_is_planned_and_accepted_on_the_pages(coordinator, team, women, settings):
    client = client_for(coordinator)
    response = client.post(reverse("outreach:plan_create", args=[team.pk]), {"first_day": MONDAY.isoformat()})
    plan = VisitPlan.objects.get(team=team)
    assert response["Location"] == reverse("outreach:plan_detail", args=[plan.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'role="img"' in page
    assert "data-confirm" in page
    response = client.post(reverse("outreach:plan_accept", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
    calendar = client.get(response["Location"]).content.decode()
    assert calendar.count('role="img"') >= 1
    first = plan.visits.first()
    assert first is not None
    assert reverse("activities:session_detail", args=[first.session_id]) in calendar


def test_an_empty_calendar_week_leads_to_the_teams_next_visit(coordinator, team, women):
    client = client_for(coordinator)
    client.post(reverse("outreach:plan_create", args=[team.pk]), {"first_day": MONDAY.isoformat()})
    plan = VisitPlan.objects.get(team=team)
    client.post(reverse("outreach:plan_accept", args=[plan.pk]))
    first = plan.visits.order_by("session__starts_at").first()
    assert first is not None
    first_day = timezone.localtime(first.session.starts_at).date()

    week_before = (MONDAY - timedelta(days=7)).isoformat()
    page = client.get(
        reverse("outreach:team_calendar", args=[team.pk]), {"day": week_before}
    ).content.decode()

    assert f"?day={first_day.isoformat()}" in page


def test_a_team_without_working_hours_is_told_on_the_page(coordinator, team, women):
    services.working_days_set(actor=None, team=team, days=[])
    response = client_for(coordinator).post(
        reverse("outreach:plan_create", args=[team.pk]), {"first_day": MONDAY.isoformat()}
    )
    assert response.status_code == 400
    assert team.name in response.content.decode()


def test_an_absurd_first_day_is_refused_on_the_page(coordinator, team):
    response = client_for(coordinator).post(
        reverse("outreach:plan_create", args=[team.pk]), {"first_day": "1900-01-01"}
    )
    assert response.status_code == 400


def test_the_list_exports_as_csv_and_xlsx(coordinator, team):
    client = client_for(coordinator)
    assert team.name in client.get(reverse("outreach:team_export", args=["csv"])).content.decode("utf-8-sig")
    assert client.get(reverse("outreach:team_export", args=["xlsx"])).status_code == 200


def test_a_case_worker_sees_but_does_not_plan(as_caseworker, team):
    assert as_caseworker.get(reverse("outreach:team_detail", args=[team.pk])).status_code == 200
    assert as_caseworker.get(reverse("outreach:plan_create", args=[team.pk])).status_code in {403, 404}


def test_cannot_see_another_organisations_team(as_outsider, team):
    assert as_outsider.get(reverse("outreach:team_detail", args=[team.pk])).status_code == 404
    assert as_outsider.get(reverse("outreach:team_calendar", args=[team.pk])).status_code == 404
    assert team.name not in as_outsider.get(reverse("outreach:team_list")).content.decode()
