"""The demo's programme costs: the animators' programme (seed 002) spends in every category from
every source the seed names, the other programmes keep budgets of their own, nothing is dated in
the future, and the reports carry the costs section."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from faker import Faker

from reintegra.accounts.models import User
from reintegra.demo.context import DemoContext
from reintegra.demo.costs import BUDGETS, seed_costs
from reintegra.outcomes.costs.section import BY_CATEGORY, PER_HEAD
from reintegra.outcomes.models import CostCategory, FundingSource, ProgrammeCost
from reintegra.outcomes.reports.services import build_report
from reintegra.outcomes.tables import Period
from reintegra.programmes.models import Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_animators_programme_spends_in_every_category_from_every_source(demo: str) -> None:
    costs = ProgrammeCost.objects.filter(programme__code="animator-mops-2026")

    assert set(costs.values_list("source", flat=True)) == set(FundingSource.values)
    # The one-offs later in the year may not have happened yet; what has is plausible.
    assert {CostCategory.RECRUITMENT, CostCategory.TRAINING, CostCategory.SALARIES} <= set(
        costs.values_list("category", flat=True)
    )
    total = costs.aggregate(total=Sum("amount"))["total"]
    assert Decimal("10000") < total < Decimal("500000")


def test_every_demo_programme_has_costs_none_in_the_future(demo: str) -> None:
    today = timezone.localdate()

    assert set(Programme.objects.filter(costs__isnull=False).values_list("code", flat=True)) == set(BUDGETS)
    assert not ProgrammeCost.objects.filter(incurred_on__gt=today).exists()
    for cost in ProgrammeCost.objects.select_related("programme"):
        cost.full_clean()


def test_the_coordinator_sees_the_costs_and_the_report_divides_them(demo: str) -> None:
    programme = Programme.objects.get(code="animator-mops-2026")
    coordinator = User.objects.get(username="koordynator.mops")

    page = client_for(coordinator).get(reverse("outcomes:costs:list", args=[programme.pk]))
    assert page.status_code == 200
    assert page.context["grid"].total > 0

    today = timezone.localdate()
    # From half a year before the start: the recruitment before it counts too.
    since = programme.start_date - timedelta(days=183)
    report = build_report([programme], Period(since, today), title="")
    assert report.table(BY_CATEGORY).row("costs_total").cells["total"] == float(page.context["grid"].total)
    participants = report.table(PER_HEAD).row("cost_per_participant").cells
    assert participants["people"]
    assert participants["per_person"] is not None


def test_seeding_again_adds_no_cost(demo: str) -> None:
    before = ProgrammeCost.objects.count()
    context = DemoContext(faker=Faker("pl_PL"))
    seed_costs(context)

    assert ProgrammeCost.objects.count() == before
    assert context.created["programme costs"] == 0
