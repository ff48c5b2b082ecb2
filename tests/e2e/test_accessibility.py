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
