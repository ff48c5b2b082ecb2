"""The report of a scope and a period, as the page, the exports, the command and the API show it:
the indicator report (``services.build_report``) of the scope's programmes; and its tables as a
page shows them (``shown``: the staff's report page and the funder's)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from reintegra.outcomes.reports import services
from reintegra.outcomes.reports.scopes import Scope
from reintegra.outcomes.tables import Period, Report, Row


def report_for(scope: Scope, period: Period) -> Report:
    """The scope must already be the reader's (``scopes.scope_get_for_user``) or the operator's."""
    title = _("Indicators: %(name)s") % {"name": scope.name}
    report = services.build_report(scope.programmes, period, title=title)
    # An empty cell is a hidden one, whichever part hid it: the report then says it has some. A
    # mean over nobody is empty too, and hides nothing.
    cells = (
        value
        for table in report.tables
        for row in table.rows
        for column, value in row.cells.items()
        if not (column in row.over and not row.cells.get(row.over[column]))
    )
    report.suppressed = report.suppressed or any(value is None for value in cells)
    return report


@dataclass(frozen=True)
class ShownRow:
    code: str
    name: str
    note: str
    values: list[int | float | Decimal | None]


@dataclass(frozen=True)
class ShownTable:
    key: str
    title: str
    columns: Sequence[tuple[str, str]]
    rows: list[ShownRow]


def shown(report: Report) -> list[ShownTable]:
    """Each table's cells in the order of its columns, as the page lists them."""
    return [
        ShownTable(
            table.key,
            table.title,
            table.columns,
            [
                ShownRow(row.code, row.name, row.note, [_cell(row, key) for key, _label in table.columns])
                for row in table.rows
            ],
        )
        for table in report.tables
    ]


def _cell(row: Row, key: str) -> int | float | Decimal | None:
    """The cell's value; money (an amount, or a cost per head beside one) to the grosz: 1 500,50."""
    value = row.cells.get(key)
    money = key in row.amounts or (row.amounts and key in row.over)
    if value is None or not money:
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))
