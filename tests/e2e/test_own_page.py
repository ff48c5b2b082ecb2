"""The participant's own page on a phone: reached from the start page, readable at 390 px
without sideways scrolling, a passport entry added from it, and nothing serious for axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Role, User
from reintegra.people import services as people_services
from reintegra.people.models import Participant
from tests.e2e.conftest import DEMO_USERS, log_in
from tests.e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def unlink_the_demo_participant() -> None:
    """The demo links the participant's account to a club member's record; this takes it back."""
    person = Participant.objects.get(account__username=DEMO_USERS[Role.PARTICIPANT])
    coordinator = User.objects.filter(
        memberships__organisation=person.organisation,
        memberships__role__in=[Role.ORG_ADMIN, Role.COORDINATOR],
    ).first()
    assert coordinator is not None
    people_services.participant_account_link(actor=coordinator, participant=person, account=None)


def test_the_participant_reads_her_page_on_a_phone_and_adds_to_her_passport(page: Page, site: str) -> None:
    page.set_viewport_size(PHONE)
    log_in(page, site, DEMO_USERS[Role.PARTICIPANT])
    page.get_by_test_id("landing-own-page").click()
    expect(page).to_have_url(f"{site}/me/")
    for section in ("own-sessions", "own-plan", "own-passport", "own-votes", "own-files"):
        expect(page.get_by_test_id(section)).to_be_visible()

    page.locator("#id_text").fill("Wolontariat w schronisku")
    page.get_by_test_id("own-passport").locator("button[type=submit]").click()
    entry = page.get_by_test_id("own-passport").get_by_text("Wolontariat w schronisku")
    expect(entry).to_be_visible()
    expect(page.get_by_test_id("own-passport").get_by_text("czeka na potwierdzenie")).to_be_visible()

    assert blocking_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_an_unlinked_participant_sees_a_friendly_word_with_nothing_serious_for_axe(
    page: Page, site: str
) -> None:
    unlink_the_demo_participant()
    page.set_viewport_size(PHONE)
    log_in(page, site, DEMO_USERS[Role.PARTICIPANT])
    page.goto(f"{site}/me/")
    expect(page.get_by_test_id("own-page-not-linked")).to_be_visible()
    assert blocking_violations(page) == []
