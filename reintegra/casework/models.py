"""Case work: who looks after a person, the meetings with them, and the services they receive.

Each record hangs off a participant and belongs to the participant's organisation. Individual
plans are in ``reintegra.plans``; a plan's action may come from a meeting's ``NextStep``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.dates import day, moment, not_in_the_future
from reintegra.fields import bounded_text
from reintegra.people.models import FamilyMember, Participant
from reintegra.text import LONG_TEXT

# The 2025 labour-market act asks a PUP to contact a registered person at least every 30 days.
DEFAULT_CONTACT_INTERVAL_DAYS = 30
# A longer interval is a typing error: the caseload's arithmetic on dates would overflow.
MAX_CONTACT_INTERVAL_DAYS = 365


class CaseworkSettings(models.Model):
    """An organisation's case-work defaults (a per-programme override belongs in programmes)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="casework_settings",
        verbose_name=_("organisation"),
    )
    contact_interval_days = models.PositiveSmallIntegerField(
        _("contact at least every (days)"),
        default=DEFAULT_CONTACT_INTERVAL_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CONTACT_INTERVAL_DAYS)],
        help_text=_("A person not met for longer is listed on the caseload as not contacted."),
    )

    class Meta:
        verbose_name = _("case-work settings")
        verbose_name_plural = _("case-work settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_interval_days__gte=1)
                & Q(contact_interval_days__lte=MAX_CONTACT_INTERVAL_DAYS),
                name="casework_settings_contact_interval_at_most_a_year",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class CaseAssignment(models.Model):
    """A case worker looks after a person from ``assigned_on`` until ``ended_on`` (if ended).

    Ending is recorded, never deleted: the file shows who looked after the person and when.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("participant")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        verbose_name=_("case worker"),
    )
    assigned_on = models.DateField(_("assigned on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        ordering = ["-assigned_on", "pk"]
        indexes = [models.Index(fields=["worker", "ended_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "worker"],
                condition=Q(ended_on__isnull=True),
                name="case_assignment_one_active_per_worker",
                violation_error_message=_("This case worker already looks after this person."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} → {self.participant}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    def clean(self) -> None:
        if self.ended_on is not None and self.assigned_on and self.ended_on < self.assigned_on:
            raise ValidationError(
                {"ended_on": _("An assignment cannot end before it began.")}, code="ended_before_start"
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]


class MeetingKind(models.TextChoices):
    INDIVIDUAL_CONSULTATION = "individual_consultation", _("individual consultation")
    PSYCHOLOGICAL_COUNSELLING = "psychological_counselling", _("psychological counselling")
    VOCATIONAL_COUNSELLING = "vocational_counselling", _("vocational counselling")
    SOCIAL_WORK = "social_work", _("social work")
    ACCOMPANIMENT = "accompaniment", _("accompaniment meeting")
    HOME_VISIT = "home_visit", _("home visit")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")


def meeting_label(kind: str, starts_at: datetime | None) -> str:
    """How a meeting is named (in the audit log too): its kind and local time."""
    when = moment(starts_at) if starts_at else ""
    return f"{MeetingKind(kind).label if kind in MeetingKind.values else kind} {when}"


class Meeting(models.Model):
    """A meeting of a case worker with a person, or with a member of the person's family."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("participant")
    )
    family_member = models.ForeignKey(
        FamilyMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("with a family member"),
        help_text=_("Leave empty for a meeting with the person themselves."),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("case worker"),
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    kind = models.CharField(_("kind of meeting"), max_length=30, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    notes = bounded_text(_("notes"), limit=LONG_TEXT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The reminders sent of it (recipients' addresses) go with the meeting when it is removed.
    sent_messages = GenericRelation("notifications.SentMessage")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [
            # The page's order, to the last column: a deep page's keys come from the index alone.
            models.Index(fields=["participant", "-starts_at", "-id"]),
            models.Index(fields=["worker", "starts_at"]),
            models.Index(fields=["participant", "status", "-starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0),
                name="meeting_duration_positive",
                violation_error_message=_("A meeting lasts at least one minute."),
            ),
        ]

    def __str__(self) -> str:
        return meeting_label(self.kind, self.starts_at)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def local_date(self) -> date:
        return timezone.localdate(self.starts_at)

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if (
            self.family_member_id is not None
            and self.family_member is not None
            and self.family_member.participant_id != self.participant_id
        ):
            errors["family_member"] = ValidationError(
                _("Choose a family member or close contact of this person."), code="foreign_family_member"
            )
        if self.status == MeetingStatus.HELD and self.starts_at and self.starts_at > timezone.now():
            errors["starts_at"] = ValidationError(
                _("A meeting in the future cannot have been held yet; record it as planned."),
                code="held_in_future",
            )
        if errors:
            raise ValidationError(errors)

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]


class NextStep(models.Model):
    """A step agreed at a meeting; an individual plan may later take it up as one of its actions."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="next_steps", verbose_name=_("meeting")
    )
    # Kept beside the meeting so a caseload finds a person's open steps without a join.
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="next_steps", verbose_name=_("participant")
    )
    text = models.CharField(_("next step"), max_length=300)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["done", "due_on", "pk"]
        indexes = [models.Index(fields=["participant", "done", "due_on"])]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        meeting_date = timezone.localdate(self.meeting.starts_at) if self.meeting_id else None
        if self.due_on is not None and meeting_date is not None and self.due_on < meeting_date:
            raise ValidationError(
                {
                    "due_on": ValidationError(
                        _(
                            "The due date of the next step “%(text)s” (%(due)s) is before "
                            "the date of the meeting (%(meeting)s)."
                        ),
                        code="due_before_meeting",
                        params={
                            "text": self.text,
                            "due": day(self.due_on),
                            "meeting": day(meeting_date),
                        },
                    )
                }
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]


class ServiceKind(models.TextChoices):
    DENTIST = "dentist", _("dentist visit")
    BEAUTICIAN = "beautician", _("beautician visit")
    HAIRDRESSER = "hairdresser", _("hairdresser visit")
    TRAINING = "training", _("training or course")
    PSYCHOLOGICAL = "psychological", _("psychological support")
    LEGAL_ADVICE = "legal_advice", _("legal advice")
    CHILDCARE = "childcare", _("childcare")
    TRANSPORT = "transport", _("transport")
    OTHER = "other", _("other service")


class ServiceDelivery(models.Model):
    """A service the person received, from whom, and what it cost (PLN)."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="services", verbose_name=_("participant")
    )
    kind = models.CharField(_("service"), max_length=20, choices=ServiceKind.choices)
    provider_name = models.CharField(_("provider"), max_length=200, blank=True)
    provider_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisation providing it"),
    )
    delivered_on = models.DateField(_("date"), validators=[not_in_the_future])
    cost = models.DecimalField(
        _("cost (PLN)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("service delivered")
        verbose_name_plural = _("services delivered")
        ordering = ["-delivered_on", "-pk"]
        indexes = [models.Index(fields=["participant", "-delivered_on", "-id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gte=0),
                name="service_cost_not_negative",
                violation_error_message=_("The cost cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.delivered_on})"

    @property
    def provider(self) -> str:
        return self.provider_name or (str(self.provider_organisation) if self.provider_organisation else "")

    def clean(self) -> None:
        if not self.provider_name and self.provider_organisation_id is None:
            raise ValidationError(
                {
                    "provider_name": _(
                        "Name the provider, or choose the partner organisation that provided it."
                    )
                },
                code="provider_required",
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.participant.organisation_id]
