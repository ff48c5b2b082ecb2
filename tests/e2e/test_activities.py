"""Acceptance, on a phone-sized window: the club coordinator schedules weekly sessions, the
leader marks attendance on the phone, and the attendance list downloads as a PDF with names,
hours and signature boxes; the calendar passes axe."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reintegra.accounts.models import User
from reintegra.activities.models import Attendance, Session, Venue
from reintegra.programmes.models import Programme
from tests.e2e.conftest import PageProblems, log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.pdf import pdf_text

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def test_the_coordinator_schedules_the_leader_marks_and_the_list_prints(
    page: Page, site: str, problems: PageProblems, tmp_path: Path
) -> None:
    page.set_viewport_size(PHONE)
    programme = Programme.objects.get(code="karnet-zalesie-2026")
    leader = User.objects.get(username="asystent.mops")
    venue = Venue.objects.get(name__startswith="Klub Aktywności", organisation=programme.organisation)
    first = timezone.localdate() - timedelta(days=7)

    log_in(page, site, "koordynator.mops")
    page.goto(f"{site}/programmes/{programme.pk}/")
    page.locator("main a", has_text="Zaplanuj zajęcia").click()
    page.locator("#id_kind").select_option("group_workshop")
    page.locator("#id_title").fill("Klub filmowy – seans")
    page.locator("#id_leader").select_option(str(leader.pk))
    page.locator("#id_venue").select_option(str(venue.pk))
    page.locator("#id_group").select_option(label="Klub A")
    page.locator("#id_starts_at").fill(f"{first:%Y-%m-%d}T17:00")
    page.locator("#id_ends_at").fill(f"{first:%Y-%m-%d}T19:00")
    page.locator("#id_planned_hours").fill("2")
    page.locator("#id_recurrence").fill("FREQ=WEEKLY;COUNT=6")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text("6")
    calendar = page.get_by_test_id("calendar")
    expect(calendar).to_contain_text("Klub filmowy – seans")
    assert blocking_violations(page) == []
    page.goto(page.url + "&view=month")
    expect(page.get_by_test_id("calendar")).to_contain_text("Klub filmowy – seans")
    assert blocking_violations(page) == []

    page.context.clear_cookies()
    log_in(page, site, "asystent.mops")
    session = Session.objects.filter(title="Klub filmowy – seans").order_by("starts_at").first()
    assert session is not None
    page.goto(f"{site}/activities/sessions/{session.pk}/")
    page.locator("main a", has_text="Sprawdź obecność").click()
    rows = page.locator("li[data-testid^=attendance-]")
    count = rows.count()
    assert count >= 2
    for index in range(count):
        rows.nth(index).locator("input[type=checkbox]").check()
    rows.nth(0).locator("input[type=checkbox]").uncheck()
    rows.nth(1).locator("input[type=number]").fill("1.5")
    page.get_by_role("button", name="Zapisz obecność").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert Attendance.objects.filter(session=session, present=True).count() == count - 1

    with page.expect_download() as download:
        page.locator("main a[data-testid=attendance-pdf]").click()
    pdf = tmp_path / "lista.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes())
    assert "Lista obecności" in text
    assert "Podpis" in text
    assert "1.50" in text or "1,50" in text
    some = Attendance.objects.filter(session=session).select_related("participant").first()
    assert some is not None
    assert some.participant.last_name in text
    assert problems.items == []


def test_the_new_pages_fit_a_phone_and_pass_axe(page: Page, site: str) -> None:
    page.set_viewport_size(PHONE)
    programme = Programme.objects.get(code="karnet-zalesie-2026")
    venue = Venue.objects.get(name__startswith="Klub Aktywności", organisation=programme.organisation)
    session = Session.objects.filter(venue=venue).order_by("starts_at").first()
    assert session is not None
    log_in(page, site, "koordynator.mops")
    found: dict[str, list[str]] = {}
    for address in (
        f"/activities/venues/{venue.pk}/",
        f"/activities/programmes/{programme.pk}/calendar/?view=month",
        f"/activities/sessions/{session.pk}/attendance/",
        f"/activities/programmes/{programme.pk}/attendance/",
        f"/activities/programmes/{programme.pk}/votes/",
        f"/programmes/{programme.pk}/",
    ):
        page.goto(f"{site}{address}")
        found[address] = blocking_violations(page)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            found[address].append(f"the page is {overflow} px wider than the window")
    assert found == {address: [] for address in found}
