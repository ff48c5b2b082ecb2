"""Attachments in a real browser: a case worker attaches a signed plan to a person's file on a
phone-sized screen, downloads it, is refused an executable renamed .pdf with the field named,
and removes the file through the dialog; the pages pass axe at a phone's and a laptop's width."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Organisation, Role, User
from reintegra.attachments.models import Attachment
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.e2e.test_accessibility import WIDTHS, blocking_violations
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.e2e

MOPS = "Miejski Ośrodek Pomocy Społecznej w Zalesiu"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(120)


@pytest.fixture(autouse=True)
def storage_directory(settings: Any, tmp_path: Path) -> Path:
    location = tmp_path / "attachments"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "reintegra.attachments.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": location},
        },
    }
    return location


def a_person() -> Participant:
    return ParticipantFactory(
        organisation=Organisation.objects.get(name=MOPS), first_name="Łucja", last_name="Źrebięcka"
    )


def attach(page: Page, name: str, data: bytes, mime: str = "application/pdf") -> None:
    form = page.get_by_test_id("attachment-form")
    form.locator("input[type=file]").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    form.locator("button[type=submit]").click()


def test_a_case_worker_attaches_downloads_and_removes_a_file_on_a_phone(
    page: Page, site: str, problems: PageProblems, tmp_path: Path
) -> None:
    person = a_person()
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 844})
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])
    page.goto(f"{site}/participants/{person.pk}/?tab=attachments")

    attach(page, "IPZS podpisany.pdf", PDF)

    expect(page.locator("main .alert-success")).to_be_visible()
    attachments = page.get_by_test_id("attachments")
    expect(attachments).to_contain_text("IPZS podpisany.pdf")
    attachment = Attachment.objects.get()
    with page.expect_download() as download:
        page.get_by_test_id(f"download-{attachment.pk}").click()
    assert download.value.suggested_filename == "IPZS podpisany.pdf"
    saved = tmp_path / "saved.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes() == PDF

    attach(page, "umowa.pdf", ELF)

    expect(page.get_by_test_id("error-summary")).to_be_visible()
    expect(page.locator("#id_file_error")).to_be_visible()
    assert Attachment.objects.count() == 1

    page.goto(f"{site}/participants/{person.pk}/?tab=attachments")
    page.get_by_test_id(f"remove-attachment-{attachment.pk}").click()
    dialog = page.get_by_test_id("confirm-dialog")
    expect(dialog).to_contain_text("IPZS podpisany.pdf")
    dialog.get_by_role("button", name="Usuń").click()

    expect(page.locator("main .alert-success")).to_be_visible()
    expect(page.get_by_test_id("attachments")).not_to_contain_text("IPZS podpisany.pdf")
    attachment.refresh_from_db()
    assert attachment.removed_at is not None
    # The refused upload answers 400 with the form; nothing else failed.
    assert [item for item in problems.items if not item.startswith("400 ")] == []
    assert len(problems.items) == 1


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_the_attachment_pages_have_no_serious_violation_nor_overflow(
    page: Page, site: str, width: int
) -> None:
    person = a_person()
    worker = User.objects.get(username=DEMO_USERS[Role.CASE_WORKER])
    plan = plan_services.plan_create(
        actor=worker, participant=person, plan_type_code="ipzs", starts_on=date(2026, 11, 2)
    )
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])
    found: dict[str, list[str]] = {}

    for address in (f"/participants/{person.pk}/?tab=attachments", f"/casework/plans/{plan.pk}/"):
        page.goto(f"{site}{address}")
        attach(page, "Zaświadczenie z długą nazwą pliku o ukończeniu kursu.pdf", PDF)
        expect(page.get_by_test_id("attachments")).to_contain_text("Zaświadczenie")
        found[address] = blocking_violations(page)
    page.goto(f"{site}/attachments/participant/{person.pk}/new/")
    attach(page, "umowa.pdf", ELF)
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    found["upload with an error"] = blocking_violations(page)
    for address, violations in found.items():
        if address.startswith("/"):
            page.goto(f"{site}{address}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            violations.append(f"the page is {overflow} px wider than the window")

    assert found == {address: [] for address in found}
