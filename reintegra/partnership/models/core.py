"""Partnerships: the organisations that work together in a county, and the role each plays."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.fields import bounded_text
from reintegra.text import SHORT_TEXT


class Partnership(models.Model):
    """A local partnership (e.g. of a county): the organisations that work together."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    area_description = bounded_text(
        _("area"), limit=SHORT_TEXT, blank=True, help_text=_("The area the partnership covers.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return list(self.members.values_list("organisation_id", flat=True))

    def leader_organisation_ids(self) -> list[int]:
        """The leading members: their administrators run the partnership (``selectors.can_lead``)."""
        return list(self.members.filter(role=MemberRole.LEADER).values_list("organisation_id", flat=True))


class MemberRole(models.TextChoices):
    LEADER = "leader", _("leader")
    PARTNER = "partner", _("partner")
    ASSOCIATE = "associate", _("associated partner")


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="members", verbose_name=_("partnership")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="partnership_memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role in the partnership"), max_length=12, choices=MemberRole.choices)
    joined_on = models.DateField(_("joined on"))

    class Meta:
        verbose_name = _("member of a partnership")
        verbose_name_plural = _("members of a partnership")
        ordering = ["role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                name="partnership_member_unique",
                violation_error_message=_("This organisation is already a member of the partnership."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def scope_organisation_ids(self) -> list[int]:
        return sorted({self.organisation_id, *self.partnership.scope_organisation_ids()})
