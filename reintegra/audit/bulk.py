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

from collections.abc import Callable, Sequence
from typing import Any

from auditlog.context import auditlog_value
from auditlog.diff import get_field_value, get_fields_in_model, get_mask_function, model_instance_diff
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import DateTimeField, Field, JSONField, Model
from django.utils import timezone
from django.utils.encoding import smart_str

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry

BATCH = 2_000


BEFORE = "None"  # django-auditlog's "before" of every field of a new row, in the string form


def log_bulk_create(instances: Sequence[Model], *, actor: User | None) -> list[AuditEntry]:
    """CREATE entries for rows written with ``bulk_create``, the same as the signal would write."""
    changes = dict(zip(map(id, instances), creation_changes(instances), strict=True))
    return _write(
        instances,
        action=AuditEntry.Action.CREATE,
        actor=actor,
        changes=lambda instance: changes[id(instance)],
    )


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


def log_reads(instances: Sequence[Model], *, actor: User) -> list[AuditEntry]:
    """One ACCESS entry per row a page shows, in two inserts whatever the number of rows."""
    return _write(instances, action=AuditEntry.Action.ACCESS, actor=actor, changes=lambda instance: None)


def _write(
    instances: Sequence[Model],
    *,
    action: int,
    actor: User | None,
    changes: Callable[[Model], dict[str, Any] | None],
) -> list[AuditEntry]:
    """The actor comes from the service; the request's address from django-auditlog's context."""
    if not instances:
        return []
    context: dict[str, Any] = auditlog_value.get({})
    now = timezone.now()
    entries = [
        AuditEntry(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=str(instance),
            action=action,
            changes=changes(instance),
            actor=actor,
            actor_email=getattr(actor, "email", None) or None,
            remote_addr=context.get("remote_addr"),
            remote_port=context.get("remote_port"),
            timestamp=now,
        )
        for instance in instances
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
    scope = AuditEntry.organisations.through
    scope.objects.bulk_create(
        [
            scope(auditentry_id=entry.pk, organisation_id=organisation_id)
            for entry, instance in zip(entries, instances, strict=True)
            for organisation_id in getattr(instance, "scope_organisation_ids", list)()
        ],
        batch_size=BATCH * 2,
    )
    return entries
