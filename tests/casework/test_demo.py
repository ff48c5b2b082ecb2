"""The demo gives pracownik.mops a caseload worth clicking through."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reintegra.accounts.management.commands.seed_demo import seed
from reintegra.accounts.models import User
from reintegra.casework.models import CaseAssignment, Meeting, ServiceDelivery, ServiceKind
from reintegra.casework.selectors import caseload_for


@pytest.mark.django_db
def test_the_demo_case_worker_has_people_meetings_today_an_overdue_step_and_someone_not_contacted() -> None:
    seed()
    worker = User.objects.get(username="pracownik.mops")

    caseload = caseload_for(worker)

    assert len(caseload.people) == 8
    assert {p.participant.organisation.type for p in caseload.people} == {"ops"}
    assert len(caseload.meetings_today) == 2
    assert caseload.meetings_this_week
    assert len(caseload.overdue_steps) == 1
    assert any(person.days_without_contact > 30 for person in caseload.not_contacted)
    dentist = ServiceDelivery.objects.get(kind=ServiceKind.DENTIST)
    assert dentist.cost == Decimal("280.00")


@pytest.mark.django_db
def test_seeding_the_caseload_twice_writes_nothing_the_second_time() -> None:
    seed()
    counts = (CaseAssignment.objects.count(), Meeting.objects.count(), ServiceDelivery.objects.count())

    seed()

    assert (
        CaseAssignment.objects.count(),
        Meeting.objects.count(),
        ServiceDelivery.objects.count(),
    ) == counts
