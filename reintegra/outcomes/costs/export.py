"""A programme's costs as a table: the same rows on screen, in CSV and in XLSX; and their totals
by category and funding source as the page shows them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from reintegra.dates import day
from reintegra.outcomes.costs.money import Grid
from reintegra.outcomes.models import CostCategory, ProgrammeCost


def headers() -> list[str]:
    return [
        _("Incurred on"),
        _("Category"),
        _("Funding source"),
        _("Amount (PLN)"),
        _("Description"),
        _("Recorded by"),
    ]


def rows(costs: Iterable[ProgrammeCost]) -> Iterator[list[str]]:
    for cost in costs:
        yield [
            day(cost.incurred_on),
            cost.get_category_display(),
            cost.get_source_display(),
            f"{cost.amount:.2f}".replace(".", ","),
            cost.description,
            str(cost.recorded_by or ""),
        ]


@dataclass(frozen=True)
class TotalsLine:
    label: str
    amounts: list[Decimal]
    total: Decimal


def totals_lines(grid: Grid) -> list[TotalsLine]:
    """The totals by category (one line each) and by source (the last line, "Total")."""
    categories = dict(CostCategory.choices)
    lines = [
        TotalsLine(
            str(categories[row]),
            [grid.cell(row, column) for column in grid.columns],
            grid.row_total(row),
        )
        for row in grid.rows
    ]
    lines.append(TotalsLine(_("Total"), [grid.column_total(column) for column in grid.columns], grid.total))
    return lines
