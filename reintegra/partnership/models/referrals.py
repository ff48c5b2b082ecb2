"""The referrals of people between the members of a partnership.

A referral carries a snapshot (JSON) of exactly the fields the sender chose, taken when it was
sent; the receiver reads the snapshot and nothing else of the person, and stops reading it once
the sender withdraws the referral (``workflow.py``). Every move of a referral is recorded in
``ReferralStatusChange`` with who, when and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.accounts.models import Organisation
from reintegra.fields import bounded_text
from reintegra.partnership.models.core import Partnership
from reintegra.people.models import Consent, Participant
from reintegra.text import SHORT_TEXT


class ReferralStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("referral status", "sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    COMPLETED = "completed", _("completed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class LegalBasis(models.TextChoices):
    """Bases of the GDPR (RODO) on which a referral may leave without the person's consent."""

    OBLIGATION = "6_1_c", _("art. 6(1)(c) RODO: a legal obligation of the sender")
    PUBLIC_TASK = "6_1_e", _("art. 6(1)(e) RODO: a task carried out in the public interest")
    OBLIGATION_SOCIAL = (
        "6_1_c_9_2_b",
        _("art. 6(1)(c) and 9(2)(b) RODO: a legal obligation in social security and social protection law"),
    )
    PUBLIC_TASK_CARE = (
        "6_1_e_9_2_h",
        _("art. 6(1)(e) and 9(2)(h) RODO: a public task in health or social care"),
    )


# Bases that also cover special-category data (art. 9 RODO), such as disability.
SPECIAL_CATEGORY_BASES = frozenset({LegalBasis.OBLIGATION_SOCIAL, LegalBasis.PUBLIC_TASK_CARE})


class Referral(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partnership")
    )
    # The sender's record; the receiver never reaches it (selectors answer 404 for the file).
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("participant")
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_sent", verbose_name=_("from")
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_received", verbose_name=_("to")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    fields = models.JSONField(_("referred fields"), default=list)
    snapshot = models.JSONField(_("referred data"), default=dict)
    reason = bounded_text(_("reason for referral"), limit=SHORT_TEXT)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consent"),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=15, choices=LegalBasis.choices, blank=True)
    legal_basis_reference = models.CharField(_("legal basis: provision"), max_length=300, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    sent_at = models.DateTimeField(pgettext_lazy("when a referral was sent", "sent"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The receiver's own record of the person, once it took the person in; the sender never
    # reaches it, as the receiver never reaches ``participant``.
    received_participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_taken_in",
        verbose_name=_("participant record of the receiver"),
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["to_organisation", "status", "sent_at"]),
            models.Index(fields=["from_organisation", "sent_at"]),
        ]

    def __str__(self) -> str:
        # No personal data: the string lands in the audit log of both organisations.
        return str(_("Referral no. %(number)s") % {"number": self.pk})

    def scope_organisation_ids(self) -> list[int]:
        return [self.from_organisation_id, self.to_organisation_id]


class ReferralOutcome(models.TextChoices):
    TOOK_PART = "took_part", _("takes part")
    DID_NOT_START = "did_not_start", _("did not start")
    DROPPED_OUT = "dropped_out", _("dropped out")
    COMPLETED = "completed", _("completed the support")


class ReferralOutcomeReport(models.Model):
    """What the receiver tells the sender about the person's support, later: one report each time."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("referral")
    )
    outcome = models.CharField(_("outcome"), max_length=15, choices=ReferralOutcome.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    reported_at = models.DateTimeField(_("reported"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )

    class Meta:
        verbose_name = _("outcome of a referral")
        verbose_name_plural = _("outcomes of referrals")
        ordering = ["-reported_at", "-pk"]

    def __str__(self) -> str:
        return str(self.get_outcome_display())

    def scope_organisation_ids(self) -> list[int]:
        return self.referral.scope_organisation_ids()


class ReferralStatusChange(models.Model):
    """One recorded move of a referral: from, to, when, who, why."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("referral")
    )
    from_status = models.CharField(
        _("status before"), max_length=10, choices=ReferralStatus.choices, blank=True
    )
    to_status = models.CharField(_("status after"), max_length=10, choices=ReferralStatus.choices)
    changed_at = models.DateTimeField(_("when"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("referral status change")
        verbose_name_plural = _("referral status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '∅'} → {self.get_to_status_display()}"

    def scope_organisation_ids(self) -> list[int]:
        return self.referral.scope_organisation_ids()
