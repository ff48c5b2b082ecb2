"""The report of a scope and a period, as the page, the exports, the command and the API show it:
the indicator report (``services.build_report``) of the scope's programmes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.outcomes.reports import services
from reintegra.outcomes.reports.scopes import Scope
from reintegra.outcomes.tables import Period, Report


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
