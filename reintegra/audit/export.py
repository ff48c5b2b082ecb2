"""The audit log as a table: the same rows on screen, in CSV and in XLSX."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reintegra import tables
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
    return tables.as_csv(headers(), rows(entries))


def as_xlsx(entries: Iterable[AuditEntry]) -> bytes:
    return tables.as_xlsx(_("Audit log"), headers(), rows(entries))
