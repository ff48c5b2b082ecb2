"""The funder's report as a CSV or XLSX file: one line per published cell (table, row, column,
value), a suppressed cell written as such. A minimal writer of the suppressed report: the shared
report exporter replaces it once it is on main."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reintegra import tables
from reintegra.outcomes.tables import Report

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def report_headers() -> list[str]:
    return [_("Table"), _("Code"), _("Row"), _("Column"), _("Value")]


def report_rows(report: Report) -> list[list[str]]:
    hidden = pgettext("a suppressed cell", "hidden")
    return [
        [
            table.title,
            row.code,
            row.name,
            label,
            hidden if row.cells.get(key) is None else str(row.cells[key]),
        ]
        for table in report.tables
        for row in table.rows
        for key, label in table.columns
    ]


def report_file(report: Report, fmt: str) -> bytes:
    headers, rows = report_headers(), report_rows(report)
    if fmt == "xlsx":
        return tables.as_xlsx(_("Report"), headers, rows)
    return tables.as_csv(headers, rows)
