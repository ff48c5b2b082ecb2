"""A plan form posted with numbers too large for the database (a 25-digit revision, row id or
row count) is refused, treated as stale or its unknown row ignored, never a 500, on SQLite and
PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.people.models import Participant
from tests.conftest import client_for
from tests.plans.test_plan_pages import a_plan, edit_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

HUGE = "9" * 25


@pytest.mark.parametrize(
    "absurd",
    [
        {"revision": HUGE},
        {"goals-INITIAL_FORMS": 1, "goals-0-id": HUGE},
        {"actions-INITIAL_FORMS": 1, "actions-0-id": HUGE},
        {"goals-TOTAL_FORMS": HUGE},
        {"actions-TOTAL_FORMS": HUGE},
    ],
)
def test_a_plan_edit_with_a_25_digit_number_is_refused_not_a_500(
    ours: Participant, caseworker: User, absurd: dict[str, Any]
) -> None:
    plan = a_plan(ours, caseworker)

    response = client_for(caseworker).post(
        reverse("plans:plan_edit", args=[plan.pk]), edit_data(plan, **absurd)
    )

    # A refused form (400), a stale revision (409), or an unknown row id ignored (302).
    assert response.status_code in {302, 400, 409}
