"""Acceptance: a MOPS case worker works with a person from diagnosis to a referral, in a real browser.

She runs the diagnosis interview with the person, creates an IPD from it, records a meeting and,
with the person's consent to sharing, refers her to the partner NGO with a few chosen fields. The
NGO's worker accepts the referral and sees those fields and nothing else; the plan prints as a
PDF in which Polish diacritics survive.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Organisation, Role
from reintegra.partnership.models import ReferralStatus
from reintegra.people.models import Participant
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.factories import ParticipantFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.e2e

MOPS = "Miejski Ośrodek Pomocy Społecznej w Zalesiu"
NGO_WORKER = "pracownik.ngo"
PESEL = "92071314764"
PHONE = "600 123 456"
GOAL = "Zażółć gęślą jaźń: praca w pobliżu domu (ąćęłńóśźż)"


def the_person() -> Participant:
    return ParticipantFactory(
        organisation=Organisation.objects.get(name=MOPS),
        first_name="Łucja",
        last_name="Źrebięcka",
        pesel=PESEL,
        birth_date=date(1992, 7, 13),
        phone=PHONE,
        labour_status="long_term_unemployed",
        degurba=3,
    )


def run_the_diagnosis_interview(page: Page, site: str, person: Participant) -> None:
    page.goto(f"{site}/questionnaires/participant/{person.pk}/")
    page.locator("main a[href*='/questionnaires/fill/']", has_text="Wywiad kwestionariuszowy").click()
    # An answer that another question depends on brings that question in (htmx re-renders the form).
    page.locator("input[name=answer_dzieci_pod_opieka][value=yes]").check()
    page.locator("input[name=answer_opieka_zastepcza][value=tak_zawsze]").check()
    page.locator("input[name=answer_osoby_w_gospodarstwie]").fill("3")
    page.locator("input[name=answer_prawo_jazdy][value=no]").check()
    page.locator("input[name=answer_dojazd_do_miasta][value=brak_komunikacji_publicznej]").check()
    page.locator("input[name=answer_ostatnia_praca][value=ponad_5_lat_temu]").check()
    page.locator("[name=answer_umiejetnosci]").fill("Szycie, opieka nad osobami starszymi")
    page.locator("input[name=answer_formy_wsparcia][value=doradztwo_zawodowe]").check()
    page.locator("input[name=answer_gotowosc][value='4']").check()
    page.locator("main form button[type=submit]:not([name=_refresh])").click()
    expect(page).to_have_url(re.compile(r"/questionnaires/responses/\d+/$"))


def create_an_ipd_from_it(page: Page, site: str, person: Participant) -> None:
    page.goto(f"{site}/casework/participant/{person.pk}/plans/")
    page.locator("#id_plan_type").select_option("ipd")
    page.locator("#id_starts_on").fill("2026-11-23")
    page.locator("#id_source_response").select_option(index=1)
    page.locator("main form button[type=submit]").click()
    # The plan opens for editing: a goal and an action with a deadline.
    page.locator("[name=goals-0-text]").fill(GOAL)
    page.locator("[name=actions-0-what]").fill("Spotkanie z doradcą zawodowym w PUP")
    page.locator("[name=actions-0-starts_on]").fill("2026-11-24")
    page.locator("[name=actions-0-deadline]").fill("2026-12-15")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text(GOAL)


def record_a_meeting(page: Page, site: str, person: Participant) -> None:
    page.goto(f"{site}/casework/participant/{person.pk}/meetings/")
    page.locator(f"main a[href$='/participant/{person.pk}/meetings/new/']").click()
    page.locator("#id_starts_at").fill("2026-11-23T10:00")
    page.locator("#id_duration_minutes").fill("45")
    page.locator("#id_notes").fill("Omówiłyśmy plan; pani Łucja chce zacząć od doradztwa.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Omówiłyśmy plan")


def record_consent_to_sharing(page: Page, site: str, person: Participant) -> None:
    page.goto(f"{site}/participants/{person.pk}/consents/new/")
    page.locator("#id_kind").select_option("sharing_with_partners")
    page.locator("#id_document").fill("Oświadczenie nr 12/2026")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Oświadczenie nr 12/2026")


def refer_to_the_ngo(page: Page, site: str, person: Participant) -> None:
    page.goto(f"{site}/partnership/referrals/new/{person.pk}/")
    page.locator("#id_to_organisation").select_option(label="Wspólna Droga")
    for field in ("name", "labour_status", "questionnaire"):
        page.locator(f"input[name=referred_fields][value={field}]").check()
    page.locator("#id_reason").fill("Wsparcie streetworkera w drodze na spotkania w PUP.")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("referral-status")).to_be_visible()


def test_a_case_worker_diagnoses_plans_meets_and_refers_and_the_ngo_sees_only_what_was_referred(
    page: Page, site: str, problems: PageProblems, tmp_path: Path
) -> None:
    person = the_person()
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])

    run_the_diagnosis_interview(page, site, person)
    create_an_ipd_from_it(page, site, person)

    with page.expect_download() as download:
        page.locator("main a[href$='/pdf/']").click()
    plan_pdf = tmp_path / "plan.pdf"
    download.value.save_as(plan_pdf)
    text = pdf_text(plan_pdf.read_bytes())
    assert "Łucja Źrebięcka" in text
    assert "ąćęłńóśźż" in text

    record_a_meeting(page, site, person)
    record_consent_to_sharing(page, site, person)
    refer_to_the_ngo(page, site, person)

    # The NGO's street worker finds it in the inbox, accepts it, and sees only the referred fields.
    page.context.clear_cookies()
    log_in(page, site, NGO_WORKER)
    page.goto(f"{site}/partnership/referrals/")
    page.get_by_test_id("referrals").locator("tr", has_text="Źrebięcka").locator("a").click()
    page.get_by_test_id("accept").click()
    with translation.override("pl"):
        accepted = str(ReferralStatus.ACCEPTED.label)
    expect(page.get_by_test_id("referral-status")).to_have_text(accepted)
    referred = page.get_by_test_id("referred-fields")
    expect(referred).to_contain_text("Łucja")
    expect(referred).to_contain_text("Wywiad kwestionariuszowy")
    body = page.locator("body")
    expect(body).not_to_contain_text(PESEL)
    expect(body).not_to_contain_text(PHONE)
    expect(body).not_to_contain_text("Szycie")  # an answer of the questionnaire, never referred

    assert problems.items == []

    # The person's own file stays closed to the NGO.
    opened = page.goto(f"{site}/participants/{person.pk}/")
    assert opened is not None
    assert opened.status == 404
