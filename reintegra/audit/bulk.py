"""Audit entries for many rows at once: rows written in bulk, and rows a page shows.

``bulk_create`` sends no model signals, so django-auditlog writes nothing for it. A service
that writes many rows at once (an import) calls ``log_bulk_create`` in the same transaction:
one CREATE entry per row, with the same fields, actor, address and organisations as the
signal would have written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from auditlog.context import auditlog_value
from auditlog.diff import model_instance_diff
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry

BATCH = 2_000


def log_bulk_create(instances: Sequence[Model], *, actor: User | None) -> list[AuditEntry]:
    """CREATE entries for rows written with ``bulk_create``, the same as the signal would write."""
    use_json = settings.AUDITLOG_STORE_JSON_CHANGES
    return _write(
        instances,
        action=AuditEntry.Action.CREATE,
        actor=actor,
        changes=lambda instance: model_instance_diff(None, instance, use_json_for_changes=use_json),
    )


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
