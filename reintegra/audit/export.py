"""The audit log as a table: the same rows on screen, in CSV and in XLSX."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from reintegra.audit.models import AuditEntry


def headers() -> list[str]:
    return [_("Time"), _("Who"), _("Action"), _("Record type"), _("Record"), _("Changes"), _("Address")]


def rows(entries: Iterable[AuditEntry]) -> Iterator[list[str]]:
    for entry in entries:
        yield [
            timezone.localtime(entry.timestamp).strftime("%Y-%m-%d %H:%M:%S"),
            str(entry.actor) if entry.actor else (entry.actor_email or _("system")),
            str(entry.get_action_display()),
            str(entry.content_type.model_class()._meta.verbose_name)
            if entry.content_type.model_class()
            else "",
            entry.object_repr,
            json.dumps(entry.changes, ensure_ascii=False) if entry.changes else "",
            entry.remote_addr or "",
        ]


def as_csv(entries: Iterable[AuditEntry]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers())
    writer.writerows(rows(entries))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Audit log"))
    sheet.append(headers())
    for row in rows(entries):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
