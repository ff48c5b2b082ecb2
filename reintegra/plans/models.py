"""Individual and group plans: a plan of a type from ``data/plan_types.json``, its goals, its
actions (an action may come from a meeting's next step in casework) and its signatures,
versioned once agreed.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.accounts.models import Organisation
from reintegra.dates import day
from reintegra.fields import bounded_text
from reintegra.people.models import Participant
from reintegra.plans.plan_types import PlanType, extra_problems, plan_type, plan_types
from reintegra.programmes.models import Group, Programme
from reintegra.questionnaires.models import Response
from reintegra.text import LONG_TEXT


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "draft")
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
    diagnosis = bounded_text(_("diagnosis"), limit=LONG_TEXT, blank=True)
    support = bounded_text(_("support to be given"), limit=LONG_TEXT, blank=True)
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
    # By name: casework imports plans (the caseload shows plans due), never the other way round.
    next_step = models.ForeignKey(
        "casework.NextStep",
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
                            "deadline": day(self.deadline),
                            "start": day(self.starts_on),
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
