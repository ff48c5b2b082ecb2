"""Acceptance, on a laptop and on a phone: a coordinator opens her programme's dashboard from the
navigation and finds the four charts, each with its table beside it and its download; the page
passes axe and nothing on it is wider than the window."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Role, User
from reintegra.casework.models import CaseAssignment
from reintegra.outcomes.models import ExitRecord, FollowUp, FollowUpStatus
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.e2e.conftest import DEMO_USERS, PageProblems, follow_nav_link, log_in
from tests.e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.e2e

COORDINATOR = "koordynator.mops"
PROGRAMME = "karnet-zalesie-2026"
SIZES = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
KEYS = ("funnel", "attendance", "outcomes", "caseload")


def two_people_have_left(programme: Programme) -> None:
    """Two of the demo club's members leave, one into a job she still holds six months later."""
    enrolments = list(programme.enrolments.filter(status=EnrolmentStatus.ENROLLED).order_by("pk")[:2])
    assert len(enrolments) == 2
    left_on = timezone.localdate() - timedelta(days=200)
    for number, enrolment in enumerate(enrolments):
        Enrolment.objects.filter(pk=enrolment.pk).update(status=EnrolmentStatus.LEFT, left_on=left_on)
        ExitRecord.objects.create(
            enrolment=enrolment,
            left_on=left_on,
            planned_completion=True,
            employed=number == 0,
            in_education=number == 1,
            recorded_at=timezone.now(),
        )
        FollowUp.objects.create(
            enrolment=enrolment,
            months=6,
            due_on=left_on + timedelta(days=182),
            status=FollowUpStatus.DONE,
            contacted_on=date.today(),
            employed=number == 0,
        )


def a_case_worker_looks_after_the_club(programme: Programme) -> None:
    worker = User.objects.get(username=DEMO_USERS[Role.CASE_WORKER])
    enrolled = programme.enrolments.filter(status=EnrolmentStatus.ENROLLED).order_by("pk")[:3]
    for enrolment in enrolled:
        CaseAssignment.objects.get_or_create(
            participant_id=enrolment.participant_id,
            worker=worker,
            ended_on=None,
            defaults={"assigned_on": timezone.localdate()},
        )


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_a_coordinator_reads_her_programmes_dashboard_on_a_laptop_and_a_phone(
    page: Page, site: str, problems: PageProblems, size: str, tmp_path: Path
) -> None:
    programme = Programme.objects.get(code=PROGRAMME)
    two_people_have_left(programme)
    a_case_worker_looks_after_the_club(programme)
    page.set_viewport_size(SIZES[size])
    log_in(page, site, COORDINATOR)

    follow_nav_link(page, "Pulpity")
    expect(page.get_by_role("heading", name="Pulpity", level=1)).to_be_visible()
    page.get_by_role("link", name=programme.name, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(programme.name)
    for key in KEYS:
        panel = page.get_by_test_id(f"panel-{key}")
        expect(panel.get_by_role("img")).to_be_visible()
        expect(panel.locator(".table-responsive table")).to_be_visible()
        box = panel.locator("svg").bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= SIZES[size]["width"], key
    outcomes = page.get_by_test_id("table-outcomes")
    expect(
        outcomes.get_by_role("row", name="Pracujący po zakończeniu udziału", exact=False).first
    ).to_be_visible()
    expect(page.get_by_role("img", name="Lejek programu")).to_be_visible()

    assert blocking_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the window"
    page.screenshot(path=str(tmp_path / f"dashboard-{size}.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_test_id("export-funnel-csv").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Etap", "Osoby"]
    assert [row[0] for row in rows[1:]][-1] == "Pracujący sześć miesięcy po zakończeniu udziału"
    assert rows[-1][1] == "1"
    assert problems.items == []
