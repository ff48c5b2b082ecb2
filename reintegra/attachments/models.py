"""A file attached to a person, a plan and (later) a session or a placement.

The owner is named by its kind and key, not by a foreign key, so an app above this one can own
files without this app importing it (``owners.py``). The bytes live in the ``attachments``
storage under a name of our own making; the name the file came with is kept only to be shown
and to name the download.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation

NAME_LENGTH = 255


class AttachmentQuerySet(models.QuerySet["Attachment"]):
    def kept(self) -> AttachmentQuerySet:
        return self.filter(removed_at__isnull=True)


class Attachment(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    owner_kind = models.CharField(_("attached to"), max_length=40)
    owner_id = models.PositiveBigIntegerField(_("owner"))
    original_name = models.CharField(_("file name"), max_length=NAME_LENGTH)
    description = models.CharField(_("description"), max_length=200, blank=True)
    stored_name = models.CharField(_("stored as"), max_length=NAME_LENGTH, unique=True, editable=False)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )
    # When the retention routine deleted the bytes; the row stays as the record that they existed.
    purged_at = models.DateTimeField(_("bytes deleted at"), null=True, blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            models.Index(
                fields=["organisation", "owner_kind", "owner_id", "-uploaded_at"],
                name="attachment_owner_idx",
            ),
            models.Index(
                fields=["removed_at"],
                condition=models.Q(removed_at__isnull=False, purged_at__isnull=True),
                name="attachment_to_purge_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]
