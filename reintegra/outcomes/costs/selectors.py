"""Reads of costs, scoped to the user: the programmes whose costs she may see, one programme's
costs filtered by category, source and period, and their totals by category × source. A
programme or a cost the user may not see answers ``Http404``, as one that does not exist. Costs
are the programme's money, not a person's data, so no read is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.collation import by_name
from reintegra.outcomes.costs import money
from reintegra.outcomes.models import CostCategory, FundingSource, ProgrammeCost
from reintegra.programmes.models import Programme


@dataclass(frozen=True)
class CostFilter:
    category: str = ""
    source: str = ""
    start: date | None = None
    end: date | None = None


def cost_programmes_for_user(user: User) -> QuerySet[Programme]:
    """The programmes whose costs the user may see, newest first, with their costs' total."""
    return (
        Programme.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "cost.view"))
        .select_related("organisation", "template")
        .annotate(cost_count=Count("costs"), cost_total=Sum("costs__amount"))
        .order_by("-start_date", *by_name("name"), "pk")
    )


def cost_programme_get_for_user(user: User, pk: int, *, permission: str = "cost.view") -> Programme:
    programme = Programme.objects.select_related("organisation", "template").filter(pk=pk).first()
    if programme is None or not policy.can(user, permission, programme):
        raise Http404
    return programme


def cost_get_for_user(user: User, pk: int, *, permission: str = "cost.manage") -> ProgrammeCost:
    cost = ProgrammeCost.objects.select_related("programme__organisation").filter(pk=pk).first()
    if cost is None or not policy.can(user, permission, cost):
        raise Http404
    return cost


def costs_of(user: User, programme: Programme, chosen: CostFilter) -> QuerySet[ProgrammeCost]:
    """The programme's costs that pass the filter, newest first."""
    if not policy.can(user, "cost.view", programme):
        raise Http404
    costs = programme.costs.select_related("recorded_by")
    if chosen.category:
        costs = costs.filter(category=chosen.category)
    if chosen.source:
        costs = costs.filter(source=chosen.source)
    if chosen.start:
        costs = costs.filter(incurred_on__gte=chosen.start)
    if chosen.end:
        costs = costs.filter(incurred_on__lte=chosen.end)
    return costs


def totals(costs: QuerySet[ProgrammeCost]) -> money.Grid:
    """The costs summed by category (rows) and funding source (columns), in one query."""
    sums = costs.order_by().values("category", "source").annotate(amount=Sum("amount"))
    return money.grid(
        ((row["category"], row["source"], Decimal(row["amount"])) for row in sums),
        CostCategory.values,
        FundingSource.values,
    )
