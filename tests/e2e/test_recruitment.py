"""Acceptance: a PUP coordinator runs recruitment for a mobile activation centre in a real browser.

Three places, four eligible women: three are enrolled, the fourth goes to the reserve list on her
own; when one of the three leaves, the fourth is offered the place automatically.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Organisation, Role
from reintegra.dates import day
from reintegra.people.models import Participant
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.e2e

PUP = "Powiatowy Urząd Pracy w Zalesiu"
SURNAMES = ("Jagodzińska", "Borowiecka", "Malinowska", "Poziomkowa")


def rural_unemployed_woman(organisation: Organisation, surname: str) -> Participant:
    return ParticipantFactory(
        organisation=organisation,
        first_name="Halina",
        last_name=surname,
        sex="woman",
        birth_date=date(1979, 3, 14),
        degurba=3,
        labour_status="unemployed",
    )


def rural_unemployed_women() -> list[Participant]:
    organisation = Organisation.objects.get(name=PUP)
    return [rural_unemployed_woman(organisation, surname) for surname in SURNAMES]


def option_label(person: Participant) -> str:
    return f"{person.last_name} {person.first_name} ({day(person.birth_date)})"


def test_a_coordinator_fills_three_places_puts_a_fourth_on_the_reserve_list_and_she_is_offered_a_freed_place(
    page: Page, site: str, problems: PageProblems
) -> None:
    women = rural_unemployed_women()
    log_in(page, site, DEMO_USERS[Role.COORDINATOR])

    # Start a programme from the mobile activation centre model, with three places.
    page.goto(f"{site}/programmes/")
    page.get_by_test_id("start-mobile-activation").click()
    page.locator("#id_name").fill("MCAZ – nabór testowy")
    page.locator("#id_code").fill("mcaz-e2e")
    page.locator("#id_start_date").fill("2026-02-01")
    page.locator("#id_end_date").fill("2026-11-30")
    page.locator("#id_places").fill("3")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("MCAZ – nabór testowy")

    # Four women apply and are assessed; each meets every rule of the model.
    for woman in women:
        # The picker lists the first 50 people by name: she is found by searching, as a user would.
        page.locator("#applicant-q").fill(woman.last_name)
        page.locator("#applicant-q").press("Enter")
        page.locator("#id_participant").select_option(label=option_label(woman))
        page.locator("form[action$='/apply/'] button[type=submit]").click()
    expect(page.get_by_test_id("funnel-applied")).to_contain_text("4")
    for _ in women:
        page.locator("#applied form button[type=submit]").first.click()
    expect(page.get_by_test_id("funnel-eligible")).to_contain_text("4")

    # Enrol them in order of application: the fourth finds every place taken.
    for _ in women:
        page.locator("#eligible form button[type=submit]").first.click()
    enrolled, reserve, offered = page.locator("#enrolled"), page.locator("#reserve"), page.locator("#offered")
    for woman in women[:3]:
        expect(enrolled).to_contain_text(woman.last_name)
    expect(reserve).to_contain_text(women[3].last_name)
    expect(page.get_by_test_id("funnel-enrolled")).to_contain_text("3")
    expect(page.get_by_test_id("funnel-reserve")).to_contain_text("1")

    # The first woman finds a job and leaves; the place goes to the fourth at once.
    # Leaving has its own page: the reasons that fit an enrolled person, the date, a note.
    enrolled.locator("tr", has_text=women[0].last_name).locator("a[href$='/leave/']").click()
    page.locator("#id_exit_reason").select_option("employment")
    page.locator("main form button[type=submit]").click()

    expect(offered).to_contain_text(women[3].last_name)
    expect(page.get_by_test_id("funnel-offered")).to_contain_text("1")
    expect(page.get_by_test_id("funnel-left")).to_contain_text("1")
    expect(reserve).not_to_contain_text(women[3].last_name)

    # The coordinator is told so among the notifications.
    page.goto(f"{site}/notifications/")
    expect(page.locator("main")).to_contain_text(women[3].last_name)
    assert problems.items == []
