"""A case worker's whole session in a real browser: log in, switch language both ways, log out."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Role
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in

pytestmark = pytest.mark.e2e


def test_a_case_worker_logs_in_switches_to_english_and_back_and_logs_out(
    page: Page, site: str, problems: PageProblems
) -> None:
    html = page.locator("html")

    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])
    expect(page).to_have_url(f"{site}/")
    expect(html).to_have_attribute("lang", "pl")
    expect(page.get_by_test_id("landing-case-worker")).to_be_visible()
    expect(page.get_by_role("button", name="Wyloguj")).to_be_visible()

    page.get_by_test_id("language-en").click()
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{site}/")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_test_id("language-pl")).to_have_text("polski")

    page.get_by_test_id("language-pl").click()
    expect(html).to_have_attribute("lang", "pl")
    expect(page.get_by_test_id("language-en")).to_have_text("English")

    page.get_by_role("button", name="Wyloguj").click()
    expect(page).to_have_url(f"{site}/accounts/login/")
    expect(page.locator("#id_username")).to_be_visible()
    assert problems.items == []


def test_the_stylesheets_load_and_style_the_page(page: Page, site: str, problems: PageProblems) -> None:
    page.goto(f"{site}/accounts/login/")
    # Bootstrap's .container has a max-width at desktop sizes; unstyled, it would be "none".
    assert page.locator("main.container").evaluate("el => getComputedStyle(el).maxWidth") != "none"
    # Our own stylesheet gives the navigation bar its dark blue (#0b4a8b).
    expect(page.locator("nav.navbar")).to_have_css("background-color", "rgb(11, 74, 139)")
    assert problems.items == []
