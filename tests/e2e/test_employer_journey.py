"""Issue 12's acceptance walk in a real browser, through the pages only.

The coordinator of the MOPS sends a needs survey; the bakery's contact answers it, adds her
site and posts a two-month internship; the case worker finds it among the person's matched
offers with its explanation and proposes her; the contact sees a profile without a name,
PESEL or phone and accepts; the case worker records that the person agreed to meet; the
agreement prints with the names, dates and hours; the contact reports the start and the end,
writes her feedback and prints the certificate. Every form on the way is first sent with one
bad value, which must come back as a message, never an error page; the employer's pages and
the matches page pass axe on a laptop and on a phone.

Only the setting the walk starts from is written directly: the bakery as an employer the MOPS
keeps, the KZiS occupation, and the person with her consent and job profile.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from reintegra.accounts.models import Membership, Organisation, Role, User
from reintegra.employers import quarters
from reintegra.employers.models import (
    Employer,
    JobProfile,
    Occupation,
    OccupationLevel,
    Offer,
    OfferKind,
    OfferStatus,
    Placement,
    PlacementStatus,
    SurveyAnswer,
)
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant, TercUnit
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.e2e.test_accessibility import WIDTHS, blocking_violations
from tests.factories import ParticipantFactory
from tests.pdf import pdf_pages

pytestmark = pytest.mark.e2e

MOPS = "Miejski Ośrodek Pomocy Społecznej w Zalesiu"
MOPS_COORDINATOR = "koordynator.mops"
PESEL = "90050112345"
PHONE = "600100200"
# The bakery's site and the person's home, a few kilometres apart.
SITE_LATITUDE, SITE_LONGITUDE = "52.30000", "17.50000"


def the_setting() -> Participant:
    """The bakery kept by the MOPS, the baker's KZiS code, and Łucja with her consent and job profile."""
    mops = Organisation.objects.get(name=MOPS)
    bakery = Membership.objects.get(user__username=DEMO_USERS[Role.EMPLOYER_CONTACT]).organisation
    Employer.objects.update_or_create(
        organisation=bakery, defaults={"kept_by": mops, "sector": "C", "size": "small"}
    )
    Occupation.objects.get_or_create(
        code="751204", defaults={"name": "Piekarz", "level": OccupationLevel.OCCUPATION}
    )
    worker = User.objects.get(username=DEMO_USERS[Role.CASE_WORKER])
    person: Participant = ParticipantFactory(
        organisation=mops,
        first_name="Łucja",
        last_name="Źrebięcka",
        pesel=PESEL,
        phone=PHONE,
        birth_date=date(1990, 5, 1),
    )
    people_services.consent_record(
        actor=worker,
        participant=person,
        kind=ConsentKind.SHARING_WITH_EMPLOYERS,
        given_on=timezone.localdate() - timedelta(days=30),
        document="Oświadczenie 7/2026",
    )
    JobProfile.objects.create(
        participant=person,
        wanted_occupations=["751204"],
        skills=["wypiek chleba", "obsługa pieca"],
        max_distance_km=25,
        home_latitude=Decimal("52.32000"),
        home_longitude=Decimal("17.52000"),
        max_hours_per_week=40,
    )
    return person


def a_gmina() -> TercUnit:
    gmina = TercUnit.objects.filter(code__regex=r"^\d{7}$").order_by("code").first()
    assert gmina is not None
    return gmina


def at_both_widths(page: Page, found: dict[str, list[str]], name: str) -> None:
    """Axe's blocking findings for the page on a laptop and on a phone, under `name`."""
    for device, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        found[f"{name} ({device})"] = blocking_violations(page)
    page.set_viewport_size({"width": WIDTHS["laptop"], "height": 900})


def error_summary(page: Page) -> Locator:
    return page.get_by_test_id("error-summary")


def polish(day: date) -> str:
    """A day as Polish documents print it: 3.12.2026."""
    return f"{day.day}.{day.month}.{day.year}"


def download_text(page: Page, link: Locator, tmp_path: Path, name: str) -> str:
    with page.expect_download() as download:
        link.click()
    path = tmp_path / name
    download.value.save_as(path)
    return " ".join(pdf_pages(path.read_bytes()))


