"""Staff training: an organisation's training programmes made of ordered modules (002's five
subjects, 003's four akompaniator stages), sessions of a module with the staff who attended,
the completion of a training by a staff member with its certificate, supervision sessions of
the staff (000), and the training a programme requires before a staff member may hold one of
its roles.

These are records of the staff, never of the people a programme serves. The rules of writing
are in ``services.py``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.dates import not_in_the_future
from reintegra.fields import bounded_text
from reintegra.programmes.models import Programme
from reintegra.text import SHORT_TEXT


class Training(models.Model):
    """A training programme of an organisation for its staff, made of ordered modules."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="trainings", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    description = bounded_text(_("description"), limit=SHORT_TEXT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="training_name_once_per_organisation",
                violation_error_message=_("The organisation already has a training of this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class Module(models.Model):
    """One module (a subject, a stage) of a training, in its order, with its hours."""

    training = models.ForeignKey(
        Training, on_delete=models.CASCADE, related_name="modules", verbose_name=_("training")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(500))],
    )

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["training", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "position"],
                name="module_position_once_per_training",
                violation_error_message=_("The training already has a module in this position."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def scope_organisation_ids(self) -> list[int]:
        return [self.training.organisation_id]


class TrainingSession(models.Model):
    """One class of a module: when, who teaches it and where."""

    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("module")
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    trainer = models.CharField(_("trainer"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
                violation_error_message=_("A session ends after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.module} @ {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def length_hours(self) -> Decimal:
        return Decimal((self.ends_at - self.starts_at) / timedelta(hours=1)).quantize(Decimal("0.1"))

    def scope_organisation_ids(self) -> list[int]:
        return [self.module.training.organisation_id]


class TrainingAttendance(models.Model):
    """A staff member was present at a training session."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_attendances",
        verbose_name=_("staff member"),
    )
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
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_attendance_once_per_session")
        ]
        indexes = [models.Index(fields=["user", "session"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.session}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.session.module.training.organisation_id]


class Completion(models.Model):
    """A staff member completed a training: the certificate's date, number and issuer.

    The organisation is the training's, kept here so that a certificate number is unique within it.
    """

    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="completions", verbose_name=_("training")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_completions",
        verbose_name=_("staff member"),
    )
    completed_on = models.DateField(_("completed on"), validators=[not_in_the_future])
    certificate_number = models.CharField(_("certificate number"), max_length=50)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        ordering = ["-completed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "user"],
                name="training_completed_once",
                violation_error_message=_("This person has already completed this training."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "certificate_number"],
                name="certificate_number_once_per_organisation",
                violation_error_message=_(
                    "The organisation has already issued a certificate of this number."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_number} – {self.user}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class SupervisionSession(models.Model):
    """A supervision of the staff (000): when, by whom, on what, how long, and which staff took
    part. It names no participant; cases are discussed without their data."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="supervisions", verbose_name=_("organisation")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervisions",
        verbose_name=_("programme"),
    )
    held_on = models.DateField(_("date"))
    supervisor = models.CharField(_("supervisor"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(600)]
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="supervisions", verbose_name=_("staff who took part")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("supervision session")
        verbose_name_plural = _("supervision sessions")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.topic} ({self.held_on:%Y-%m-%d})"

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class TrainingRequirement(models.Model):
    """A programme's role is held only by someone who has completed the training (of the
    programme's organisation)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="training_requirements", verbose_name=_("programme")
    )
    role = models.CharField(_("role"), max_length=40)
    training = models.ForeignKey(
        Training, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("training")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        ordering = ["programme", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "role", "training"],
                name="training_required_once_per_role",
                violation_error_message=_("The role already requires this training."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.role}: {self.training}"

    def scope_organisation_ids(self) -> list[int]:
        return [self.programme.organisation_id]
