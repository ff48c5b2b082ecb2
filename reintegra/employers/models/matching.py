"""A case worker's override of a matching suggestion: promote an offer for a person, or hide it.

The core ranks; people know more. An override is kept per person and offer with its reason,
who made it and when, and the pages show it beside the suggestion (``matching/selectors.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.employers.models.core import Offer
from reintegra.fields import bounded_text
from reintegra.people.models import Participant
from reintegra.text import SHORT_TEXT


class OverrideAction(models.TextChoices):
    PROMOTE = "promote", _("promoted")
    HIDE = "hide", _("hidden")


class MatchOverride(models.Model):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="match_overrides", verbose_name=_("participant")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="match_overrides", verbose_name=_("offer")
    )
    action = models.CharField(_("override"), max_length=10, choices=OverrideAction.choices)
    reason = bounded_text(_("reason"), limit=SHORT_TEXT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("matching override")
        verbose_name_plural = _("matching overrides")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "offer"], name="one_override_per_person_and_offer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.offer_id} / {self.participant_id}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]
