"""Nothing is destroyed in one click, in a real browser: with JavaScript a dialog asks first and
"Cancel" keeps the record; without it the link opens a confirmation page."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from reintegra.accounts.models import Organisation, Role, User
from reintegra.people import services
from reintegra.people.models import FamilyMember, Participant
from reintegra.people.services import FamilyMemberData
from reintegra.plans import services as plan_services
from reintegra.plans.models import PlanStatus
from reintegra.programmes.models import Programme
from tests.e2e.conftest import DEMO_USERS, PageProblems, log_in
from tests.e2e.test_accessibility import blocking_violations
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.e2e

MOPS = "Miejski Ośrodek Pomocy Społecznej w Zalesiu"


def a_person_with_a_daughter() -> tuple[Participant, FamilyMember]:
    person = ParticipantFactory(
        organisation=Organisation.objects.get(name=MOPS), first_name="Łucja", last_name="Źrebięcka"
    )
    worker = User.objects.get(username=DEMO_USERS[Role.CASE_WORKER])
    daughter = services.family_member_add(
        actor=worker,
        participant=person,
        data=FamilyMemberData(first_name="Zofia", last_name="Źrebięcka", relation="child"),
    )
    return person, daughter


def test_removing_a_family_member_asks_in_a_dialog_and_cancel_keeps_her(
    page: Page, site: str, problems: PageProblems
) -> None:
    person, daughter = a_person_with_a_daughter()
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])
    page.goto(f"{site}/participants/{person.pk}/?tab=family")
    dialog = page.get_by_test_id("confirm-dialog")
    remove = page.get_by_test_id(f"remove-family-{daughter.pk}")

    remove.click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Zofia Źrebięcka")
    dialog.get_by_role("button", name="Anuluj").click()

    expect(dialog).to_be_hidden()
    expect(page).to_have_url(f"{site}/participants/{person.pk}/?tab=family")
    expect(page.locator("main table")).to_contain_text("Zofia Źrebięcka")
    daughter.refresh_from_db()
    assert daughter.removed_on is None

    remove.click()
    dialog.get_by_role("button", name="Usuń").click()

    expect(page.locator("main .alert-success")).to_be_visible()
    expect(page.locator("main table")).not_to_contain_text("Zofia Źrebięcka")
    daughter.refresh_from_db()
    assert daughter.removed_on is not None
    assert problems.items == []


def test_without_javascript_the_remove_link_opens_a_confirmation_page(browser: Browser, site: str) -> None:
    person, daughter = a_person_with_a_daughter()
    context = browser.new_context(java_script_enabled=False, locale="pl-PL", timezone_id="Europe/Warsaw")
    page = context.new_page()
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])
    page.goto(f"{site}/participants/{person.pk}/?tab=family")

    page.get_by_test_id(f"remove-family-{daughter.pk}").click()

    form = page.get_by_test_id("confirm-form")
    expect(form).to_be_visible()
    daughter.refresh_from_db()
    assert daughter.removed_on is None
    form.get_by_role("button", name="Usuń").click()
    expect(page.locator("main .alert-success")).to_be_visible()
    daughter.refresh_from_db()
    assert daughter.removed_on is not None
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_file_its_summary_the_dialog_and_the_confirmation_page_pass_axe(
    page: Page, site: str, width: int
) -> None:
    person, daughter = a_person_with_a_daughter()
    programme = Programme.objects.filter(organisation=person.organisation).first()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])

    page.goto(f"{site}/participants/{person.pk}/")
    expect(page.get_by_test_id("file-summary")).to_be_visible()
    assert blocking_violations(page) == []
    page.goto(f"{site}/participants/{person.pk}/?tab=family")
    page.get_by_test_id(f"remove-family-{daughter.pk}").click()
    expect(page.get_by_test_id("confirm-dialog")).to_be_visible()
    assert blocking_violations(page) == []
    page.goto(f"{site}/participants/{person.pk}/family/{daughter.pk}/remove/")
    assert blocking_violations(page) == []
    page.goto(f"{site}/casework/participant/{person.pk}/case-workers/")
    assert blocking_violations(page) == []
    if programme is not None:
        page.goto(f"{site}/programmes/{programme.pk}/")
        assert blocking_violations(page) == []


def test_closing_a_plan_asks_in_the_dialog_and_is_sent_confirmed(page: Page, site: str) -> None:
    person, _daughter = a_person_with_a_daughter()
    worker = User.objects.get(username=DEMO_USERS[Role.CASE_WORKER])
    plan = plan_services.plan_create(
        actor=worker, participant=person, plan_type_code="generic", starts_on=date(2026, 1, 5)
    )
    log_in(page, site, DEMO_USERS[Role.CASE_WORKER])
    page.goto(f"{site}/casework/plans/{plan.pk}/")
    dialog = page.get_by_test_id("confirm-dialog")
    close = page.get_by_role("button", name="Zmień status na „zamknięty”")

    close.click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Anuluj").click()
    expect(dialog).to_be_hidden()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    close.click()
    dialog.get_by_role("button", name="Zamknij plan").click()
    expect(page.locator("main .alert-success")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED
