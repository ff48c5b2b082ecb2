"""The report in the browser: a coordinator of the demo finds it under "Rezultaty", picks her
organisation and a period, reads the indicator tables and opens the data-completeness check; an
end before the start is named on its field. Every page passes axe and fits a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Role
from tests.e2e.conftest import DEMO_USERS, follow_nav_link, log_in
from tests.e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.e2e


def overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.mark.parametrize("width", [1366, 390], ids=["laptop", "phone"])
def test_a_coordinator_reads_her_organisations_report_and_who_cannot_be_counted(
    page: Page, site: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site, DEMO_USERS[Role.COORDINATOR])
    follow_nav_link(page, "Raporty")
    found: dict[str, list[str]] = {}

    page.get_by_label("Raport dla").select_option(index=0)
    page.get_by_label("Od").fill("2026-06-30")
    page.get_by_label("Do").fill("2026-01-01")
    page.get_by_role("button", name="Pokaż raport").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("Koniec okresu")
    found["błąd"] = blocking_violations(page)

    page.get_by_label("Od").fill("2020-01-01")
    page.get_by_label("Do").fill("2030-12-31")
    page.get_by_role("button", name="Pokaż raport").click()
    expect(page.get_by_test_id("report-table-efs_outputs")).to_contain_text("EECO01")
    expect(page.get_by_test_id("report-exports").get_by_role("link", name="Eksportuj XLSX")).to_be_visible()
    found["raport"] = blocking_violations(page) + (
        [f"{overflow(page)} px too wide"] if overflow(page) > 0 else []
    )

    follow_nav_link(page, "Kompletność danych")
    page.get_by_role("button", name="Sprawdź").click()
    expect(page.get_by_test_id("incomplete-table")).to_be_visible()
    found["kompletność"] = blocking_violations(page) + (
        [f"{overflow(page)} px too wide"] if overflow(page) > 0 else []
    )

    assert found == {"błąd": [], "raport": [], "kompletność": []}
