"""The costs section in the funder's suppressed view: the amounts are money, published whatever
their size; a cost per participant would give back the number of participants, so it is hidden
whenever that number is (fewer than five people)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.models import User
from reintegra.outcomes.costs.section import BY_CATEGORY, PER_HEAD
from reintegra.outcomes.costs.services import CostData, cost_record
from reintegra.outcomes.models import CostCategory, FundingSource
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.conftest import client_for
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db
PERIOD = {"start": "2026-01-01", "end": "2026-11-30"}


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def take_part(programme: Programme, people: int) -> None:
    for _ in range(people):
        Enrolment.objects.create(
            programme=programme,
            participant=person(programme),
            status=EnrolmentStatus.ENROLLED,
            applied_at=timezone.now(),
            enrolled_on=date(2026, 3, 2),
        )


def person(programme: Programme) -> Participant:
    participant: Participant = ParticipantFactory(organisation=programme.organisation)
    return participant


def spend(programme: Programme, category: str, source: str, amount: str) -> None:
    cost_record(
        actor=None,
        programme=programme,
        data=CostData(
            category=category,
            source=source,
            amount=Decimal(amount),
            incurred_on=date(2026, 4, 1),
            description="Koszt",
        ),
    )


@pytest.fixture
def spent(funded: Programme) -> Programme:
    spend(funded, CostCategory.SALARIES, FundingSource.EU, "9000.00")
    spend(funded, CostCategory.EXTRA_SERVICES, FundingSource.SPONSORS, "3.50")
    return funded


def test_a_cost_per_participant_over_fewer_than_five_is_hidden_with_the_count(
    spent: Programme, funder: User
) -> None:
    take_part(spent, 3)

    report = (
        client_for(funder)
        .get(reverse("outcomes:funder:funded_report", args=[spent.pk]), PERIOD)
        .context["report"]
    )

    row = report.table(PER_HEAD).row("cost_per_participant")
    assert row.cells == {"people": None, "costs": 9003.50, "per_person": None}
    assert report.suppressed


def test_a_cost_per_participant_over_five_or_more_is_shown(spent: Programme, funder: User) -> None:
    take_part(spent, 6)

    report = (
        client_for(funder)
        .get(reverse("outcomes:funder:funded_report", args=[spent.pk]), PERIOD)
        .context["report"]
    )

    assert report.table(PER_HEAD).row("cost_per_participant").cells == {
        "people": 6,
        "costs": 9003.50,
        "per_person": 1500.58,  # 9 003,50 ÷ 6 = 1 500,5833… → 1 500,58
    }


def test_amounts_below_five_zloty_and_zeros_are_not_small_counts(spent: Programme, funder: User) -> None:
    take_part(spent, 6)

    report = (
        client_for(funder)
        .get(reverse("outcomes:funder:funded_report", args=[spent.pk]), PERIOD)
        .context["report"]
    )

    extra = report.table(BY_CATEGORY).row(CostCategory.EXTRA_SERVICES).cells
    assert extra == {"public": 0.0, "eu": 0.0, "sponsors": 3.50, "fees": 0.0, "total": 3.50}
    assert all(value is not None for row in report.table(BY_CATEGORY).rows for value in row.cells.values())


def test_the_funders_files_and_api_carry_the_costs_section(spent: Programme, funder: User) -> None:
    take_part(spent, 3)
    client = client_for(funder)

    exported = client.get(reverse("outcomes:funder:funded_report_export", args=[spent.pk, "xlsx"]), PERIOD)
    book = load_workbook(io.BytesIO(exported.content))
    sheet = next(sheet for sheet in book.worksheets if sheet.title.startswith("Cost per participant"))
    first = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))
    assert first[:5] == ("cost_per_participant", first[1], None, 9003.5, None)

    answer = client.get(f"/api/v1/funder/programmes/{spent.pk}/report", PERIOD)
    assert answer.status_code == 200
    api_tables = {table["key"]: table for table in answer.json()["tables"]}
    assert api_tables[BY_CATEGORY]["rows"][-1]["cells"]["total"] == 9003.5
