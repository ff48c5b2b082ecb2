"""The stage roles and the agreements as tables (CSV or XLSX), through the one writer."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.partnership.cooperation.selectors import StageRow
from reintegra.partnership.models import Stage

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
