"""Acceptance: the bakery signs up for today's *Ryneczek pracy* from its own log-in; the labour
office's coordinator invites a person, checks her in at the door on a phone, notes her interview
at the bakery's stand and the internship that followed, and reads the summary; then she scores the
CSR contest as a juror and publishes the result, which the bakery sees. Every page is axe-clean
and fits a phone."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Organisation, Role, User
from reintegra.employers.fairs import contest as contest_services
from reintegra.employers.fairs import services
from reintegra.employers.models import Contest, Employer, FairOutcome, JobFair
from reintegra.people.models import Participant
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def checked(page: Page, found: dict[str, list[str]], name: str) -> None:
    """axe's serious findings and any overflow of the window, by page."""
    problems = blocking_violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems.append(f"the page is {overflow} px wider than the window")
    found[name] = problems


def a_fair_today(coordinator: User) -> tuple[JobFair, Employer, Participant]:
    office = Organisation.objects.get(memberships__user=coordinator)
    bakery_organisation = Organisation.objects.get(
        memberships__user__username=DEMO_USERS[Role.EMPLOYER_CONTACT]
    )
    bakery = Employer.objects.filter(organisation=bakery_organisation).first() or Employer.objects.create(
        organisation=bakery_organisation, kept_by=office, sector="C", size="small"
    )
    if bakery.kept_by_id != office.pk:
        bakery.kept_by = office
        bakery.save(update_fields=["kept_by"])
    today = timezone.localdate()
    fair = services.fair_create(
        actor=coordinator,
        organisation=office,
        data=services.FairData(
            title="Ryneczek pracy",
            held_on=today,
            starts_at=time(0, 0),
            ends_at=time(23, 59),
            sign_up_until=today,
            address="Urząd Miejski, Rynek 1, Zalesie",
        ),
    )
    person: Participant = ParticipantFactory(organisation=office, first_name="Joanna", last_name="Ryneczkowa")
    return fair, bakery, person


def test_a_fair_from_sign_up_to_summary_and_the_contest_to_its_result(
    page: Page, site: str, problems: PageProblems
) -> None:
    page.set_viewport_size(PHONE)
    coordinator = User.objects.get(username=DEMO_USERS[Role.COORDINATOR])
    fair, bakery, person = a_fair_today(coordinator)
    found: dict[str, list[str]] = {}

    # The bakery signs up through its own log-in.
    log_in(page, site, DEMO_USERS[Role.EMPLOYER_CONTACT])
    page.goto(f"{site}/employers/fairs/employer/")
    checked(page, found, "employer fairs")
    page.get_by_test_id(f"open-fair-{fair.pk}").get_by_role("link").click()
    checked(page, found, "sign-up")
    page.get_by_label("Co oferujecie na stoisku").fill("Staże dla pomocy piekarza")
    page.locator("main form button[type=submit]").click()
    # The demo's own fair has a stand of the bakery too: find this one by what it offers.
    stand = page.locator("[data-testid^=stand-]").filter(has_text="Staże dla pomocy piekarza")
    expect(stand).to_contain_text("Stoisko nr 1")

    # The coordinator invites a person and checks her in at the door.
    page.context.clear_cookies()
    log_in(page, site, DEMO_USERS[Role.COORDINATOR])
    page.goto(f"{site}/employers/fairs/{fair.pk}/")
    checked(page, found, "fair")
    page.goto(f"{site}/employers/fairs/{fair.pk}/invite/?q=Ryneczkowa")
    page.get_by_label("Ryneczkowa Joanna").check()
    page.get_by_role("button", name="Zaproś wybrane osoby").click()
    checked(page, found, "invite")
    page.goto(f"{site}/employers/fairs/{fair.pk}/door/")
    checked(page, found, "door")
    page.get_by_test_id(f"guest-{person.pk}").get_by_role("button").click()
    expect(page.get_by_test_id("came-count")).to_contain_text("Przyszło: 1 z 1")
    page.get_by_test_id(f"guest-{person.pk}").get_by_role("link").click()
    checked(page, found, "guest")
    page.locator("#id_interview-stand").select_option(index=1)
    page.locator("#id_interview-note").fill("Rozmowa o stażu")
    page.get_by_role("button", name="Zapisz rozmowę").click()
    expect(page.get_by_text("Rozmowa została zapisana.")).to_be_visible()
    page.locator("#id_outcome-stand").select_option(index=1)
    page.locator("#id_outcome-kind").select_option("internship")
    page.get_by_role("button", name="Zapisz, co z tego wynikło").click()
    expect(page.get_by_text("Efekt został zapisany.")).to_be_visible()
    assert FairOutcome.objects.get(guest__participant=person).kind == "internship"
    page.goto(f"{site}/employers/fairs/{fair.pk}/summary/")
    checked(page, found, "summary")
    expect(page.get_by_test_id("fair-summary")).to_contain_text("1")

    # The contest: the coordinator is a juror, scores the bakery, closes and publishes.
    contest = contest_services.contest_create(
        actor=coordinator, organisation=fair.organisation, year=timezone.localdate().year, title="Konkurs CSR"
    )
    contest_services.criterion_add(
        actor=coordinator,
        contest=contest,
        data=contest_services.CriterionData(name="Staże dla uczestników", weight=Decimal(1)),
    )
    contest_services.juror_add(actor=coordinator, contest=contest, juror=coordinator)
    contest_services.nomination_create(
        actor=coordinator, contest=contest, employer=bakery, justification="Przyjęła trzy stażystki."
    )
    page.goto(f"{site}/employers/fairs/contests/{contest.pk}/")
    checked(page, found, "contest")
    page.goto(f"{site}/employers/fairs/contests/{contest.pk}/scores/")
    checked(page, found, "score sheet")
    page.locator("input[name^=points-]").fill("4")
    page.get_by_role("button", name="Zapisz oceny").click()
    expect(page.get_by_text("Twoje oceny zostały zapisane.")).to_be_visible()
    contest_services.contest_close(actor=coordinator, contest=contest)
    contest_services.contest_publish(actor=coordinator, contest=Contest.objects.get(pk=contest.pk))

    page.context.clear_cookies()
    log_in(page, site, DEMO_USERS[Role.EMPLOYER_CONTACT])
    page.goto(f"{site}/employers/fairs/contests/{contest.pk}/result/")
    checked(page, found, "result")
    expect(page.get_by_test_id("ranking")).to_contain_text("80,00")
    expect(page.locator("main")).not_to_contain_text("Ryneczkowa")

    assert found == {name: [] for name in found}
    assert problems.items == []
