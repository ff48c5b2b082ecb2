"""A placement in a real browser: the bakery's contact sees a candidate without a name and
accepts her; the case worker records that the person agreed to meet (a dialog asks first); the
contact then sees the name and downloads the internship agreement. The pages pass axe."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from reintegra.accounts.models import Organisation, Role, User
from reintegra.employers.models import Employer, JobProfile, Offer, OfferKind, OfferStatus, Placement, Site
from reintegra.employers.placements import services
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant, TercUnit
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.factories import ParticipantFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.e2e

MOPS = "Miejski Ośrodek Pomocy Społecznej w Zalesiu"


def proposed() -> Placement:
    mops = Organisation.objects.get(name=MOPS)
    worker = User.objects.get(username=DEMO_USERS[Role.CASE_WORKER])
    contact = User.objects.get(username=DEMO_USERS[Role.EMPLOYER_CONTACT])
    bakery, _ = Employer.objects.get_or_create(
        organisation=contact.memberships.get().organisation,
        defaults={"kept_by": mops, "sector": "C", "size": "small"},
    )
    gmina = TercUnit.objects.order_by("code").first() or TercUnit.objects.create(
        code="3035011", name="Zalesie"
    )
    site = Site.objects.create(
        employer=bakery,
        name="Piekarnia przy rynku",
        street="Rynek 3",
        town="Zalesie",
        gmina=gmina,
        latitude=Decimal("52.3"),
        longitude=Decimal("17.5"),
    )
    offer = Offer.objects.create(
        employer=bakery,
        site=site,
        kind=OfferKind.INTERNSHIP,
        title="Staż w piekarni",
        hours_per_week=30,
        contract_type="internship_agreement",
        places=2,
        starts_on=date(2027, 1, 4),
        duration_months=2,
        status=OfferStatus.OPEN,
    )
    person: Participant = ParticipantFactory(
        organisation=mops,
        first_name="Łucja",
        last_name="Źrebięcka",
        phone="600100200",
        birth_date=date(1990, 5, 1),
    )
    JobProfile.objects.create(participant=person, skills=["wypiek chleba"])
    people_services.consent_record(
        actor=worker,
        participant=person,
        kind=ConsentKind.SHARING_WITH_EMPLOYERS,
        given_on=date(2026, 11, 2),
        document="Oświadczenie 1/2026",
    )
    return services.placement_propose(actor=worker, participant=person, offer=offer)


def test_the_employer_accepts_a_nameless_candidate_who_then_agrees_to_meet_and_the_agreement_downloads(
    page: Page, browser: Browser, site: str, problems: PageProblems, tmp_path: Path
) -> None:
    placement = proposed()
    log_in(page, site, DEMO_USERS[Role.EMPLOYER_CONTACT])
    page.goto(f"{site}/employers/placements/candidates/")
    # The demo's bakery has candidates of its own: this one is the first for this offer.
    row = page.get_by_test_id("candidates").locator("tr").filter(has_text="Staż w piekarni")
    expect(row).to_contain_text("Kandydatka 1")
    expect(page.locator("main")).not_to_contain_text("Źrebięcka")
    assert blocking_violations(page) == []
    row.get_by_role("link", name="Kandydatka 1").click()
    expect(page.get_by_test_id("anonymised")).to_be_visible()
    assert blocking_violations(page) == []
    page.get_by_test_id("move-accepted").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("przyjęta przez pracodawcę")

    staff = browser.new_page(locale="pl-PL", timezone_id="Europe/Warsaw")
    log_in(staff, site, DEMO_USERS[Role.CASE_WORKER])
    staff.goto(f"{site}/employers/placements/{placement.pk}/")
    assert blocking_violations(staff) == []
    staff.get_by_test_id("meeting-agree").click()
    dialog = staff.get_by_test_id("confirm-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Osoba zgodziła się na spotkanie").click()
    expect(staff.get_by_test_id("meeting-agreed")).not_to_contain_text("jeszcze nie")
    staff.close()

    page.reload()
    expect(page.get_by_test_id("candidate-name")).to_have_text("Łucja Źrebięcka")
    with page.expect_download() as download:
        page.get_by_test_id("agreement-pdf").click()
    pdf = tmp_path / "umowa.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes())
    assert "Umowa o staż" in text
    assert "Łucja Źrebięcka" in text
    assert problems.items == []
