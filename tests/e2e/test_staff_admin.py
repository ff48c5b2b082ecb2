"""Acceptance: an administrator adds a colleague, who sets her password from the e-mailed link and
logs in; the administrator deactivates her, and her open session is refused on her next click."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from reintegra.accounts.models import Role
from tests.e2e.conftest import DEMO_USERS, PageProblems, follow_nav_link, log_in
from tests.e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.e2e

EMAIL = "ewa.nowicka@example.org"
PASSWORD = "Zielona-herbata-2026"


def set_password_link(email: str) -> str:
    """The path of the set-password link in the last e-mail to this address (the link's host is
    SITE_URL's, not the live server's)."""
    [message] = [message for message in mail.outbox if message.to == [email]]
    match = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+)", message.body)
    assert match is not None, message.body
    return match.group(1)


def no_serious_violation_at_desktop_and_phone_width(page: Page) -> None:
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert blocking_violations(page) == [], width
    page.set_viewport_size({"width": 1366, "height": 768})


def test_an_administrator_adds_a_colleague_and_deactivates_her_open_session_ends(
    page: Page, site: str, browser: Browser, browser_context_args: dict[str, Any], problems: PageProblems
) -> None:
    log_in(page, site, DEMO_USERS[Role.ORG_ADMIN])
    follow_nav_link(page, "Zespół")
    page.get_by_test_id("member-invite").click()
    no_serious_violation_at_desktop_and_phone_width(page)
    page.get_by_label("Imię").fill("Ewa")
    page.get_by_label("Nazwisko").fill("Nowicka")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Rola").select_option(Role.CASE_WORKER.value)
    page.get_by_role("button", name="Dodaj i wyślij e-mail").click()
    expect(page.get_by_text("e-mail z linkiem do ustawienia hasła wysłano")).to_be_visible()
    expect(page.get_by_test_id(f"member-{EMAIL}")).to_be_visible()
    no_serious_violation_at_desktop_and_phone_width(page)

    her_context = browser.new_context(**browser_context_args)
    her_page = her_context.new_page()
    her_problems = PageProblems(her_page)
    her_page.goto(site + set_password_link(EMAIL))
    her_page.locator("#id_new_password1").fill(PASSWORD)
    her_page.locator("#id_new_password2").fill(PASSWORD)
    her_page.get_by_role("button", name="Zapisz nowe hasło").click()
    her_page.locator("main").get_by_role("link", name="Zaloguj").click()
    log_in(her_page, site, EMAIL, PASSWORD)
    expect(her_page.get_by_test_id("landing-case-worker")).to_be_visible()

    page.get_by_test_id(f"member-{EMAIL}").get_by_role("link", name="Dezaktywuj").click()
    no_serious_violation_at_desktop_and_phone_width(page)
    page.locator("main").get_by_role("button", name="Dezaktywuj").click()
    expect(page.get_by_text("Dezaktywowano: Ewa Nowicka.")).to_be_visible()
    expect(page.get_by_test_id(f"member-{EMAIL}")).to_have_count(0)

    follow_nav_link(her_page, "Uczestnicy")
    expect(her_page).to_have_url(re.compile(r"/accounts/login/"))
    expect(her_page.locator("#id_username")).to_be_visible()
    her_context.close()
    assert problems.items == []
    assert her_problems.items == []
