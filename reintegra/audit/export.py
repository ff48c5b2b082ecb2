"""The audit log as a table: the same rows on screen, in CSV and in XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reintegra import tables
from reintegra.audit.display import entry_rows_in_batches
from reintegra.audit.models import AuditEntry


def headers() -> list[str]:
    return [
        _("Time"),
        _("Who"),
        pgettext("what was done to a record", "Action"),
        _("Record type"),
        _("Record"),
        _("Changes"),
        _("Address"),
    ]


def rows(entries: Iterable[AuditEntry]) -> Iterator[list[str]]:
    """The rows the page shows, each change as "label: before → after" on a line of its own."""
    for row in entry_rows_in_batches(entries):
        changes = "\n".join(f"{change.label}: {change.before} → {change.after}" for change in row.changes)
        yield [row.when, row.who, row.action, row.record_type, row.record, changes, row.address]


def as_csv(entries: Iterable[AuditEntry]) -> bytes:
    return tables.as_csv(headers(), rows(entries))


def as_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    return tables.as_xlsx(_("Audit log"), headers(), rows(entries))
