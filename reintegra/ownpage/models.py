"""What a participant adds to their own *Paszport na rynek pracy*, until a worker confirms it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.fields import bounded_text
from reintegra.people.models import Participant
from reintegra.text import SHORT_TEXT


class EntryStatus(models.TextChoices):
    AWAITING = "awaiting", _("awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")


class PassportEntry(models.Model):
    """Something the person did or learnt, in their own words; a worker confirms it."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="passport_entries", verbose_name=_("participant")
    )
    text = bounded_text(_("what I did or learnt"), limit=SHORT_TEXT)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.AWAITING
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("passport entry")
        verbose_name_plural = _("passport entries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]
