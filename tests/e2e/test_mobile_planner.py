"""Acceptance (issue 14): the PUP's coordinator plans a week of the mobile centre's visits to the
village halls of powiat zalesiański, accepts the plan, and the visits are sessions on the team's
calendar, each day's route drawn beside them.

The demo's team (``demo/outreach.py``): five working days, seven halls with coordinates and
opening hours in the three rural gminas where the programme's women live (enrolled, or applied
and waiting); its next week is planned already, so the coordinator plans the week after it.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reintegra.activities.models import Session
from reintegra.outreach.models import MobileTeam, PlanStatus, VisitPlan
from tests.e2e.conftest import PageProblems, follow_nav_link, log_in
from tests.e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.e2e


def test_a_coordinator_plans_a_week_of_visits_and_they_appear_on_the_teams_calendar(
    page: Page, site: str, problems: PageProblems
) -> None:
    team = MobileTeam.objects.get(programme__code="mcaz-powiat-zalesianski")
    today = timezone.localdate()
    monday = today + timedelta(days=14 - today.weekday())
    log_in(page, site, "koordynator.pup")

    follow_nav_link(page, "Zespoły mobilne")
    page.get_by_role("link", name=team.name).click()
    expect(page.get_by_role("heading", name=team.name)).to_be_visible()
    expect(page.get_by_text("Świetlica wiejska w Olszynach")).to_be_visible()
    assert blocking_violations(page) == []

    page.get_by_role("link", name="Zaplanuj tydzień").click()
    page.get_by_label("Pierwszy dzień tygodnia").fill(monday.isoformat())
    page.get_by_role("button", name="Zapisz").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Plan zespołu")
    pictures = page.locator("svg[role=img]")
    expect(pictures.first).to_be_visible()
    days = page.get_by_test_id("route-day")
    expect(days.first.get_by_role("table")).to_contain_text("Świetlica")
    assert blocking_violations(page) == []
    plan = VisitPlan.objects.get(team=team, week_starts=monday)
    planned = sum(len(day["visits"]) for day in plan.routes["days"])
    assert planned == 3  # one hall in each of the three gminas

    page.get_by_role("link", name="Przyjmij i wpisz do kalendarza").click()
    dialog = page.get_by_test_id("confirm-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Przyjmij i wpisz do kalendarza").click()

    expect(page).to_have_url(re.compile(rf"/outreach/teams/{team.pk}/calendar/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Kalendarz zespołu {team.name}")
    calendar_days = page.get_by_test_id("calendar-day")
    expect(calendar_days).to_have_count(len(plan.routes["days"]))
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.locator("svg[role=img] title").first).to_contain_text("Trasa")
    assert blocking_violations(page) == []
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ACCEPTED
    sessions = Session.objects.filter(planned_visit__plan=plan, kind="mobile_visit")
    assert sessions.count() == planned

    calendar_days.first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(team.name)
    assert problems.items == []
