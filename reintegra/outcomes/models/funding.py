"""Which funding bodies fund a programme: what a funder's users may see the reports of.

A link is kept by the programme's organisation (its administrators and coordinators add and
remove it); a funding body's users see the aggregate reports of the programmes linked to it,
suppressed, and nothing else.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, OrganisationType
from reintegra.programmes.models import Programme


class ProgrammeFunding(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="fundings", verbose_name=_("programme")
    )
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="funded_programmes",
        verbose_name=_("funding body"),
        limit_choices_to={"type": OrganisationType.FUNDING_BODY},
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme funding")
        verbose_name_plural = _("programme fundings")
        constraints = [
            models.UniqueConstraint(fields=["programme", "funder"], name="programme_funding_once"),
        ]

    def __str__(self) -> str:
        return f"{self.funder} → {self.programme}"

    def scope_organisation_ids(self) -> list[int]:
        """The programme's organisation keeps the link."""
        return [self.programme.organisation_id]
