"""axe-core on the log-in page and on every role's landing page: nothing serious or critical."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Role
from tests.e2e.conftest import DEMO_USERS, log_in

pytestmark = pytest.mark.e2e

BLOCKING_IMPACTS = {"serious", "critical"}


def blocking_violations(page: Page) -> list[str]:
    violations: list[dict[str, Any]] = Axe().run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"])
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def test_the_log_in_page_has_no_serious_accessibility_violation(page: Page, site: str) -> None:
    page.goto(f"{site}/accounts/login/")
    assert blocking_violations(page) == []


@pytest.mark.parametrize("role", list(DEMO_USERS), ids=str)
def test_each_roles_landing_page_has_no_serious_accessibility_violation(
    page: Page, site: str, role: Role
) -> None:
    log_in(page, site, DEMO_USERS[role])
    expect(page).to_have_url(f"{site}/")
    assert blocking_violations(page) == []


WIDTHS = {"laptop": 1366, "phone": 390}


def pages_changed_for_screens_that_fit() -> list[tuple[str, str]]:
    """(user, address) of the pages issue 10 changed to fit a screen: the audit log, the team, a
    programme's people, a plan's edit page; the person form is opened empty and submitted. Then
    pages added since: the needs surveys (issue 12) of a coordinator and of an employer contact."""
    from reintegra.plans.models import IndividualPlan, PlanStatus
    from reintegra.programmes.models import Programme

    plan = IndividualPlan.objects.filter(status=PlanStatus.DRAFT, next_version__isnull=True).first()
    programme = Programme.objects.filter(organisation__memberships__user__username="koordynator.pup").first()
    assert plan is not None
    assert programme is not None
    return [
        (DEMO_USERS[Role.ORG_ADMIN], "/audit/"),
        (DEMO_USERS[Role.ORG_ADMIN], "/accounts/users/"),
        (DEMO_USERS[Role.COORDINATOR], f"/programmes/{programme.pk}/"),
        (DEMO_USERS[Role.CASE_WORKER], f"/casework/plans/{plan.pk}/edit/"),
        (DEMO_USERS[Role.CASE_WORKER], "/participants/new/"),
        (DEMO_USERS[Role.COORDINATOR], "/employers/surveys/"),
        (DEMO_USERS[Role.COORDINATOR], "/employers/surveys/demand/"),
        (DEMO_USERS[Role.EMPLOYER_CONTACT], "/employers/surveys/mine/"),
    ]


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_the_pages_changed_to_fit_have_no_serious_violation_nor_overflow(
    page: Page, site: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    found: dict[str, list[str]] = {}
    user = ""
    for username, address in pages_changed_for_screens_that_fit():
        if username != user:
            page.context.clear_cookies()
            log_in(page, site, username)
            user = username
        page.goto(f"{site}{address}")
        if address == "/participants/new/":
            page.locator("main form button[type=submit]").last.click()
            expect(page.get_by_test_id("error-summary")).to_be_visible()
        found[address] = blocking_violations(page)
        # Nothing wider than the window: a wide table scrolls inside its own box.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            found[address].append(f"the page is {overflow} px wider than the window")

    assert found == {address: [] for address in found}


def test_the_audit_table_fits_a_laptop_screen_without_scrolling(page: Page, site: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, site, DEMO_USERS[Role.ORG_ADMIN])
    page.goto(f"{site}/audit/")

    box = page.locator(".table-responsive").first
    expect(page.get_by_test_id("audit-table")).to_be_visible()
    assert box.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_the_navigation_collapses_behind_a_menu_button_on_a_phone(page: Page, site: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])
    toggle = page.get_by_test_id("menu-toggle")
    first_link = page.locator("#main-menu .nav-link").first

    expect(toggle).to_be_visible()
    expect(first_link).to_be_hidden()
    toggle.click()
    expect(first_link).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")

    page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.get_by_test_id("menu-toggle")).to_be_hidden()
    expect(page.locator("#main-menu .nav-link").first).to_be_visible()


def pages_of_the_club_follow_up() -> list[tuple[str, str]]:
    """(user, address) of the pages the rest of issue 11 added or changed: the entries awaiting
    confirmation (one waiting), the programmes' sessions and votes, a session's attendance page
    with its files and upload form, and the session's page."""
    from reintegra.activities.models import Session
    from reintegra.ownpage.models import PassportEntry
    from reintegra.people.models import Participant

    coordinator = "koordynator.mops"
    session = Session.objects.filter(programme__organisation__memberships__user__username=coordinator).first()
    person = Participant.objects.filter(
        organisation__memberships__user__username=DEMO_USERS[Role.CASE_WORKER]
    ).first()
    assert session is not None
    assert person is not None
    PassportEntry.objects.create(participant=person, text="Kurs obsługi kasy fiskalnej")
    return [
        (DEMO_USERS[Role.CASE_WORKER], "/me/passport-entries/"),
        (DEMO_USERS[Role.CASE_WORKER], "/activities/"),
        (coordinator, f"/activities/sessions/{session.pk}/attendance/"),
        (coordinator, f"/activities/sessions/{session.pk}/"),
    ]


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_the_club_follow_up_pages_have_no_serious_violation_nor_overflow(
    page: Page, site: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    found: dict[str, list[str]] = {}
    user = ""
    for username, address in pages_of_the_club_follow_up():
        if username != user:
            page.context.clear_cookies()
            log_in(page, site, username)
            user = username
        page.goto(f"{site}{address}")
        expect(page.locator("main h1")).to_be_visible()
        found[address] = blocking_violations(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            found[address].append(f"the page is {overflow} px wider than the window")

    assert found == {address: [] for address in found}
