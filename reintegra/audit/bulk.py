"""Audit entries for many rows at once: rows written in bulk, and rows a page shows.

``bulk_create`` sends no model signals, so django-auditlog writes nothing for it. A service
that writes many rows at once (an import) calls ``log_bulk_create`` in the same transaction:
one CREATE entry per row, with the same fields, actor, address and organisations as the
signal would have written.

django-auditlog works out a new row's changes field by field, asking of each field what it is,
for every row: most of an import's time. ``creation_changes`` gives the same result with the
questions answered once per model.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from auditlog.context import auditlog_value
from auditlog.diff import get_field_value, get_fields_in_model, get_mask_function, model_instance_diff
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import DateTimeField, Field, JSONField, Model
from django.utils import timezone
from django.utils.encoding import smart_str

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry

BATCH = 2_000
COPY_FROM = 1_000  # rows; fewer (a page's reads) are two plain inserts, with no sequence round trip
BEFORE = "None"  # django-auditlog's "before" of every field of a new row, in the string form


def log_bulk_create(instances: Sequence[Model], *, actor: User | None) -> None:
    """CREATE entries for rows written with ``bulk_create``, the same as the signal would write."""
    _write(instances, action=AuditEntry.Action.CREATE, actor=actor, changes=creation_changes(instances))


def creation_changes(instances: Sequence[Model]) -> list[dict[str, tuple[Any, Any]] | None]:
    """``model_instance_diff(None, instance)`` for new rows of one model, worked out once per model.

    The same fields (registration's include and exclude, masks) and the same values: a field
    whose kind has its own rule (date-times, JSON) is read by django-auditlog's own function; a
    relation from other rows to the new ones (``enrolments``) can hold nothing yet, so the first
    row's value stands for all of them.
    """
    if not instances:
        return []
    model = type(instances[0])
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    if use_json or any(type(instance) is not model for instance in instances):
        return [model_instance_diff(None, instance, use_json_for_changes=use_json) for instance in instances]
    registration = auditlog.get_model_fields(model)
    mask = get_mask_function(registration.get("mask_callable"))
    masked = set(registration["mask_fields"])
    readers: list[tuple[str, Callable[[Model], Any]]] = []
    shared: dict[str, Any] = {}
    for field in _tracked_fields(instances[0], registration):
        reader = _reader(field)
        if reader is None:
            shared[field.name] = get_field_value(instances[0], field)
        else:
            readers.append((field.name, reader))

    def changes(instance: Model) -> dict[str, tuple[Any, Any]] | None:
        values = {name: read(instance) for name, read in readers} | shared
        diff = {}
        for name, value in values.items():
            if value != BEFORE:
                after = smart_str(value)
                diff[name] = (mask(BEFORE), mask(after)) if name in masked else (BEFORE, after)
        return diff or None

    return [changes(instance) for instance in instances]


def _tracked_fields(instance: Model, registration: dict[str, Any]) -> list[Field]:
    fields = get_fields_in_model(instance)
    if registration["include_fields"]:
        fields = [field for field in fields if field.name in registration["include_fields"]]
    return [field for field in fields if field.name not in registration["exclude_fields"]]


def _reader(field: Field) -> Callable[[Model], Any] | None:
    """How django-auditlog reads the field of a new row (None: a relation from other rows)."""
    if not field.concrete:
        return None
    if isinstance(field, DateTimeField | JSONField):
        return lambda instance: get_field_value(instance, field)
    if not getattr(settings, "AUDITLOG_USE_FK_STRING_REPRESENTATION", False) and (
        field.many_to_one or field.one_to_one
    ):
        attname = field.get_attname()
        return lambda instance: smart_str(getattr(instance, attname), strings_only=True)
    name = field.name
    return lambda instance: str(smart_str(getattr(instance, name)))


def log_reads(instances: Sequence[Model], *, actor: User) -> None:
    """One ACCESS entry per row a page shows, in two inserts whatever the number of rows."""
    _write(instances, action=AuditEntry.Action.ACCESS, actor=actor, changes=[None] * len(instances))


def _write(
    instances: Sequence[Model],
    *,
    action: int,
    actor: User | None,
    changes: Sequence[dict[str, Any] | None],
) -> None:
    """The actor comes from the service; the request's address from django-auditlog's context."""
    if not instances:
        return
    context: dict[str, Any] = auditlog_value.get({})
    now = timezone.now()
    entries = [
        {
            "content_type_id": ContentType.objects.get_for_model(instance).pk,
            "object_pk": str(instance.pk),
            "object_id": instance.pk if isinstance(instance.pk, int) else None,
            "object_repr": str(instance),
            "action": action,
            "changes": changed,
            "actor_id": actor.pk if actor is not None else None,
            "actor_email": getattr(actor, "email", None) or None,
            "remote_addr": context.get("remote_addr"),
            "remote_port": context.get("remote_port"),
            "timestamp": now,
        }
        for instance, changed in zip(instances, changes, strict=True)
    ]
    scopes = [list(getattr(instance, "scope_organisation_ids", list)()) for instance in instances]
    if connection.vendor == "postgresql" and len(entries) >= COPY_FROM:
        _copy(entries, scopes)
    else:
        _bulk_create(entries, scopes)


def _bulk_create(entries: list[dict[str, Any]], scopes: list[list[int]]) -> None:
    saved = AuditEntry.objects.bulk_create([AuditEntry(**values) for values in entries], batch_size=BATCH)
    scope = AuditEntry.organisations.through
    scope.objects.bulk_create(
        [
            scope(auditentry_id=entry.pk, organisation_id=organisation_id)
            for entry, organisation_ids in zip(saved, scopes, strict=True)
            for organisation_id in organisation_ids
        ],
        batch_size=BATCH * 2,
    )


def _copy(entries: list[dict[str, Any]], scopes: list[list[int]]) -> None:
    """The same rows through PostgreSQL's COPY, several times faster than INSERT for an import.

    The keys come from the table's own sequence first, so the organisations rows can point at
    their entries; every column not given takes the model field's default, as ``save()`` would.
    """
    fields = AuditEntry._meta.concrete_fields
    defaults = {field.attname: field.get_default() for field in fields}
    json_columns = {field.attname for field in fields if isinstance(field, JSONField)}
    scope = AuditEntry.organisations.through
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [AuditEntry._meta.db_table, len(entries)],
        )
        keys = [key for (key,) in cursor.fetchall()]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        with cursor.copy(
            f"COPY {connection.ops.quote_name(AuditEntry._meta.db_table)} ({columns}) FROM STDIN"
        ) as copy:
            for key, values in zip(keys, entries, strict=True):
                row = defaults | values
                row[AuditEntry._meta.pk.attname] = key
                copy.write_row(
                    [
                        json.dumps(row[field.attname])
                        if field.attname in json_columns and row[field.attname] is not None
                        else row[field.attname]
                        for field in fields
                    ]
                )
        scope_table = connection.ops.quote_name(scope._meta.db_table)
        with cursor.copy(f"COPY {scope_table} (auditentry_id, organisation_id) FROM STDIN") as copy:
            for key, organisation_ids in zip(keys, scopes, strict=True):
                for organisation_id in organisation_ids:
                    copy.write_row((key, organisation_id))
