"""A needs survey in the browser: the coordinator opens a round and sends it, the employer's
contact answers through her own log-in (a bad count is named on its row first), and the
coordinator reads the demand; every page on the way passes axe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reintegra.accounts.models import Membership, Organisation, Role
from reintegra.employers import quarters
from reintegra.employers.models import Employer, Occupation, OccupationLevel, Site, SurveyAnswer, SurveyRound
from reintegra.people.models import TercUnit
from tests.e2e.conftest import DEMO_USERS, log_in
from tests.e2e.test_accessibility import blocking_violations

pytestmark = pytest.mark.e2e
TITLE = "Potrzeby pracodawców – półrocze"


def the_bakery_kept_by_the_coordinators_office() -> Employer:
    """The demo's bakery as an employer the labour office keeps, with a site in a gmina."""
    bakery = Membership.objects.get(user__username=DEMO_USERS[Role.EMPLOYER_CONTACT]).organisation
    office = Organisation.objects.get(memberships__user__username=DEMO_USERS[Role.COORDINATOR])
    employer, _ = Employer.objects.get_or_create(
        organisation=bakery, defaults={"kept_by": office, "sector": "C", "size": "small"}
    )
    employer.kept_by = office
    employer.save()
    gmina = TercUnit.objects.filter(code__regex=r"^\d{7}$").order_by("code").first()
    assert gmina is not None
    Site.objects.get_or_create(
        employer=employer,
        name="Piekarnia",
        defaults={"street": "ul. Przemysłowa 4", "town": "Zalesie", "gmina": gmina},
    )
    Occupation.objects.get_or_create(
        code="751204", defaults={"name": "Piekarz", "level": OccupationLevel.OCCUPATION}
    )
    return employer


def test_a_round_is_sent_answered_by_the_employer_and_summed_in_the_demand(page: Page, site: str) -> None:
    employer = the_bakery_kept_by_the_coordinators_office()
    found: dict[str, list[str]] = {}

    log_in(page, site, DEMO_USERS[Role.COORDINATOR])
    page.goto(f"{site}/employers/surveys/")
    found["round list"] = blocking_violations(page)
    page.locator("#id_title").fill(TITLE)
    first = quarters.shifted(quarters.quarter_of(timezone.localdate()), 1)
    page.locator("#id_closes_on").fill((first + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Otwórz turę").click()
    expect(page.get_by_test_id("round-status")).to_contain_text("projekt")
    page.get_by_role("button", name="Wyślij pracodawcom").click()
    expect(page.get_by_test_id("round-status")).to_contain_text("wysłana")
    expect(page.get_by_test_id("round-employers")).to_contain_text(str(employer))
    found["round"] = blocking_violations(page)

    page.context.clear_cookies()
    log_in(page, site, DEMO_USERS[Role.EMPLOYER_CONTACT])
    page.get_by_test_id("landing-needs-surveys").click()
    found["employer's surveys"] = blocking_violations(page)
    # The demo has rounds of its own: answer this one.
    page.get_by_test_id("my-surveys").get_by_role("link", name=TITLE).click()
    row = page.get_by_test_id("line-0")
    row.locator("input[name='lines-0-occupation']").fill("751204")
    row.locator("input[name='lines-0-count']").fill("0")
    row.locator("textarea[name='lines-0-training']").fill("Obsługa pieca konwekcyjnego")
    page.get_by_role("button", name="Zapisz odpowiedź").click()
    expect(page.get_by_test_id("error-summary")).to_contain_text("co najmniej jedną")
    found["answer with an error"] = blocking_violations(page)
    page.get_by_test_id("line-0").locator("input[name='lines-0-count']").fill("3")
    page.get_by_role("button", name="Zapisz odpowiedź").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text("zapisana")
    found["answer"] = blocking_violations(page)
    survey = SurveyRound.objects.get(title=TITLE)
    assert SurveyAnswer.objects.get(employer=employer, round=survey).lines.get().count == 3

    page.context.clear_cookies()
    log_in(page, site, DEMO_USERS[Role.COORDINATOR])
    page.goto(f"{site}/employers/surveys/demand/?survey={survey.pk}")
    expect(page.get_by_test_id("demand-total")).to_have_text("3")
    expect(page.get_by_test_id("training-needs")).to_contain_text("Obsługa pieca konwekcyjnego")
    found["demand"] = blocking_violations(page)

    assert found == {key: [] for key in found}
