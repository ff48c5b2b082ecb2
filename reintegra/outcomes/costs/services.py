"""Writes of a programme's costs: each a transaction, checked against the policy, audited
(django-auditlog, ``outcomes.audit_registration``).

The rules kept here:

* only the administrators and coordinators of the organisation that runs the programme record,
  correct and remove its costs (``cost.manage``);
* an amount is more than 0 and at most ``LARGEST_AMOUNT`` złoty, to the grosz;
* the day is not in the future and within half a year of the programme's period;
* the category and the funding source are those of seed 002; the description says what it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.outcomes.models import ProgrammeCost
from reintegra.programmes.models import Programme

FIELDS = ("category", "source", "amount", "incurred_on", "description")


@dataclass(frozen=True)
class CostData:
    category: str
    source: str
    amount: Decimal
    incurred_on: date
    description: str


def _may_manage(actor: User | None, programme: Programme) -> None:
    if actor is not None and not policy.can(actor, "cost.manage", programme):
        raise PermissionDenied


@transaction.atomic
def cost_record(*, actor: User | None, programme: Programme, data: CostData) -> ProgrammeCost:
    """Adds an expense of the programme; ``actor`` None is the system (the demo)."""
    _may_manage(actor, programme)
    cost = ProgrammeCost(programme=programme, recorded_by=actor, recorded_at=timezone.now())
    for name in FIELDS:
        setattr(cost, name, getattr(data, name))
    cost.full_clean()
    cost.save()
    return cost


@transaction.atomic
def cost_correct(*, actor: User, cost: ProgrammeCost, data: CostData) -> ProgrammeCost:
    """Corrects an expense; the log keeps what it was."""
    _may_manage(actor, cost.programme)
    changed = [name for name in FIELDS if getattr(cost, name) != getattr(data, name)]
    for name in changed:
        setattr(cost, name, getattr(data, name))
    cost.full_clean()
    if changed:
        cost.save(update_fields=changed)
    return cost


@transaction.atomic
def cost_remove(*, actor: User, cost: ProgrammeCost) -> None:
    """Removes an expense recorded by mistake; the log keeps it."""
    _may_manage(actor, cost.programme)
    cost.delete()
