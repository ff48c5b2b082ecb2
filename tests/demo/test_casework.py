"""The demo gives pracownik.mops a caseload worth clicking through."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reintegra.accounts.models import User
from reintegra.casework.caseload import caseload_for
from reintegra.casework.models import (
    CaseAssignment,
    Meeting,
    ServiceDelivery,
    ServiceKind,
)
from reintegra.demo.seed import seed


@pytest.mark.django_db
def test_the_demo_case_worker_has_people_meetings_today_an_overdue_step_and_someone_not_contacted(
    demo: str,
) -> None:
    worker = User.objects.get(username="pracownik.mops")

    caseload = caseload_for(worker)

    assert caseload.people_count == 8
    in_care = CaseAssignment.objects.filter(worker=worker, ended_on__isnull=True)
    assert set(in_care.values_list("participant__organisation__type", flat=True)) == {"ops"}
    assert caseload.meetings_today.count == 2
    assert caseload.meetings_this_week.rows
    assert caseload.overdue_steps.count == 1
    assert any(person.days_without_contact > 30 for person in caseload.not_contacted.rows)
    dentist = ServiceDelivery.objects.get(kind=ServiceKind.DENTIST)
    assert dentist.cost == Decimal("280.00")


@pytest.mark.django_db
def test_seeding_the_caseload_twice_writes_nothing_the_second_time(demo: str) -> None:
    counts = (CaseAssignment.objects.count(), Meeting.objects.count(), ServiceDelivery.objects.count())

    seed()

    assert (
        CaseAssignment.objects.count(),
        Meeting.objects.count(),
        ServiceDelivery.objects.count(),
    ) == counts
