"""Acceptance: a referral honours the person's consents, and the partner takes the person in
without typing the data again.

A MOPS case worker records that the person withdrew the consent to contact by phone, refers her
to the partner NGO: the form says the contact fields are blocked and why, and the phone does not
leave. The NGO's worker accepts the referral and takes the person in: the participant form comes
filled with exactly the referred fields, she only says what the referral did not carry, and the
new record holds the referred name and PESEL.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Organisation, Role, User
from reintegra.partnership.models import Referral
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.e2e

MOPS = "Miejski Ośrodek Pomocy Społecznej w Zalesiu"
NGO_WORKER = "pracownik.ngo"
PESEL = "85020312647"
PHONE = "600 987 654"


def the_person() -> Participant:
    """A person of the MOPS with the consents to sharing and to contact."""
    person = ParticipantFactory(
        organisation=Organisation.objects.get(name=MOPS),
        first_name="Bożena",
        last_name="Śliwińska",
        pesel=PESEL,
        birth_date=date(1985, 2, 3),
        phone=PHONE,
        street_address="ul. Leśna 4",
        locality="Zalesie",
        postal_code="06-400",
    )
    recorder = User.objects.get(username=DEMO_USERS[Role.CASE_WORKER])
    for kind in (ConsentKind.SHARING_WITH_PARTNERS, ConsentKind.CONTACT):
        people_services.consent_record(
            actor=recorder,
            participant=person,
            kind=kind,
            given_on=date(2026, 1, 12),
            document="Deklaracja 1/2026",
        )
    return person


def no_serious_violation_at_desktop_and_phone_width(page: Page) -> None:
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert blocking_violations(page) == [], f"at {width} px"
    page.set_viewport_size({"width": 1366, "height": 768})


def withdraw_the_contact_consent(page: Page, site: str, person: Participant) -> None:
    consent = person.consents.get(kind=ConsentKind.CONTACT)
    page.goto(f"{site}/participants/{person.pk}/?tab=consents")
    page.locator(f"main a[href$='/consents/{consent.pk}/withdraw/']").click()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(f"main a[href$='/consents/{consent.pk}/withdraw/']")).to_have_count(0)


def refer_without_the_phone(page: Page, site: str, person: Participant) -> None:
    page.goto(f"{site}/partnership/referrals/new/{person.pk}/")
    expect(page.get_by_test_id("blocked-contact")).to_be_visible()
    expect(page.locator("input[name=referred_fields][value=contact]")).to_be_disabled()
    no_serious_violation_at_desktop_and_phone_width(page)
    page.locator("#id_to_organisation").select_option(label="Wspólna Droga")
    for field in ("name", "birth_date", "pesel", "address"):
        page.locator(f"input[name=referred_fields][value={field}]").check()
    page.locator("#id_reason").fill("Prośba o wsparcie streetworkera.")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_test_id("referral-status")).to_be_visible()
    expect(page.get_by_test_id("referred-fields")).to_contain_text(PESEL)
    expect(page.get_by_test_id("referred-fields")).not_to_contain_text(PHONE)


def test_a_withdrawn_phone_consent_keeps_the_phone_home_and_the_ngo_takes_the_person_in_without_retyping(
    page: Page, site: str, problems: PageProblems
) -> None:
    person = the_person()
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])

    withdraw_the_contact_consent(page, site, person)
    refer_without_the_phone(page, site, person)
    referral = Referral.objects.get(participant=person)
    assert "contact" not in referral.snapshot

    # The NGO's worker accepts it and takes the person in from the referred data.
    page.context.clear_cookies()
    log_in(page, site, NGO_WORKER)
    page.goto(f"{site}/partnership/referrals/{referral.pk}/")
    expect(page.locator("body")).not_to_contain_text(PHONE)
    page.get_by_test_id("accept").click()
    page.get_by_test_id("take-in").click()
    expect(page.locator("#id_first_name")).to_have_value("Bożena")
    expect(page.locator("#id_pesel")).to_have_value(PESEL)
    expect(page.locator("#id_phone")).to_have_value("")
    no_serious_violation_at_desktop_and_phone_width(page)
    page.locator("#id_sex").select_option("woman")  # not referred: the one thing she adds
    page.get_by_test_id("take-in-save").click()
    expect(page).to_have_url(re.compile(r"/participants/\d+/$"))
    page.goto(f"{site}/partnership/referrals/{referral.pk}/")
    expect(page.get_by_test_id("taken-in")).to_be_visible()
    no_serious_violation_at_desktop_and_phone_width(page)

    referral.refresh_from_db()
    taken = referral.received_participant
    assert taken is not None
    assert taken.organisation.short_name == "Wspólna Droga"
    assert (taken.first_name, taken.last_name, taken.pesel) == ("Bożena", "Śliwińska", PESEL)
    assert (taken.birth_date, taken.street_address, taken.postal_code) == (
        date(1985, 2, 3),
        "ul. Leśna 4",
        "06-400",
    )
    assert taken.phone == ""
    assert problems.items == []

    # The person's file at the MOPS stays closed to the NGO.
    opened = page.goto(f"{site}/participants/{person.pk}/")
    assert opened is not None
    assert opened.status == 404
