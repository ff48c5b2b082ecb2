"""Acceptance: a coordinator imports people alone, in a real browser: reads the guide inside the
application, downloads the template, checks the example file of the guide and imports it with one
click, then opens an imported person's file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from reintegra.programmes.imports import parsing
from reintegra.programmes.imports.guide import EXAMPLE
from tests.e2e.conftest import PageProblems, follow_nav_link, log_in

pytestmark = pytest.mark.e2e

PROGRAMME = "Klub Aktywności Rozmaitych „Przystań” 2026"
SHIPPED_TERC = Path(settings.BASE_DIR) / "reintegra" / "people" / "data" / "terc-2020-01-01.csv"


def blocking_violations(page: Page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']})" for v in violations if v["impact"] in {"serious", "critical"}]


def no_blocking_violations_at_desktop_and_phone_widths(page: Page) -> None:
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert blocking_violations(page) == [], (width, page.url)


def test_a_coordinator_imports_the_guides_example_alone(
    page: Page, site: str, problems: PageProblems
) -> None:
    # A live-server test empties the database after it runs, migrated data included.
    call_command("load_terc", str(SHIPPED_TERC), stdout=io.StringIO())
    log_in(page, site, "koordynator.mops")

    follow_nav_link(page, "Importuj")
    page.get_by_role("link", name="Instrukcja importu: kolumny, ich wartości i przykład").click()
    expect(page.get_by_role("heading", name="Import uczestników z pliku")).to_be_visible()
    no_blocking_violations_at_desktop_and_phone_widths(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz wzór pliku (XLSX)").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(parsing.COLUMNS)

    page.get_by_role("link", name="Wybierz program i wyślij plik").click()
    page.get_by_role("link", name=PROGRAMME).click()
    page.get_by_label("Plik (CSV lub XLSX)").set_input_files(
        {"name": "uczestnicy.csv", "mimeType": "text/csv", "buffer": EXAMPLE.encode("utf-8")}
    )
    page.get_by_role("button", name="Importuj", exact=True).click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("Próba: 2 wiersze są poprawne")
    no_blocking_violations_at_desktop_and_phone_widths(page)

    page.get_by_test_id("import-kept").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("Zaimportowano 2 wiersze")
    page.get_by_test_id("import-people").get_by_role("link", name="Olena Kowalenko").click()
    expect(page.get_by_role("heading", name="Olena Kowalenko")).to_be_visible()
    assert problems.items == []
