"""Signed agreements between a partnership and one of its members.

An agreement says what the member does (its scope), for how long, and which of a referral's
field groups (``snapshot.REFERABLE_FIELDS``) the member may receive. A referral carries a group
to an organisation only while an agreement with it covering that group is in force on the day
it is sent (``services.referral_send``); the person's consent, or a legal basis, is needed as
well, as before: an agreement never stands in for art. 9 RODO.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.dates import not_in_the_future
from reintegra.fields import bounded_text
from reintegra.partnership.models.core import Partnership
from reintegra.text import SHORT_TEXT


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def in_force(self, on: date) -> AgreementQuerySet:
        return self.filter(valid_from__lte=on).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on)
        )


class Agreement(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("partnership")
    )
    # The organisation, not its membership: the agreement stays on record if the member leaves.
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="partnership_agreements",
        verbose_name=_("partner"),
    )
    number = models.CharField(_("number or title"), max_length=200)
    scope = bounded_text(_("scope"), limit=SHORT_TEXT)
    signed_on = models.DateField(_("signed on"), validators=[not_in_the_future])
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: open-ended."))
    fields = models.JSONField(_("data the partner may receive"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership agreement")
        verbose_name_plural = _("partnership agreements")
        ordering = ["-valid_from", "-pk"]
        indexes = [models.Index(fields=["organisation", "valid_from"])]

    def __str__(self) -> str:
        return str(
            _("Agreement %(number)s with %(organisation)s")
            % {"number": self.number, "organisation": self.organisation}
        )

    def scope_organisation_ids(self) -> list[int]:
        return self.partnership.scope_organisation_ids()

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("The agreement cannot end before it starts: give a later date.")},
                code="ends_before_start",
            )

    def is_in_force(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or self.valid_until >= on)

    def has_expired(self, on: date) -> bool:
        return self.valid_until is not None and self.valid_until < on
