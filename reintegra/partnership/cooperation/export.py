"""The stage roles and the agreements as tables (CSV or XLSX), through the one writer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.dates import day
from reintegra.partnership.cooperation.selectors import StageRow
from reintegra.partnership.models import Agreement, Stage
from reintegra.partnership.snapshot import REFERABLE_FIELDS

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def stage_headers() -> list[str]:
    return [_("Organisation"), _("Role in the partnership"), *[str(stage.label) for stage in Stage]]


def stage_rows(rows: list[StageRow]) -> list[list[str]]:
    return [[row.member.organisation.name, str(row.member.get_role_display()), *row.roles] for row in rows]


def table(title: str, headers: list[str], rows: list[list[str]], fmt: str) -> bytes:
    if fmt == "xlsx":
        return tables.as_xlsx(title, headers, rows)
    return tables.as_csv(headers, rows)


def agreement_state(agreement: Agreement, today: date) -> str:
    if agreement.has_expired(today):
        return _("expired")
    if agreement.valid_from > today:
        return _("not yet in force")
    return _("in force")


def agreement_headers() -> list[str]:
    return [
        _("Partner"),
        _("Number or title"),
        _("Scope"),
        _("Signed on"),
        _("Valid from"),
        _("Valid until"),
        _("State"),
        _("Data the partner may receive"),
    ]


def agreement_rows(agreements: Iterable[Agreement], today: date) -> list[list[str]]:
    return [
        [
            agreement.organisation.name,
            agreement.number,
            agreement.scope,
            day(agreement.signed_on),
            day(agreement.valid_from),
            day(agreement.valid_until) if agreement.valid_until else _("open-ended"),
            agreement_state(agreement, today),
            ", ".join(str(REFERABLE_FIELDS[key]) for key in agreement.fields if key in REFERABLE_FIELDS),
        ]
        for agreement in agreements
    ]
