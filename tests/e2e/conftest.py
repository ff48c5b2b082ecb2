"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

`playwright install` cannot download browsers on our machines, so the tests launch the Chromium
that scripts/system-packages.sh installs from Debian.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, Response, expect
from pytest_django.live_server_helper import LiveServer

from reintegra.accounts.models import Role

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "Reintegra-demo-2026"
# The demo log-ins of `manage.py seed_demo`, one per role.
DEMO_USERS = {
    Role.ORG_ADMIN: "admin.mops",
    Role.COORDINATOR: "koordynator.pup",
    Role.CASE_WORKER: "pracownik.mops",
    Role.PARTNER_VIEWER: "partner.ngo",
    Role.EMPLOYER_CONTACT: "pracodawca",
    Role.PARTICIPANT: "uczestnik",
}


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_calls_beside_playwrights_event_loop() -> Iterator[None]:
    # Playwright's sync API keeps an event loop in the test thread; Django refuses ORM calls
    # from a thread with a running loop unless told it is safe (it is: the loop is idle).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A browser set up the way our users' are: Polish, in Warsaw's time zone.
    return {**browser_context_args, "locale": "pl-PL", "timezone_id": "Europe/Warsaw"}


@pytest.fixture
def site(live_server: LiveServer) -> str:
    """The live server's address, with the demo organisations and their users in the database."""
    call_command("seed_demo", stdout=io.StringIO())
    return live_server.url


class PageProblems:
    """Failed requests and console errors (a CSP violation, a missing stylesheet) seen by a page."""

    def __init__(self, page: Page) -> None:
        self.items: list[str] = []
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"page error: {error}"))

    def _response(self, response: Response) -> None:
        # Chromium asks for /favicon.ico on its own; we ship none and that is not a page's fault.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.items.append(f"{response.status} {response.url}")

    def _console(self, message: ConsoleMessage) -> None:
        # A failed load is already reported, with its address, by _response.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.items.append(f"console: {message.text}")


@pytest.fixture
def problems(page: Page) -> PageProblems:
    return PageProblems(page)


def log_in(page: Page, site: str, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(f"{site}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def follow_nav_link(page: Page, label: str) -> None:
    """Follows a link of the main navigation: the phone's menu and the link's group opened first."""
    menu = page.locator("#main-menu")
    toggle = page.get_by_test_id("menu-toggle")
    if toggle.is_visible() and not menu.is_visible():
        toggle.click()
        expect(menu).to_be_visible()
    named = page.get_by_role("link", name=label, exact=True, include_hidden=True)
    link = menu.locator("a.nav-link").filter(has_text=re.compile(rf"^{re.escape(label)}$"))
    group = menu.locator("details[data-nav-group]").filter(has=named)
    if group.count() and not group.evaluate("details => details.open"):
        group.locator("summary").click()
    link.click()
