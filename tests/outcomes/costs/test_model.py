"""A programme's cost: an amount in złoty above zero and below a sane ceiling, dated within half
a year of the programme's period and not in the future, described; audited like the rest."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.audit.models import AuditEntry
from reintegra.outcomes.models import CostCategory, FundingSource, ProgrammeCost
from reintegra.programmes.models import Programme
from tests.factories import ProgrammeFactory

TODAY = timezone.localdate()


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(
        organisation=organisation,
        start_date=TODAY - timedelta(days=200),
        end_date=TODAY + timedelta(days=165),
    )


def cost(programme: Programme, **changes: object) -> ProgrammeCost:
    values: dict[str, object] = {
        "programme": programme,
        "category": CostCategory.SALARIES,
        "source": FundingSource.EU,
        "amount": Decimal("4200.00"),
        "incurred_on": TODAY,
        "description": "Wynagrodzenie animatorki",
        "recorded_at": timezone.now(),
    }
    values.update(changes)
    return ProgrammeCost(**values)


def test_a_plausible_cost_is_valid_and_its_creation_is_audited(programme: Programme) -> None:
    entry = cost(programme)
    entry.full_clean()
    entry.save()

    assert entry.scope_organisation_ids() == [programme.organisation_id]
    assert AuditEntry.objects.filter(content_type__model="programmecost", object_pk=str(entry.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": Decimal("0")}, "amount"),
        ({"amount": Decimal("-10")}, "amount"),
        ({"amount": Decimal("5000000.01")}, "amount"),
        ({"category": "lunch"}, "category"),
        ({"source": "lottery"}, "source"),
        ({"incurred_on": TODAY + timedelta(days=1)}, "incurred_on"),
        ({"incurred_on": TODAY - timedelta(days=200 + 184)}, "incurred_on"),
        ({"description": ""}, "description"),
        ({"description": "x" * 1001}, "description"),
    ],
)
def test_an_implausible_cost_is_refused_naming_the_field(
    programme: Programme, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        cost(programme, **changes).full_clean()

    assert field in refused.value.message_dict


def test_half_a_year_before_the_start_is_still_plausible(programme: Programme) -> None:
    cost(programme, incurred_on=programme.start_date - timedelta(days=183)).full_clean()


def test_the_database_refuses_a_negative_amount_whatever_the_way_in(programme: Programme) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        cost(programme, amount=Decimal("-1.00"), incurred_on=date(2026, 1, 1)).save()
