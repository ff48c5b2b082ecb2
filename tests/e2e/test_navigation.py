"""The navigation on a laptop (1366 px) and a phone (390 px): from a person's page the calendar
and the venues are reached through the "Zajęcia" group, and the bar never runs past the window."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from reintegra.accounts.models import Membership, Organisation, Role
from reintegra.people.models import Participant
from tests.e2e.conftest import DEMO_PASSWORD, DEMO_USERS, PageProblems, follow_nav_link, log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.factories import member

pytestmark = pytest.mark.e2e

SCREENS = {"laptop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


def overflow(page: Page) -> dict[str, int]:
    """How far the navigation bar and the page run past their boxes (0: not at all)."""
    return page.evaluate(
        """() => {
            const nav = document.querySelector("nav.navbar");
            const root = document.documentElement;
            return {
                nav: nav.scrollWidth - nav.clientWidth,
                page: root.scrollWidth - root.clientWidth,
            };
        }"""
    )


def a_persons_page(site: str, username: str) -> str:
    person = (
        Participant.objects.filter(organisation__memberships__user__username=username).order_by("pk").first()
    )
    assert person is not None
    return f"{site}/participants/{person.pk}/"


@pytest.mark.parametrize("screen", list(SCREENS), ids=list(SCREENS))
def test_the_calendar_and_venues_are_reached_from_a_persons_page_and_the_bar_fits(
    page: Page, site: str, problems: PageProblems, screen: str
) -> None:
    page.set_viewport_size(SCREENS[screen])
    username = DEMO_USERS[Role.CASE_WORKER]
    log_in(page, site, username)
    person_page = a_persons_page(site, username)

    for label, address in (
        ("Kalendarz", "/activities/calendar/"),
        ("Miejsca realizacji", "/activities/venues/"),
    ):
        page.goto(person_page)
        assert overflow(page) == {"nav": 0, "page": 0}
        follow_nav_link(page, label)
        expect(page).to_have_url(re.compile(re.escape(address) + r"$"))
        assert overflow(page) == {"nav": 0, "page": 0}

    # The group of the page shown is marked; open, it still fits and passes axe.
    group = page.get_by_test_id("nav-group-sessions")
    if page.get_by_test_id("menu-toggle").is_visible():
        page.get_by_test_id("menu-toggle").click()
    expect(group.locator("summary")).to_have_class(re.compile(r"\bactive\b"))
    group.locator("summary").click()
    expect(group.get_by_role("link", name="Miejsca realizacji")).to_have_attribute("aria-current", "page")
    assert overflow(page) == {"nav": 0, "page": 0}
    assert blocking_violations(page) == []
    assert problems.items == []


def test_a_group_opens_without_javascript_and_escape_closes_it_with_it(page: Page, site: str) -> None:
    page.set_viewport_size(SCREENS["laptop"])
    log_in(page, site, DEMO_USERS[Role.ORG_ADMIN])
    people, administration = (
        page.get_by_test_id("nav-group-people"),
        page.get_by_test_id("nav-group-administration"),
    )

    people.locator("summary").click()
    expect(people.get_by_role("link", name="Uczestnicy")).to_be_visible()
    administration.locator("summary").click()
    expect(administration.get_by_role("link", name="Dziennik zdarzeń")).to_be_visible()
    expect(people.get_by_role("link", name="Uczestnicy")).to_be_hidden()  # one group open at a time
    page.keyboard.press("Escape")
    expect(administration.get_by_role("link", name="Dziennik zdarzeń")).to_be_hidden()
    expect(administration.locator("summary")).to_be_focused()


def test_without_javascript_every_group_still_opens(
    browser: Browser, browser_context_args: dict[str, Any], site: str
) -> None:
    context = browser.new_context(
        **browser_context_args, java_script_enabled=False, viewport=SCREENS["laptop"]
    )
    page = context.new_page()
    log_in(page, site, DEMO_USERS[Role.COORDINATOR])
    group = page.get_by_test_id("nav-group-sessions")

    group.locator("summary").click()
    group.get_by_role("link", name="Zajęcia i głosowania").click()

    expect(page.get_by_role("heading", name="Zajęcia i głosowania")).to_be_visible()
    context.close()


@pytest.mark.parametrize("role", list(DEMO_USERS), ids=str)
def test_every_roles_bar_is_one_row_on_a_laptop_and_fits_a_phone_open(
    page: Page, site: str, role: Role
) -> None:
    page.set_viewport_size(SCREENS["laptop"])
    log_in(page, site, DEMO_USERS[role])

    links = page.locator("#main-menu > .navbar-nav > li")
    tops = {
        round(top)
        for top in links.evaluate_all("items => items.map(item => item.getBoundingClientRect().top)")
    }
    assert len(tops) <= 1, "the bar wraps to a second row"
    assert overflow(page) == {"nav": 0, "page": 0}

    page.set_viewport_size(SCREENS["phone"])
    page.get_by_test_id("menu-toggle").click()
    for summary in page.locator("#main-menu details[data-nav-group] > summary").all():
        summary.click()
    assert overflow(page) == {"nav": 0, "page": 0}


def test_a_user_with_every_staff_area_and_a_long_name_still_gets_one_row_on_a_laptop(
    page: Page, site: str
) -> None:
    organisation = Organisation.objects.get(memberships__user__username=DEMO_USERS[Role.ORG_ADMIN])
    user = member(
        organisation,
        Role.ORG_ADMIN,
        username="wszystko",
        first_name="Aleksandra",
        last_name="Wielkopolska-Brzęczyszczykiewicz",
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.COORDINATOR)
    user.set_password(DEMO_PASSWORD)
    user.save()
    page.set_viewport_size(SCREENS["laptop"])
    log_in(page, site, "wszystko")

    for group in ("people", "sessions", "programmes", "administration"):
        expect(page.get_by_test_id(f"nav-group-{group}")).to_be_visible()
    boxes = page.locator("nav.navbar .container-fluid > *").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().bottom)"
    )
    assert max(boxes) < 80, "the bar is more than one row high"
    assert overflow(page) == {"nav": 0, "page": 0}
