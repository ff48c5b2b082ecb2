"""The report's costs section, worked out by hand (docs/indicators.md, "Costs").

A programme of 2026 with seven people, enrolled through the programme's services and leaving
with an exit record:

 person  enrolled     left (situation)
 A       2026-02-02   2026-06-30 employed
 B       2026-02-02   2026-07-31 employed + qualification
 C       2026-03-02   2026-08-31 in education
 D       2026-03-02   2026-09-30 employed
 E       2026-04-01   –
 F       2026-04-01   2026-10-15 job-seeking
 G       2026-05-04   –

and these costs (PLN):

 2025-12-15  recruitment     public       500,00   (before the period: not counted in 2026)
 2026-01-31  salaries        EU         4 200,00
 2026-02-28  salaries        EU         4 200,00
 2026-03-31  salaries        EU         4 200,00
 2026-02-10  staff training  public     2 500,00
 2026-04-20  courses         EU         4 800,00
 2026-03-01  venues          sponsors   1 200,00
 2026-05-05  social support  public       950,55
 2026-02-01  recruitment     fees         150,00
 2026-06-01  extra services  sponsors       3,50

In 2026: costs 22 204,05; EU 17 400,00, public 3 450,55, sponsors 1 203,50, fees 150,00.
Participants who took part in 2026: 7 → 22 204,05 ÷ 7 = 3 172,007… → 3 172,01.
Employed on leaving (EECR04): A, B, D = 3 → 7 401,35. In education (EECR02): C = 1 → 22 204,05.
Qualification (EECR03): B = 1 → 22 204,05.
In the second quarter only (April–June): costs 4 800,00 + 950,55 + 3,50 = 5 754,05; took part: all
seven (E, F and G enrolled by April, nobody left before April) → 822,007… → 822,01; employed on
leaving in the quarter: A → 5 754,05.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.costs.section import BY_CATEGORY, PER_HEAD, costs_section
from reintegra.outcomes.costs.services import CostData, cost_record
from reintegra.outcomes.models import CostCategory, FundingSource
from reintegra.outcomes.reports.services import RESULTS, build_report
from reintegra.outcomes.suppression import suppress
from reintegra.outcomes.tables import TOTAL, Period, Report
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory
from tests.outcomes.indicator_people import enrol, leave

pytestmark = pytest.mark.django_db

D = date.fromisoformat
YEAR = Period(D("2026-01-01"), D("2026-12-31"))
QUARTER = Period(D("2026-04-01"), D("2026-06-30"))
C, S = CostCategory, FundingSource
COSTS = [
    ("2025-12-15", C.RECRUITMENT, S.PUBLIC, "500.00"),
    ("2026-01-31", C.SALARIES, S.EU, "4200.00"),
    ("2026-02-28", C.SALARIES, S.EU, "4200.00"),
    ("2026-03-31", C.SALARIES, S.EU, "4200.00"),
    ("2026-02-10", C.TRAINING, S.PUBLIC, "2500.00"),
    ("2026-04-20", C.COURSES, S.EU, "4800.00"),
    ("2026-03-01", C.VENUES, S.SPONSORS, "1200.00"),
    ("2026-05-05", C.SOCIAL_SUPPORT, S.PUBLIC, "950.55"),
    ("2026-02-01", C.RECRUITMENT, S.FEES, "150.00"),
    ("2026-06-01", C.EXTRA_SERVICES, S.SPONSORS, "3.50"),
]
PEOPLE = [
    ("2026-02-02", "2026-06-30", {"employed": True}),
    ("2026-02-02", "2026-07-31", {"employed": True, "qualification_gained": True}),
    ("2026-03-02", "2026-08-31", {"in_education": True}),
    ("2026-03-02", "2026-09-30", {"employed": True}),
    ("2026-04-01", None, {}),
    ("2026-04-01", "2026-10-15", {"job_seeking": True}),
    ("2026-05-04", None, {}),
]


def spend(programme: Programme, on: str, category: str, source: str, amount: str) -> None:
    cost_record(
        actor=None,
        programme=programme,
        data=CostData(
            category=category, source=source, amount=Decimal(amount), incurred_on=D(on), description="Koszt"
        ),
    )


@pytest.fixture
def programme(organisation: Organisation, coordinator: User) -> Programme:
    programme: Programme = ProgrammeFactory(
        organisation=organisation, places=20, start_date=D("2026-01-01"), end_date=D("2026-12-31")
    )
    for entered, left, situation in PEOPLE:
        enrolment = enrol(programme, coordinator, on=D(entered))
        if left:
            leave(enrolment, coordinator, on=D(left), **situation)
    for cost in COSTS:
        spend(programme, *cost)
    return programme


def cells(report: Report, table: str, row: str) -> dict[str, object]:
    return report.table(table).row(row).cells


def test_the_costs_add_up_by_category_and_by_source(programme: Programme) -> None:
    report = build_report([programme], YEAR, title="Koszty")

    assert cells(report, BY_CATEGORY, "costs_total") == {
        S.PUBLIC: 3450.55,
        S.EU: 17400.00,
        S.SPONSORS: 1203.50,
        S.FEES: 150.00,
        TOTAL: 22204.05,
    }
    assert cells(report, BY_CATEGORY, C.SALARIES)[TOTAL] == 12600.00
    assert cells(report, BY_CATEGORY, C.RECRUITMENT) == {
        S.PUBLIC: 0.0,
        S.EU: 0.0,
        S.SPONSORS: 0.0,
        S.FEES: 150.00,
        TOTAL: 150.00,
    }


def test_the_cost_per_participant_and_per_result_are_worked_out_by_hand(programme: Programme) -> None:
    report = build_report([programme], YEAR, title="Koszty")

    assert cells(report, PER_HEAD, "cost_per_participant") == {
        "people": 7,
        "costs": 22204.05,
        "per_person": 3172.01,
    }
    assert cells(report, PER_HEAD, "cost_per_employed") == {
        "people": 3,
        "costs": 22204.05,
        "per_person": 7401.35,
    }
    assert cells(report, PER_HEAD, "cost_per_in_education")["per_person"] == 22204.05
    assert cells(report, PER_HEAD, "cost_per_qualification")["per_person"] == 22204.05
    # The people it divides by are the result indicator's own total.
    assert report.table(RESULTS).row("EECR04").cells[TOTAL] == 3


def test_a_quarter_divides_its_own_costs_by_who_took_part_in_it(programme: Programme) -> None:
    tables, _relations = costs_section([programme], QUARTER)
    per_head = next(table for table in tables if table.key == PER_HEAD)

    assert per_head.row("cost_per_participant").cells == {"people": 7, "costs": 5754.05, "per_person": 822.01}
    assert per_head.row("cost_per_employed").cells == {"people": 1, "costs": 5754.05, "per_person": 5754.05}
    assert per_head.row("cost_per_in_education").cells["per_person"] is None  # nobody: empty, not 0


def test_programmes_without_any_cost_have_no_costs_section(organisation: Organisation) -> None:
    programme: Programme = ProgrammeFactory(organisation=organisation)

    assert costs_section([programme], YEAR) == ([], [])


def test_the_suppression_hides_each_cost_per_head_with_its_count_but_never_an_amount(
    programme: Programme,
) -> None:
    report = suppress(build_report([programme], YEAR, title="Koszty"))

    per_head = report.table(PER_HEAD)
    assert per_head.row("cost_per_participant").cells == {
        "people": 7,
        "costs": 22204.05,
        "per_person": 3172.01,
    }
    for row in ("cost_per_employed", "cost_per_in_education", "cost_per_qualification"):
        assert per_head.row(row).cells["people"] is None, row
        assert per_head.row(row).cells["per_person"] is None, row
        assert per_head.row(row).cells["costs"] == 22204.05, row
    # Amounts below 5 zł and zeros are money, not small counts: published.
    assert cells(report, BY_CATEGORY, C.EXTRA_SERVICES)[S.SPONSORS] == 3.50
    assert cells(report, BY_CATEGORY, C.EXTRA_SERVICES)[S.FEES] == 0.0
    assert None not in report.table(BY_CATEGORY).rows[-1].cells.values()
    # The employed are hidden in the indicators' table as well as here.
    assert report.table(RESULTS).row("EECR04").cells[TOTAL] is None


def test_the_report_page_shows_money_to_the_grosz(programme: Programme, coordinator: User) -> None:
    page = client_for(coordinator).get(
        reverse("outcomes:reports:report"),
        {"scope": f"programme:{programme.pk}", "start": "2026-01-01", "end": "2026-12-31"},
    )

    shown = {table.key: table for table in page.context["shown"]}
    participant = shown[PER_HEAD].rows[0]
    assert participant.values == [7, Decimal("22204.05"), Decimal("3172.01")]
    recruitment = next(row for row in shown[BY_CATEGORY].rows if row.code == C.RECRUITMENT)
    assert recruitment.values[0] == Decimal("0.00")
