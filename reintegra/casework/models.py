"""Case work: who looks after a person, the meetings with them, and the services they receive.

Each record hangs off a participant and belongs to the participant's organisation. Individual
plans live here too: a plan of a type from ``data/plan_types.json``, its goals, its actions (an
action may come from a meeting's ``NextStep``) and its signatures, versioned once agreed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.casework.plan_types import PlanType, extra_problems, plan_type, plan_types
from reintegra.people.models import FamilyMember, Participant
from reintegra.programmes.models import Group, Programme
from reintegra.questionnaires.models import Response

# The 2025 labour-market act asks a PUP to contact a registered person at least every 30 days.
DEFAULT_CONTACT_INTERVAL_DAYS = 30


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
        validators=[MinValueValidator(1)],
        help_text=_("A person not met for longer is listed on the caseload as not contacted."),
    )

    class Meta:
        verbose_name = _("case-work settings")
        verbose_name_plural = _("case-work settings")

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
    when = timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M") if starts_at else ""
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
        _("duration (minutes)"), validators=[MinValueValidator(1)]
    )
    kind = models.CharField(_("kind of meeting"), max_length=30, choices=MeetingKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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
                            "due": self.due_on.isoformat(),
                            "meeting": meeting_date.isoformat(),
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
    delivered_on = models.DateField(_("date"))
    cost = models.DecimalField(
        _("cost (PLN)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    notes = models.TextField(_("notes"), blank=True)
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


# --- Individual plans -------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    AGREED = "agreed", _("agreed")
    UNDER_REVIEW = "under_review", _("under review")
    CLOSED = "closed", _("closed")


def plan_label(code: str, number: int) -> str:
    """How a plan version is named (in the audit log too): its type and version."""
    return f"{plan_type(code).name} v{number}"


class IndividualPlan(models.Model):
    """One version of a person's plan (IPD, IPZS, IPU, IPWzB…); its type is a code of plan_types.json.

    A group action plan (model 004) is the same record for a programme's group instead of a
    person: exactly one of ``participant`` and ``group`` is set, and the type must fit it.

    A change after agreement is a new version (same ``series``, ``number`` + 1, ``previous`` the
    old one); the old version is never written again. ``revision`` counts saves of this version:
    a save that does not carry the current revision is a conflict, never a silent overwrite.
    """

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("participant"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("group"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    plan_type = models.CharField(_("plan type"), max_length=30)
    series = models.UUIDField(_("series"), default=uuid4, editable=False)
    number = models.PositiveIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("previous version"),
    )
    status = models.CharField(
        _("status"), max_length=15, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    source_response = models.ForeignKey(
        Response,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from questionnaire"),
    )
    diagnosis = models.TextField(_("diagnosis"), blank=True)
    support = models.TextField(_("support to be given"), blank=True)
    extra = models.JSONField(_("fields of the plan type"), default=dict, blank=True)
    starts_on = models.DateField(_("start date"))
    review_on = models.DateField(_("next review"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("individual plan")
        verbose_name_plural = _("individual plans")
        ordering = ["-starts_on", "-number", "-pk"]
        indexes = [
            models.Index(fields=["participant", "-starts_on"]),
            models.Index(fields=["status", "review_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="plan_version_unique"),
            models.CheckConstraint(
                condition=Q(participant__isnull=False, group__isnull=True)
                | Q(participant__isnull=True, group__isnull=False),
                name="plan_for_a_person_or_a_group",
                violation_error_message=_("A plan is either a person's or a group's."),
            ),
        ]

    def __str__(self) -> str:
        return plan_label(self.plan_type, self.number)

    @property
    def type(self) -> PlanType:
        return plan_type(self.plan_type)

    @property
    def subject(self) -> Participant | Group | None:
        """Whom the plan is for: the person, or the group."""
        return self.participant if self.participant_id else self.group

    @property
    def is_current(self) -> bool:
        return not hasattr(self, "next_version")

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.plan_type not in plan_types():
            errors["plan_type"] = ValidationError(_("Choose one of the plan types."), code="unknown_type")
        elif self.type.applies_to != ("group" if self.group_id else "person"):
            errors["plan_type"] = ValidationError(
                _("This plan type is for a person.")
                if self.group_id
                else _("This plan type is for a group."),
                code="wrong_subject",
            )
        elif problems := extra_problems(self.type, self.extra):
            errors["extra"] = [ValidationError(text, code="extra_field") for text in problems.values()]
        if self.starts_on and self.review_on and self.review_on < self.starts_on:
            errors["review_on"] = ValidationError(
                _("The review date cannot be before the start date."), code="review_before_start"
            )
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = ValidationError(
                _("The end date cannot be before the start date."), code="end_before_start"
            )
        errors.update(self._organisation_errors())
        if errors:
            raise ValidationError(errors)

    def _organisation_errors(self) -> dict[str, ValidationError]:
        """A plan belongs to the organisation of its person, or of its group's programme."""
        group = self.group if self.group_id else None
        participant = self.participant if self.participant_id else None
        if group is not None and group.programme.organisation_id != self.organisation_id:
            message = _("A group plan belongs to the organisation running the programme.")
        elif participant is not None and participant.organisation_id != self.organisation_id:
            message = _("A plan belongs to the person's organisation.")
        else:
            return {}
        return {"organisation": ValidationError(message, code="foreign_organisation")}

    def scope_organisation_ids(self) -> list[int]:
        return [self.organisation_id]


