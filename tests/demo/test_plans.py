"""The demo gives pracownik.mops's people plans in several states."""

from __future__ import annotations

import pytest

from reintegra.accounts.models import User
from reintegra.casework.caseload import caseload_for
from reintegra.demo.seed import seed
from reintegra.plans.models import IndividualPlan, PlanStatus


@pytest.mark.django_db
def test_the_demo_has_an_agreed_ipd_with_an_earlier_version_a_draft_ipzs_and_an_ipwzb(demo: str) -> None:
    seed()  # the second time writes no more plans

    plans = {plan.plan_type: plan for plan in IndividualPlan.objects.filter(next_version__isnull=True)}

    assert set(plans) == {"ipd", "ipzs", "ipwzb"}
    assert (plans["ipd"].status, plans["ipd"].number) == (PlanStatus.AGREED, 2)
    assert plans["ipd"].previous is not None
    assert plans["ipd"].previous.status == PlanStatus.AGREED
    assert plans["ipzs"].status == PlanStatus.DRAFT
    assert caseload_for(User.objects.get(username="pracownik.mops")).plans_due.rows
