"""API operations of a funding body's reviewer: the programmes her body funds and one's report for
a period, always suppressed (the same selector as her pages). Counts only, never a person."""

# No ``from __future__ import annotations``: django-ninja reads the operations' parameter types.
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from reintegra.accounts.models import User
from reintegra.accounts.policy import requires_api
from reintegra.api_errors import Day, ErrorOut, InvalidOut
from reintegra.outcomes.funder import selectors
from reintegra.outcomes.tables import Period

router = Router(tags=["funder"])


class FundedProgrammeOut(Schema):
    id: int
    code: str
    name: str
    organisation: str
    start_date: date
    end_date: date


class ColumnOut(Schema):
    key: str
    label: str


class RowOut(Schema):
    code: str
    name: str
    # A count, a mean or an amount of money (a section's cost in złoty); a suppressed cell is null.
    cells: dict[str, int | float | None]
    note: str


class TableOut(Schema):
    key: str
    title: str
    columns: list[ColumnOut]
    rows: list[RowOut]


class FundedReportOut(Schema):
    programme_id: int
    start: date
    end: date
    suppressed: bool
    threshold: int
    tables: list[TableOut]


@router.get("/funder/programmes", response=list[FundedProgrammeOut])
@requires_api("report.funded")
def funded_programme_list(request: HttpRequest) -> list[dict[str, Any]]:
    user: User = request.user  # type: ignore[assignment]
    return [
        {
            "id": programme.pk,
            "code": programme.code,
            "name": programme.name,
            "organisation": str(programme.organisation),
            "start_date": programme.start_date,
            "end_date": programme.end_date,
        }
        for programme in selectors.funded_programmes_for_user(user)
    ]


@router.get(
    "/funder/programmes/{programme_id}/report",
    response={200: FundedReportOut, 400: InvalidOut, 404: ErrorOut},
)
@requires_api("report.funded")
def funded_programme_report(request: HttpRequest, programme_id: int, start: Day, end: Day) -> object:
    user: User = request.user  # type: ignore[assignment]
    if end < start:
        raise ValidationError(
            {"end": [_("The end of the period cannot be before its start.")]}, code="period"
        )
    funded = selectors.funded_report_for_user(user, programme_id, Period(start, end))
    report = funded.report
    return {
        "programme_id": funded.programme.pk,
        "start": report.period.start,
        "end": report.period.end,
        "suppressed": report.suppressed,
        "threshold": funded.threshold,
        "tables": [
            {
                "key": table.key,
                "title": table.title,
                "columns": [{"key": key, "label": label} for key, label in table.columns],
                "rows": [
                    {"code": row.code, "name": row.name, "cells": row.cells, "note": row.note}
                    for row in table.rows
                ],
            }
            for table in report.tables
        ],
    }
