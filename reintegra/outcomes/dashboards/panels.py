"""A dashboard's panels: each table with its chart drawn (``outcomes.charts``) and the rows its
table and its export show. Which chart draws which table, and what the chart says, is decided
here once, for the page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reintegra.outcomes import charts
from reintegra.outcomes.tables import MEN, NON_BINARY, WOMEN, Table


@dataclass(frozen=True)
class Panel:
    table: Table
    chart: SafeString
    note: str

    @property
    def key(self) -> str:
        return self.table.key

    def headers(self) -> list[str]:
        return headers(self.table)

    def rows(self) -> list[list[str]]:
        """The rows as the page shows them: counts grouped by thousands."""
        return rows(self.table, _number)


def headers(table: Table) -> list[str]:
    first = {
        "funnel": pgettext("dashboard", "Stage"),
        "attendance": pgettext("dashboard", "Month"),
        "outcomes": pgettext("dashboard", "Outcome"),
        "caseload": pgettext("dashboard", "Case worker"),
    }.get(table.key, "")
    return [first, *(label for _key, label in table.columns)]


def _plain(value: float | None) -> str:
    return "" if value is None else str(value)


def rows(table: Table, number: Callable[[float | None], str] = _plain) -> list[list[str]]:
    """The rows of a table: the name, then each count (as exported: plain digits)."""
    return [[row.name, *(number(row.cells.get(key)) for key, _label in table.columns)] for row in table.rows]


def panel(table: Table) -> Panel:
    words = charts.Words(
        title=table.title,
        description=_("The table beside the chart gives the same numbers."),
        value_axis=pgettext("dashboard", "people") if table.key != "attendance" else _("marks and people"),
        empty=_("Nothing to count yet."),
    )
    if table.key == "attendance":
        _names, series = charts.table_series(table)
        svg = charts.column_chart(_month_labels(table), series, words, key=table.key, number=_number)
        note = _("Sessions of the last twelve months, by the month they were held in.")
    elif table.key == "outcomes":
        svg = charts.table_bar_chart(table, words, columns=[WOMEN, MEN, NON_BINARY], number=_number)
        note = _(
            "By the person's sex as recorded at entry. Six months after leaving: the follow-ups recorded."
        )
    else:
        svg = charts.table_bar_chart(table, words, number=_number)
        note = {
            "funnel": _("Each stage counts everyone who reached it."),
            "caseload": _("People in each case worker's care now."),
        }.get(table.key, "")
    # Safe: the chart is built as XML elements, which escape every label (outcomes.charts).
    return Panel(table, mark_safe(svg), note)  # noqa: S308


def _number(value: float | None) -> str:
    return "–" if value is None else formats.number_format(value, force_grouping=True)


def _month_labels(table: Table) -> list[str]:
    """Short months along the axis, the year under the first and under each January."""
    months = [date(int(row.code[:4]), int(row.code[5:7]), 1) for row in table.rows]
    return [
        formats.date_format(month, "b Y" if index == 0 or month.month == 1 else "b")
        for index, month in enumerate(months)
    ]
