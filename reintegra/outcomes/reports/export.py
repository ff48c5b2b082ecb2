"""A report as the files a funder opens: JSON, CSV (a section per table) and XLSX (a sheet per
table), the last two through ``reintegra.tables``, the one writer.

The JSON (also the API's answer, docs/api.md) is::

    {
      "title": "Raport: Aktywni razem",
      "scope": {"kind": "programme", "id": 12, "name": "Aktywni razem"},
      "period": {"start": "2026-01-01", "end": "2026-06-30"},
      "suppressed": false,
      "tables": [
        {"key": "output", "title": "…",
         "columns": [{"key": "women", "label": "Kobiety"}, …, {"key": "total", "label": "Ogółem"}],
         "rows": [{"code": "EECO01", "name": "…", "note": "…",
                   "cells": {"women": 12, "men": 9, "non_binary": 0, "total": 21}}]}
      ]
    }

``kind`` is ``programme``, ``organisation`` or ``partnership``; ``note`` is the row's definition
or why it cannot be counted. A cell is a whole number (a mean, or in the costs section an amount
in złoty, is a decimal), or ``null`` when it is suppressed (fewer than 5 people; an amount never
is); ``suppressed`` is true when at least one is. In CSV and XLSX a suppressed cell is
empty, and each table that has one ends with a note saying so; every other count is a number.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from reintegra import tables as writer
from reintegra.outcomes.reports.scopes import Scope
from reintegra.outcomes.tables import Report, Table

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


def as_dict(report: Report, scope: Scope) -> dict[str, Any]:
    return {
        "title": str(report.title),
        "scope": {"kind": str(scope.kind), "id": scope.id, "name": scope.name},
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()},
        "suppressed": report.suppressed,
        "tables": [_table(table) for table in report.tables],
    }


def _table(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": str(table.title),
        "columns": [{"key": key, "label": str(label)} for key, label in table.columns],
        "rows": [
            {"code": row.code, "name": str(row.name), "note": str(row.note), "cells": dict(row.cells)}
            for row in table.rows
        ],
    }


def as_json(report: Report, scope: Scope) -> bytes:
    return json.dumps(as_dict(report, scope), ensure_ascii=False, indent=2).encode("utf-8")


def sheets(report: Report) -> list[writer.Sheet]:
    """Each table as rows of code, name, a count per column and the row's note."""
    return [_sheet(table) for table in report.tables]


def _sheet(table: Table) -> writer.Sheet:
    keys = [key for key, _label in table.columns]
    headers = [_("Code"), _("Name"), *[str(label) for _key, label in table.columns], _("Note")]
    rows: list[list[writer.Value]] = [
        [row.code, str(row.name), *[row.cells.get(key) for key in keys], str(row.note)] for row in table.rows
    ]
    hidden = any(row.cells.get(key) is None for row in table.rows for key in keys)
    notes = [suppression_note()] if hidden else []
    return writer.Sheet(str(table.title), headers, rows, notes)


def suppression_note() -> str:
    return _("Empty cells are hidden: they count fewer than 5 people, or can be worked out from such a cell.")


def as_csv(report: Report) -> bytes:
    return writer.as_csv_sections(sheets(report))


def as_xlsx(report: Report) -> bytes:
    return writer.as_xlsx_sheets(sheets(report))


def render(report: Report, scope: Scope, fmt: str) -> bytes:
    """The report in ``fmt`` (one of ``FORMATS``)."""
    if fmt == "json":
        return as_json(report, scope)
    if fmt == "csv":
        return as_csv(report)
    if fmt == "xlsx":
        return as_xlsx(report)
    raise ValueError(fmt)


def file_name(scope: Scope, report: Report, fmt: str) -> str:
    """``raport-programme-12-2026-01-01-2026-06-30.xlsx``: ASCII, safe in a header."""
    period = report.period
    return f"raport-{scope.kind}-{scope.id}-{period.start.isoformat()}-{period.end.isoformat()}.{fmt}"