def test_an_employer_answers_the_survey_posts_an_internship_and_takes_a_matched_person_to_a_certificate(
    page: Page, browser: Browser, site: str, problems: PageProblems, tmp_path: Path
) -> None:
    person = the_setting()
    gmina = a_gmina()
    found: dict[str, list[str]] = {}
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": WIDTHS["laptop"], "height": 900})
    starts_on = timezone.localdate() + timedelta(days=14)
    ends_on = starts_on + timedelta(days=60)

    # The MOPS coordinator opens a round of the needs survey and sends it to the employers it keeps.
    log_in(page, site, MOPS_COORDINATOR)
    page.goto(f"{site}/employers/surveys/")
    first = quarters.shifted(quarters.quarter_of(timezone.localdate()), 1)
    page.locator("#id_closes_on").fill((first + timedelta(days=10)).isoformat())
    page.locator("main form button[type=submit]").last.click()
    expect(error_summary(page)).to_be_visible()
    page.locator("#id_title").fill("Potrzeby pracodawców – półrocze")
    page.locator("main form button[type=submit]").last.click()
    expect(page.get_by_test_id("round-status")).to_contain_text("projekt")
    page.get_by_role("button", name="Wyślij pracodawcom").click()
    expect(page.get_by_test_id("round-employers")).to_contain_text("Piekarnia")

    # The bakery's contact answers the survey from her start page.
    page.context.clear_cookies()
    log_in(page, site, DEMO_USERS[Role.EMPLOYER_CONTACT])
    page.get_by_test_id("landing-needs-surveys").click()
    at_both_widths(page, found, "employer's surveys")
    page.get_by_test_id("my-surveys").get_by_role("link", name="Potrzeby pracodawców – półrocze").click()
    row = page.get_by_test_id("line-0")
    row.locator("input[name='lines-0-occupation']").fill("751204")
    row.locator("input[name='lines-0-count']").fill("-2")
    page.get_by_role("button", name="Zapisz odpowiedź").click()
    expect(error_summary(page)).to_be_visible()
    row = page.get_by_test_id("line-0")
    row.locator("input[name='lines-0-count']").fill("2")
    row.locator("input[name='lines-0-gmina']").fill(gmina.code)  # she has no site yet
    row.locator("textarea[name='lines-0-training']").fill("Obsługa pieca konwekcyjnego")
    page.get_by_role("button", name="Zapisz odpowiedź").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text("zapisana")
    at_both_widths(page, found, "survey answer")
    assert (
        SurveyAnswer.objects.get(
            round__title="Potrzeby pracodawców – półrocze",
            employer__organisation__name__startswith="Piekarnia",
        )
        .lines.get()
        .count
        == 2
    )

    # She adds her site and posts a two-month internship.
    page.goto(f"{site}/")
    page.get_by_test_id("landing-own-company").click()
    at_both_widths(page, found, "employer's home")
    page.get_by_role("link", name="Dodaj miejsce pracy").click()
    page.locator("#id_name").fill("Piekarnia przy rynku")
    page.locator("#id_street").fill("Rynek 3")
    page.locator("#id_town").fill("Zalesie")
    page.locator("#id_gmina").fill("9999999")
    page.locator("#id_latitude").fill(SITE_LATITUDE)
    page.locator("#id_longitude").fill(SITE_LONGITUDE)
    page.locator("main form button[type=submit]").last.click()
    expect(error_summary(page)).to_contain_text("9999999")
    at_both_widths(page, found, "site form with an error")
    page.locator("#id_gmina").fill(gmina.code)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator("main")).to_contain_text("Piekarnia przy rynku")

    page.get_by_role("link", name="Dodaj ofertę").click()
    page.locator("#id_kind").select_option(OfferKind.INTERNSHIP.value)
    page.locator("#id_site").select_option(label="Piekarnia przy rynku, Zalesie")
    page.locator("#id_title").fill("Staż: piekarz na zmianie porannej")
    page.locator("#id_occupation_query").fill("751204")
    page.locator("button[name=find_occupation]").click()
    page.locator("#id_occupation").select_option("751204")
    page.locator("#id_required_skills").fill("wypiek chleba")
    page.locator("#id_hours_per_week").fill("30")
    page.locator("#id_contract_type").select_option("internship_agreement")
    page.locator("#id_places").fill("0")
    page.locator("#id_starts_on").fill(starts_on.isoformat())
    page.locator("#id_duration_months").fill("2")
    page.locator("button[name=publish]").click()
    expect(error_summary(page)).to_be_visible()
    at_both_widths(page, found, "offer form with an error")
    page.locator("#id_places").fill("1")
    page.locator("button[name=publish]").click()
    expect(page.locator("main")).to_contain_text("Staż: piekarz na zmianie porannej")
    at_both_widths(page, found, "employer's offer")
    offer = Offer.objects.get(title="Staż: piekarz na zmianie porannej")
    assert (offer.kind, offer.status, offer.duration_months) == (OfferKind.INTERNSHIP, OfferStatus.OPEN, 2)

    # The case worker finds the internship among the person's matched offers, with why.
    staff = browser.new_page(locale="pl-PL", timezone_id="Europe/Warsaw")
    staff.set_default_timeout(10_000)
    staff.set_viewport_size({"width": WIDTHS["laptop"], "height": 900})
    PageProblems(staff).items = problems.items  # one list for both users' pages
    log_in(staff, site, DEMO_USERS[Role.CASE_WORKER])
    staff.goto(f"{site}/participants/{person.pk}/")
    staff.get_by_test_id("matches-link").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Dopasowane oferty")
    match = staff.get_by_test_id("match").filter(has_text="Staż: piekarz na zmianie porannej")
    expect(match).to_have_count(1)
    explanation = match.get_by_test_id("explanation")
    expect(explanation).to_contain_text("Waga")
    assert explanation.locator("tbody tr").count() >= 3
    for factor in ("Zawód", "Umiejętności", "Odległość", "Godziny pracy"):
        expect(explanation.get_by_role("rowheader", name=factor)).to_be_visible()
    expect(explanation).to_contain_text("2,6 km od domu")
    weights = explanation.locator("tbody tr td:nth-child(4)").all_inner_texts()
    assert all(re.fullmatch(r"\d,\d\d", weight) for weight in weights), weights
    at_both_widths(staff, found, "matches")

    match.get_by_role("link", name="Zaproponuj").click()
    staff.locator("#id_starts_on").fill(starts_on.isoformat())
    staff.locator("#id_ends_on").fill(ends_on.isoformat())
    staff.locator("#id_hours_per_week").fill("0")
    staff.get_by_test_id("propose").click()
    expect(error_summary(staff)).to_be_visible()
    staff.locator("#id_hours_per_week").fill("30")
    staff.get_by_test_id("propose").click()
    expect(staff.get_by_test_id("placement-status")).to_have_text("zaproponowana")
    placement = Placement.objects.get(offer=offer, participant=person)

    # The employer sees a candidate without a name, PESEL or phone, and accepts.
    page.goto(f"{site}/employers/mine/")
    page.get_by_test_id("own-candidates").click()
    at_both_widths(page, found, "candidates")
    page.get_by_test_id("candidates").get_by_role("link").first.click()
    expect(page.get_by_test_id("anonymised")).to_be_visible()
    main = page.locator("main")
    for secret in ("Łucja", "Źrebięcka", PESEL, PHONE):
        expect(main).not_to_contain_text(secret)
    expect(page.get_by_test_id("candidate-profile")).to_contain_text("wypiek chleba")
    at_both_widths(page, found, "anonymised candidate")
    page.get_by_test_id("move-accepted").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("przyjęta przez pracodawcę")

    # The person agrees to meet: her case worker records it, a dialog asking first.
    staff.goto(f"{site}/employers/placements/{placement.pk}/")
    staff.get_by_test_id("meeting-agree").click()
    dialog = staff.get_by_test_id("confirm-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Osoba zgodziła się na spotkanie").click()
    expect(staff.get_by_test_id("meeting-agreed")).not_to_contain_text("jeszcze nie")

    # The employer now sees her name and prints the agreement: names, dates, hours.
    page.reload()
    expect(page.get_by_test_id("candidate-name")).to_have_text("Łucja Źrebięcka")
    at_both_widths(page, found, "named candidate")
    agreement = download_text(page, page.get_by_test_id("agreement-pdf"), tmp_path, "umowa.pdf")
    assert "Łucja Źrebięcka" in agreement
    assert "Piekarnia Kłos" in agreement
    assert "Staż: piekarz na zmianie porannej" in agreement
    assert f"Okres {polish(starts_on)} – {polish(ends_on)}" in agreement, agreement
    assert "Godzin w tygodniu 30" in agreement, agreement

    # She reports the start, then the end (a date in the future is refused first).
    page.get_by_test_id("move-started").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("rozpoczęta")
    page.locator("#finished_on").fill("2099-01-01")
    page.get_by_test_id("move-finished").click()
    expect(error_summary(page)).to_be_visible()
    page.locator("#finished_on").fill("")
    page.get_by_test_id("move-finished").click()
    expect(page.get_by_test_id("placement-status")).to_have_text("zakończona")

    # Her feedback (an empty one is refused first), then the certificate.
    page.get_by_test_id("save-employer-feedback").click()
    expect(error_summary(page)).to_be_visible()
    page.locator("#employer_rating").select_option("5")
    page.locator("#employer_feedback").fill("Punktualna, szybko nauczyła się obsługi pieca.")
    page.get_by_test_id("save-employer-feedback").click()
    expect(page.get_by_test_id("employer-feedback")).to_contain_text("Punktualna")
    at_both_widths(page, found, "finished placement")
    certificate = download_text(page, page.get_by_test_id("certificate-pdf"), tmp_path, "zaswiadczenie.pdf")
    assert "Łucja Źrebięcka" in certificate
    assert "Piekarnia Kłos" in certificate
    assert "Staż: piekarz na zmianie porannej" in certificate
    assert polish(timezone.localdate()) in certificate, certificate

    placement.refresh_from_db()
    assert placement.status == PlacementStatus.FINISHED
    assert placement.employer_rating == 5
    assert found == {key: [] for key in found}
    # A form sent with a bad value answers 400 with its message; nothing else failed.
    assert [item for item in problems.items if not item.startswith("400 ")] == []
