"""The audit log as an administrator reads it, not as the database keeps it.

django-auditlog keeps each change as the column's name and two strings: a choice's stored
value, a reference's key, a date-time in UTC, ``"True"``. Here they become the field's label,
the choice's label, the referenced record's name, local time and "yes": the same rows on the
page and in the exports. References are read in bulk, one query per referenced model for a page
of entries (or a batch of an export), never one per row.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from reintegra.audit.models import AuditEntry
from reintegra.dates import day

A = AuditEntry.Action
ACTIONS = {
    A.CREATE: pgettext_lazy("audit action", "created"),
    A.UPDATE: pgettext_lazy("audit action", "changed"),
    A.DELETE: pgettext_lazy("audit action", "deleted"),
    A.ACCESS: pgettext_lazy("audit action", "read"),
}
ACTION_CHOICES = list(ACTIONS.items())
LONGEST_VALUE = 300  # characters of a changed value shown; the rest is cut with "…"
EXPORT_BATCH = 1000


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class EntryRow:
    when: str
    who: str
    action: str
    record_type: str
    record: str
    changes: list[Change]
    address: str


def entry_rows(entries: Iterable[AuditEntry]) -> list[EntryRow]:
    """A page of entries as rows; the entries come with their actor and content type."""
    entries = list(entries)
    names = _Names(entries)
    return [_row(entry, names) for entry in entries]


def entry_rows_in_batches(entries: Iterable[AuditEntry]) -> Iterator[EntryRow]:
    """Rows of a long export, the references of each batch read together."""
    for batch in itertools.batched(entries, EXPORT_BATCH):
        yield from entry_rows(batch)


def when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{day(local)} {local:%H:%M:%S}"


def _row(entry: AuditEntry, names: _Names) -> EntryRow:
    model = entry.content_type.model_class()
    return EntryRow(
        when=when(entry.timestamp),
        who=str(entry.actor) if entry.actor else (entry.actor_email or _("system")),
        action=str(ACTIONS.get(entry.action, entry.action)),
        record_type=capfirst(str(model._meta.verbose_name)) if model else entry.content_type.model,
        record=entry.object_repr,
        changes=[
            _change(model, name, values, names) for name, values in _changes(entry) if _shown(model, name)
        ],
        address=entry.remote_addr or "",
    )


def _changes(entry: AuditEntry) -> list[tuple[str, Any]]:
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    return list(changes.items())


def _shown(model: type[models.Model] | None, name: str) -> bool:
    """A change worth a line: not the record's own key, nor a relation seen from the other side
    (the records pointing here are logged as records of their own)."""
    if model is None:
        return True
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    return not (field.auto_created or getattr(field, "primary_key", False))


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _change(model: type[models.Model] | None, name: str, values: Any, names: _Names) -> Change:
    field = _field(model, name)
    label = capfirst(str(field.verbose_name)) if field is not None else capfirst(name.replace("_", " "))
    if isinstance(values, dict):  # a many-to-many change: {"type": "m2m", "operation": …, "objects": […]}
        objects = ", ".join(str(value) for value in values.get("objects", []))
        sign = "+" if values.get("operation") == "add" else "−"
        return Change(label, "—", _cut(f"{sign} {objects}"))
    before, after = [*values, "", ""][:2] if isinstance(values, list | tuple) else ("", values)
    return Change(label, _value(field, before, names), _value(field, after, names))


def _value(field: models.Field[Any, Any] | None, value: Any, names: _Names) -> str:
    if value is None or value == "None" or value == "":
        return "—"
    text = str(value)
    if field is None:
        return _cut(text)
    if field.choices:
        labels = {str(key): str(label) for key, label in field.flatchoices}
        return labels.get(text, text)
    if field.many_to_one or field.one_to_one:
        return names.name(field, text)
    if isinstance(field, models.JSONField):
        return _cut(_listed(text))
    if isinstance(field, models.BooleanField):
        return _("yes") if text == "True" else _("no") if text == "False" else text
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(text)
        if parsed is not None:
            aware = parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)
            return when(aware)[:-3]
    elif isinstance(field, models.DateField):
        parsed_day = parse_date(text)
        if parsed_day is not None:
            return day(parsed_day)
    return _cut(text)


def _listed(text: str) -> str:
    """A list kept as JSON (``["name", "contact"]``) as words separated by commas."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return ", ".join(str(item) for item in value) if isinstance(value, list) else text


def _cut(text: str) -> str:
    return text if len(text) <= LONGEST_VALUE else f"{text[: LONGEST_VALUE - 1]}…"


class _Names:
    """The names of the records the entries' changes refer to, one query per referenced model."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        wanted: dict[type[models.Model], set[str]] = defaultdict(set)
        for entry in entries:
            model = entry.content_type.model_class()
            for name, values in _changes(entry):
                field = _field(model, name)
                if (
                    field is None
                    or not (field.many_to_one or field.one_to_one)
                    or field.related_model is None
                ):
                    continue
                if isinstance(values, list | tuple):
                    wanted[field.related_model].update(str(v) for v in values if v not in (None, "None", ""))
        self._names: dict[type[models.Model], dict[str, str]] = {}
        for related, keys in wanted.items():
            found = related._default_manager.in_bulk(_keys(related, keys))
            self._names[related] = {str(key): str(record) for key, record in found.items()}

    def name(self, field: models.Field[Any, Any], key: str) -> str:
        related = field.related_model
        known = self._names.get(related, {}) if isinstance(related, type) else {}
        # A record deleted since: its key is all the log still knows of it.
        return known.get(key) or _("deleted record (%(key)s)") % {"key": key}


def _related_model(field: models.Field[Any, Any] | None) -> type[models.Model] | None:
    if field is None or not (field.many_to_one or field.one_to_one):
        return None
    related = field.related_model
    return related if isinstance(related, type) else None


def _keys(model: type[models.Model], keys: set[str]) -> list[Any]:
    field = model._meta.pk
    assert field is not None
    out = []
    for key in keys:
        try:
            out.append(field.to_python(key))
        except ValidationError:  # a key the log kept in a form the model no longer takes
            continue
    return out
