"""The report of a scope and a period, as the page, the exports, the command and the API show it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.outcomes import sections
from reintegra.outcomes.reports.scopes import Scope
from reintegra.outcomes.tables import Period, Report


def report_for(scope: Scope, period: Period) -> Report:
    tables, relations = sections.section_tables(scope.programmes, period)
    title = _("Report: %(scope)s") % {"scope": scope.name}
    report = Report(title=title, period=period, tables=tables, relations=relations)
    # An empty cell is a hidden one, whichever part hid it: the report then says it has some.
    cells = (value for table in tables for row in table.rows for value in row.cells.values())
    report.suppressed = any(value is None for value in cells)
    return report
