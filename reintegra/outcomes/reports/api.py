"""API operations on reports: the indicator report of a programme, an organisation or a
partnership for a period, in the shape of the JSON export (``export.py``).

The same rules as the page decide: the staff of an organisation (``report.view``) report on its
programmes, on the organisation and on the partnerships it belongs to; any other is 404, as one
that does not exist. A period whose end precedes its start, or outside 2000–2100, is 400 naming
``start`` or ``end``. A report holds counts only, never a person.
"""

# No ``from __future__ import annotations``: django-ninja reads the operations' parameter types
# through the policy's decorators, whose module cannot resolve this one's names from strings.

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from reintegra.accounts.models import User
from reintegra.accounts.policy import requires_api
from reintegra.api_errors import Day, ErrorOut, InvalidOut
from reintegra.outcomes.reports import compose, export, scopes
from reintegra.outcomes.reports.period import period_of

router = Router(tags=["reports"])


class ScopeOut(Schema):
    kind: scopes.ScopeKind
    id: int
    name: str


class PeriodOut(Schema):
    start: date
    end: date


class ColumnOut(Schema):
    key: str = Field(description="women, men, non_binary, total; or a section's own column")
    label: str


class RowOut(Schema):
    code: str
    name: str
    note: str = Field(description="The row's definition, or why it cannot be counted yet.")
    cells: dict[str, int | float | None] = Field(
        description="A count (or a mean) per column key; null when suppressed."
    )


class TableOut(Schema):
    key: str
    title: str
    columns: list[ColumnOut]
    rows: list[RowOut]


class ReportOut(Schema):
    title: str
    scope: ScopeOut
    period: PeriodOut
    suppressed: bool = Field(description="True when at least one cell is hidden (fewer than 5 people).")
    tables: list[TableOut]


RESPONSES = {200: ReportOut, 400: InvalidOut, 404: ErrorOut}


def _report(request: HttpRequest, value: str, start: date, end: date) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    period = period_of(start, end)
    scope = scopes.scope_get_for_user(user, value)
    return export.as_dict(compose.report_for(scope, period), scope)


@router.get("/programmes/{programme_id}/report", response=RESPONSES)
@requires_api("report.view")
def programme_report(request: HttpRequest, programme_id: int, start: Day, end: Day) -> object:
    """The report of one programme of the user's organisation, both days included."""
    return _report(request, f"programme:{programme_id}", start, end)


@router.get("/organisations/{organisation_id}/report", response=RESPONSES)
@requires_api("report.view")
def organisation_report(request: HttpRequest, organisation_id: int, start: Day, end: Day) -> object:
    """The report of every programme of the user's organisation."""
    return _report(request, f"organisation:{organisation_id}", start, end)


@router.get("/partnerships/{partnership_id}/report", response=RESPONSES)
@requires_api("report.view")
def partnership_report(request: HttpRequest, partnership_id: int, start: Day, end: Day) -> object:
    """The report of every programme of a partnership's members, for a member's staff."""
    return _report(request, f"partnership:{partnership_id}", start, end)
