"""The exit record and the follow-ups after it.

The exit record keeps the person's situation on leaving (EFS+ "upon leaving", collected within
four weeks); the follow-ups at 3, 6 and 12 months keep it later (EFS+ needs the 6 months). Both are
personal data: they are read through the outcomes selectors, which scope and audit every read.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.programmes.models import Enrolment


class EmploymentForm(models.TextChoices):
    """Employment as the EFS+ guidelines count it: a contract of employment, a civil-law contract
    or one's own business."""

    EMPLOYMENT_CONTRACT = "employment_contract", _("contract of employment")
    CIVIL_LAW = "civil_law", _("civil-law contract")
    SELF_EMPLOYMENT = "self_employment", _("own business")
    OTHER = "other", _("other form of work")


class ExitRecord(models.Model):
    """The person's situation on leaving a programme; a person may be in several at once."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="exit_record", verbose_name=_("enrolment")
    )
    left_on = models.DateField(_("left on"))
    planned_completion = models.BooleanField(_("completed as planned"))
    job_seeking = models.BooleanField(_("seeking work"), default=False)
    in_education = models.BooleanField(_("in education or training"), default=False)
    qualification_gained = models.BooleanField(_("gained a qualification"), default=False)
    qualification_document = models.CharField(_("document of the qualification"), max_length=200, blank=True)
    employed = models.BooleanField(_("in employment (incl. own business)"), default=False)
    employment_form = models.CharField(
        _("form of employment"), max_length=20, choices=EmploymentForm.choices, blank=True
    )
    weekly_hours = models.DecimalField(
        _("hours a week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    other_situation = models.BooleanField(_("none of these (e.g. inactive)"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("exit record")
        verbose_name_plural = _("exit records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(job_seeking=True)
                | models.Q(in_education=True)
                | models.Q(qualification_gained=True)
                | models.Q(employed=True)
                | models.Q(other_situation=True),
                name="exit_record_has_a_situation",
                violation_error_message=_("Choose the person's situation on leaving."),
            ),
        ]
        indexes = [models.Index(fields=["left_on"])]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.left_on}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.enrolment.programme.organisation_id]


class FollowUpStatus(models.TextChoices):
    DUE = "due", _("due")
    DONE = "done", pgettext_lazy("follow-up", "recorded")
    UNREACHABLE = "unreachable", _("could not be reached")


class FollowUpChannel(models.TextChoices):
    PHONE = "phone", _("by phone")
    BY_THE_PERSON = "by_the_person", _("by the person herself")
    MEETING = "meeting", _("at a meeting")
    OTHER = "other", _("other")


class Improvement(models.TextChoices):
    """An improved labour-market situation as EFS+ counts it (a pay rise alone does not count)."""

    STABLE = "stable", _("from precarious to stable employment")
    FULL_TIME = "full_time", _("from under-employment to full employment")
    HIGHER_COMPETENCE = "higher_competence", _("to work needing higher competences")
    PROMOTION = "promotion", _("promoted")


FOLLOW_UP_MONTHS = (3, 6, 12)


class FollowUp(models.Model):
    """The person's situation some months after the exit, due on ``due_on``."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("enrolment")
    )
    months = models.PositiveSmallIntegerField(
        _("months after the exit"), choices=[(m, str(m)) for m in FOLLOW_UP_MONTHS]
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.DUE
    )
    contacted_on = models.DateField(_("contacted on"), null=True, blank=True)
    channel = models.CharField(_("how"), max_length=15, choices=FollowUpChannel.choices, blank=True)
    employed = models.BooleanField(_("in employment (incl. own business)"), default=False)
    employment_form = models.CharField(
        _("form of employment"), max_length=20, choices=EmploymentForm.choices, blank=True
    )
    weekly_hours = models.DecimalField(
        _("hours a week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )
    job_seeking = models.BooleanField(_("seeking work"), default=False)
    in_education = models.BooleanField(_("in education or training"), default=False)
    improvement = models.CharField(
        _("improved situation"), max_length=20, choices=Improvement.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "months"], name="outcomes_follow_up_once_per_mark"),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="outcomes_follow_up_due")]

    def __str__(self) -> str:
        return f"{self.enrolment}: +{self.months}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.enrolment.programme.organisation_id]
