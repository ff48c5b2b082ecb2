"""The audit log: django-auditlog's entry, plus the organisations whose admins may read it.

Entries are written by django-auditlog's signal receivers inside the transaction of the change
(or of the read) they record. The application never changes or deletes an entry.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation


class AuditEntryManager(LogEntryManager):
    """Scopes every new entry to the organisations of the object it is about."""

    def log_create(self, instance: Any, force_log: bool = False, **kwargs: Any) -> Any:
        entry = super().log_create(instance, force_log=force_log, **kwargs)
        if entry is not None:
            _scope_entry(entry, instance)
        return entry

    def log_m2m_changes(
        self, changed_queryset: Any, instance: Any, operation: Any, field_name: str, **kwargs: Any
    ) -> Any:
        # django-auditlog's receiver passes (changed_queryset, instance, operation, field_name).
        entry = super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)
        if entry is not None:
            _scope_entry(entry, instance)
        return entry


def _scope_entry(entry: AuditEntry, instance: Any) -> None:
    organisation_ids: list[int] = list(getattr(instance, "scope_organisation_ids", lambda: [])())
    if organisation_ids:
        # The entry about a deleted organisation cannot point at it any more.
        existing = Organisation.objects.filter(pk__in=organisation_ids).values_list("pk", flat=True)
        entry.organisations.add(*existing)


class ImmutableEntryError(Exception):
    pass


class AuditEntry(AbstractLogEntry):
    organisations = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("organisations")
    )
    # Every page's reads are written here, so each index costs on every page. django-auditlog
    # indexes these three alone; the composite index below serves the first two, and no
    # correlation id is ever set.
    content_type = models.ForeignKey(
        to="contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("content type"),
        db_index=False,
    )
    object_pk = models.CharField(max_length=255, verbose_name=_("object pk"))
    cid = models.CharField(  # noqa: DJ001 (django-auditlog's column, as it is)
        max_length=255, blank=True, null=True, verbose_name=_("Correlation ID")
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["content_type", "object_pk", "-timestamp"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableEntryError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableEntryError("Audit entries cannot be deleted.")