class PlanGoal(models.Model):
    plan = models.ForeignKey(
        IndividualPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("goal"), max_length=500)
    achieved = models.BooleanField(_("achieved"), default=False)

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    def scope_organisation_ids(self) -> list[int]:
        return [self.plan.organisation_id]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class PlanAction(models.Model):
    """What is to be done, by whom (a worker, or anyone named in words), from when and by when."""

    plan = models.ForeignKey(
        IndividualPlan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    what = models.CharField(_("action"), max_length=500)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("responsible worker"),
    )
    responsible = models.CharField(
        _("responsible (other)"),
        max_length=200,
        blank=True,
        help_text=_("The person themselves, a partner, a family member…"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    next_step = models.ForeignKey(
        NextStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("from the next step"),
    )

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["plan", "position", "pk"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.what

    @property
    def who(self) -> str:
        return str(self.worker) if self.worker_id else self.responsible

    def clean(self) -> None:
        if self.starts_on and self.deadline and self.deadline < self.starts_on:
            raise ValidationError(
                {
                    "deadline": ValidationError(
                        _("The deadline of “%(what)s” (%(deadline)s) is before its start (%(start)s)."),
                        code="deadline_before_start",
                        params={
                            "what": self.what,
                            "deadline": self.deadline.isoformat(),
                            "start": self.starts_on.isoformat(),
                        },
                    )
                }
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.plan.organisation_id]


class PlanSignature(models.Model):
    """A signatory of the plan's type signed (on paper; the date and name are recorded here)."""

    plan = models.ForeignKey(
        IndividualPlan, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("plan")
    )
    role = models.CharField(_("signatory"), max_length=40)
    name = models.CharField(_("name of the person signing"), max_length=200)
    signed_on = models.DateField(_("signed on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("plan signature")
        verbose_name_plural = _("plan signatures")
        ordering = ["plan", "signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "role"],
                name="plan_signature_one_per_role",
                violation_error_message=_("This signatory has already signed the plan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.signed_on})"

    @property
    def role_label(self) -> str:
        return self.plan.type.signatory_label(self.role)

    def clean(self) -> None:
        if self.plan_id and self.role not in self.plan.type.signatory_roles:
            raise ValidationError(
                {"role": _("This plan type is not signed by that party.")}, code="unknown_signatory"
            )

    def scope_organisation_ids(self) -> list[int]:
        return [self.plan.organisation_id]
