"""Placements of people with employers, their mentors and meetings, and retention follow-ups.

A placement is a person proposed for an offer; the employer accepts or declines, the person
starts and finishes or breaks off (``placements/workflow.py``). Until the person agrees to meet
(``meeting_agreed_at``, recorded by the case worker) the employer sees an anonymised profile
only. Placements, mentoring meetings and follow-ups are personal data: they are read through
``placements/selectors.py``, which scopes and audits every read.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from reintegra.dates import day
from reintegra.employers.models.core import Employer, Offer
from reintegra.fields import bounded_text
from reintegra.people.models import Participant
from reintegra.text import LONG_TEXT, SHORT_TEXT


class PlacementStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted by the employer")
    DECLINED = "declined", _("declined by the employer")
    WITHDRAWN = "withdrawn", _("withdrawn")
    STARTED = "started", _("started")
    FINISHED = "finished", _("finished")
    BROKEN_OFF = "broken_off", _("broken off")


class Mentor(models.Model):
    """An employer's employee who looks after the people placed there."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="mentors", verbose_name=_("employer")
    )
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_roles",
        verbose_name=_("user account"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return self.employer.scope_organisation_ids()


class Placement(models.Model):
    """A person proposed for an offer, and what came of it."""

    offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, related_name="placements", verbose_name=_("offer")
    )
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="placements", verbose_name=_("participant")
    )
    # The name the employer knows the person by until they agree to meet: "Kandydatka 3".
    candidate_number = models.PositiveIntegerField(_("candidate number"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED
    )
    note = bounded_text(_("why the person is proposed"), limit=SHORT_TEXT, blank=True)
    starts_on = models.DateField(_("planned start"), null=True, blank=True)
    ends_on = models.DateField(_("planned end"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    mentor = models.ForeignKey(
        Mentor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentees",
        verbose_name=_("mentor"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"))
    meeting_agreed_at = models.DateTimeField(_("person agreed to meet"), null=True, blank=True)
    meeting_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreement to meet recorded by"),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    employer_rating = models.PositiveSmallIntegerField(
        _("employer's rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    employer_feedback = bounded_text(_("employer's feedback on the person"), limit=SHORT_TEXT, blank=True)
    employer_feedback_at = models.DateTimeField(_("employer's feedback recorded"), null=True, blank=True)
    participant_feedback = bounded_text(_("person's feedback on the employer"), limit=SHORT_TEXT, blank=True)
    participant_feedback_at = models.DateTimeField(_("person's feedback recorded"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["offer", "status"], name="placement_offer_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "candidate_number"], name="placement_candidate_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="placement_ends_after_start",
                violation_error_message=_("The planned end comes before the planned start."),
            ),
        ]

    def __str__(self) -> str:
        return pgettext("placement", "%(person)s — %(offer)s") % {
            "person": self.participant,
            "offer": self.offer,
        }

    def scope_organisation_ids(self) -> list[int]:
        """The organisation that keeps the person's file: its audit log holds the placement's
        entries. The employer's side reaches a placement through the selectors, never by scope,
        so an employer's administrator reading the audit log sees no person's name."""
        return [self.participant.organisation_id]


class PlacementMove(models.Model):
    """One recorded move of a placement: from, to, when, who, why."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="moves", verbose_name=_("placement")
    )
    from_status = models.CharField(
        _("status before"), max_length=12, choices=PlacementStatus.choices, blank=True
    )
    to_status = models.CharField(_("status after"), max_length=12, choices=PlacementStatus.choices)
    changed_at = models.DateTimeField(_("when"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    reason = bounded_text(_("reason"), limit=SHORT_TEXT, blank=True)

    class Meta:
        verbose_name = _("placement move")
        verbose_name_plural = _("placement moves")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '∅'} → {self.get_to_status_display()}"

    def scope_organisation_ids(self) -> list[int]:
        return self.placement.scope_organisation_ids()


class MentoringMeeting(models.Model):
    """A mentor's meeting with a person placed with the employer; its notes are personal data."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="mentoring_meetings", verbose_name=_("placement")
    )
    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("mentor")
    )
    held_on = models.DateField(_("held on"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    notes = bounded_text(_("notes"), limit=LONG_TEXT, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return gettext("Mentoring meeting on %(date)s") % {"date": day(self.held_on)}

    def scope_organisation_ids(self) -> list[int]:
        return self.placement.scope_organisation_ids()


class StillEmployed(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("could not find out")


class RetentionFollowUp(models.Model):
    """A check, 1, 3 and 6 months after a job started, that the person still works there."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("placement")
    )
    months = models.PositiveSmallIntegerField(_("months after the start"))
    due_on = models.DateField(_("due on"))
    still_employed = models.CharField(
        _("still employed"), max_length=8, choices=StillEmployed.choices, blank=True
    )
    note = bounded_text(_("note"), limit=SHORT_TEXT, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("retention follow-up")
        verbose_name_plural = _("retention follow-ups")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "months"], name="follow_up_once_per_month_mark")
        ]
        indexes = [models.Index(fields=["due_on", "recorded_at"], name="follow_up_due")]

    def __str__(self) -> str:
        return gettext("Follow-up %(months)s months after the start") % {"months": self.months}

    def scope_organisation_ids(self) -> list[int]:
        return self.placement.scope_organisation_ids()
