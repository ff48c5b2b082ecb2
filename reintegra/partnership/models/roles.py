"""The role each member plays at each stage of the model's work with a person.

Seed 004 (the mobile vocational activation centre) names the stages its local partnership works
through together: promotion, recruitment, diagnosis, support and employment. One description per
member and stage; a member with nothing to do at a stage has no row for it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.fields import bounded_text
from reintegra.partnership.models.core import PartnershipMember
from reintegra.text import SHORT_TEXT


class Stage(models.TextChoices):
    PROMOTION = "promotion", _("promotion")
    RECRUITMENT = "recruitment", _("recruitment")
    DIAGNOSIS = "diagnosis", _("diagnosis")
    SUPPORT = "support", _("support")
    EMPLOYMENT = "employment", _("employment")


class StageRole(models.Model):
    member = models.ForeignKey(
        PartnershipMember,
        on_delete=models.CASCADE,
        related_name="stage_roles",
        verbose_name=_("member of a partnership"),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    description = bounded_text(_("role at this stage"), limit=SHORT_TEXT)

    class Meta:
        verbose_name = _("role at a stage")
        verbose_name_plural = _("roles at the stages")
        ordering = ["member", "stage"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "stage"],
                name="stage_role_unique",
                violation_error_message=_("The member already has a role at this stage."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.organisation} — {self.get_stage_display()}"

    def scope_organisation_ids(self) -> list[int]:
        return self.member.scope_organisation_ids()
