"""The audit log: django-auditlog's entry, plus the organisations whose admins may read it.

Entries are written by django-auditlog's signal receivers inside the transaction of the change
(or of the read) they record. The application never changes or deletes an entry.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
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
        # Rows of the table itself: ``add()`` would first read which are there (a new entry has none).
        AuditEntryOrganisation.objects.bulk_create(
            [AuditEntryOrganisation(auditentry=entry, organisation_id=pk) for pk in existing]
        )


class ImmutableEntryError(Exception):
    pass


class AuditEntry(AbstractLogEntry):
    """One entry of the log.

    Every page's reads are written here, so whatever the database does for each entry it does
    on every page. django-auditlog indexes ``content_type``, ``object_pk`` and ``cid`` alone; the
    composite index below serves the first two, and no correlation id is ever set. The entry's
    references are not foreign-key constraints in the database: an entry is written once with
    keys just read, never changed, and checking four references an entry at each commit cost a
    page more than storing its entries. Deleting a user or an organisation still goes through
    Django, which clears or removes what points at it (``on_delete``) as before.
    """

    organisations = models.ManyToManyField(
        Organisation,
        through="AuditEntryOrganisation",
        related_name="+",
        blank=True,
        verbose_name=_("organisations"),
    )
    content_type = models.ForeignKey(
        to="contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("content type"),
        db_index=False,
        db_constraint=False,
    )
    actor = models.ForeignKey(
        to=settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        blank=True,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
        db_constraint=False,
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


class AuditEntryOrganisation(models.Model):
    """An organisation whose administrators may read the entry (the table Django made for the
    many-to-many field, now declared to leave out the foreign-key constraints)."""

    auditentry = models.ForeignKey(AuditEntry, on_delete=models.CASCADE, db_constraint=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, db_constraint=False)

    class Meta:
        db_table = "audit_auditentry_organisations"
        unique_together = [("auditentry", "organisation")]

    def __str__(self) -> str:
        return f"{self.auditentry_id} → {self.organisation_id}"
