"""Audit entries for rows written in bulk.

``bulk_create`` sends no model signals, so django-auditlog writes nothing for it. A service
that writes many rows at once (an import) calls ``log_bulk_create`` in the same transaction:
one CREATE entry per row, with the same fields, actor, address and organisations as the
signal would have written.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    """The actor comes from the service; the request's address from django-auditlog's context."""
    if not instances:
        return []
    context: dict[str, Any] = auditlog_value.get({})
    content_type = ContentType.objects.get_for_model(instances[0])
    now = timezone.now()
    entries = [
        AuditEntry(
            content_type=content_type,
            object_pk=str(instance.pk),
            object_id=instance.pk if isinstance(instance.pk, int) else None,
            object_repr=str(instance),
            action=AuditEntry.Action.CREATE,
            changes=model_instance_diff(
                None, instance, use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES
            ),
            actor=actor,
            actor_email=getattr(actor, "email", None),
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
