"""Writes of individual plans: create, save (in place or as a new version), sign, move, add an action.

Every write is one transaction, checks the access policy, validates with ``full_clean`` and is
recorded by django-auditlog. Two workers saving the same plan are told apart by ``revision``:
the first save wins, the second gets ``PlanConflictError`` and nothing of theirs is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.accounts.selectors import is_staff_of
from reintegra.dates import day
from reintegra.people.models import Participant
from reintegra.plans.models import (
    ActionStatus,
    IndividualPlan,
    PlanAction,
    PlanGoal,
    PlanSignature,
    PlanStatus,
)
from reintegra.plans.workflow import VERSIONED, check_move
from reintegra.programmes.models import Group, Programme
from reintegra.questionnaires import engine
from reintegra.questionnaires.models import Response

ACTION_FIELDS = ("what", "worker", "responsible", "starts_on", "deadline", "status")


class PlanConflictError(ValidationError):
    """Someone else saved the plan after this worker opened it."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else saved this plan while you were editing it. Your changes have not been "
                "saved; they are shown below. Compare them with the current plan and save again."
            ),
            code="conflict",
        )


@dataclass(frozen=True, kw_only=True)
class PlanData:
    """A plan's own text and dates (an unknown field is a ``TypeError``); its goals and actions
    travel apart. ``extra`` holds the fields of the plan's type, a JSON document."""

    diagnosis: str = ""
    support: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    starts_on: date
    review_on: date | None = None
    ends_on: date | None = None
    programme: Programme | None = None

    @classmethod
    def of(cls, plan: IndividualPlan) -> PlanData:
        """The plan as it is: what a save starts from, ``dataclasses.replace``-ing the changes."""
        return cls(**{name: getattr(plan, name) for name in PLAN_FIELDS})

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in PLAN_FIELDS}


PLAN_FIELDS = tuple(each.name for each in fields(PlanData))


@dataclass(frozen=True)
class GoalData:
    text: str
    achieved: bool = False
    pk: int | None = None


@dataclass(frozen=True)
class ActionData:
    what: str
    worker: User | None = None
    responsible: str = ""
    starts_on: date | None = None
    deadline: date | None = None
    status: str = ActionStatus.PLANNED
    pk: int | None = None
    next_step_id: int | None = None  # the meeting's next step (casework) the action comes from


def _check(actor: User, permission: str, scoped: Participant | Group | IndividualPlan) -> None:
    if not policy.can(actor, permission, scoped):
        raise PermissionDenied


def response_summary(response: Response) -> str:
    """A questionnaire's answers as text for a plan's diagnosis: each question and its answer."""
    definition = response.version.definition
    lines = [
        _("%(name)s, version %(number)s, filled in on %(day)s")
        % {
            "name": response.version.questionnaire.name,
            "number": response.version.number,
            "day": day(response.filled_on),
        }
    ]
    for question in engine.questions(definition):
        value = response.answers.get(question["key"])
        if engine.is_empty(value):
            continue
        lines.append(f"{question['label']}: {_answer_text(question, value)}")
    return "\n".join(lines)


def _answer_text(question: Any, value: Any) -> str:
    labels = {choice["value"]: choice["label"] for choice in question.get("choices", [])}
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(labels.get(item, item)) for item in value)
    return str(labels.get(value, value))


@transaction.atomic
def plan_create(
    *,
    actor: User,
    participant: Participant,
    plan_type_code: str,
    starts_on: date,
    programme: Programme | None = None,
    source_response: Response | None = None,
) -> IndividualPlan:
    """A draft plan of a type; from a questionnaire, its answers become the plan's diagnosis."""
    _check(actor, "casework.record", participant)
    if source_response is not None and source_response.participant_id != participant.pk:
        raise ValidationError(
            {"source_response": _("Choose a questionnaire this person filled in.")}, code="foreign_response"
        )
    plan = IndividualPlan(
        participant=participant,
        organisation_id=participant.organisation_id,
        programme=programme,
        plan_type=plan_type_code,
        starts_on=starts_on,
        source_response=source_response,
        diagnosis=response_summary(source_response) if source_response else "",
        created_by=actor,
    )
    plan.full_clean()
    plan.review_on = starts_on + timedelta(days=plan.type.review_interval_days)
    plan.save()
    return plan


@transaction.atomic
def plan_create_for_group(
    *, actor: User, group: Group, plan_type_code: str, starts_on: date
) -> IndividualPlan:
    """A draft group action plan for a cohort of a programme (model 004)."""
    _check(actor, "casework.record", group)
    plan = IndividualPlan(
        group=group,
        organisation_id=group.programme.organisation_id,
        programme=group.programme,
        plan_type=plan_type_code,
        starts_on=starts_on,
        created_by=actor,
    )
    plan.full_clean()
    plan.review_on = starts_on + timedelta(days=plan.type.review_interval_days)
    plan.save()
    return plan


@transaction.atomic
def plan_save(
    *,
    actor: User,
    plan: IndividualPlan,
    revision: int,
    data: PlanData,
    goals: list[GoalData],
    actions: list[ActionData],
) -> IndividualPlan:
    """Save a draft in place, or an agreed plan as a new draft version; refuse a stale revision.

    ``data`` is the whole plan: a field left at its default is cleared, not kept; a caller
    changing a few starts from ``PlanData.of(plan)``. Only the fields that changed are saved.

    Saving a draft clears the signatures recorded on it, so that every party signs the same text.

    The draft's guard is one conditional UPDATE on (pk, revision): of two workers saving at
    once, exactly one matches. A new version is guarded by the uniqueness of (series, number).
    """
    _check(actor, "casework.record", plan)
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("A closed plan cannot be changed."), code="closed")
    if plan.status in VERSIONED:
        return _new_version(actor, plan, revision, data, goals, actions)
    if not IndividualPlan.objects.filter(pk=plan.pk, revision=revision, status=PlanStatus.DRAFT).update(
        revision=F("revision") + 1
    ):
        raise PlanConflictError
    stored = IndividualPlan.objects.select_related("participant").get(pk=plan.pk)
    values = data.values()
    changed = [name for name, value in values.items() if getattr(stored, name) != value]
    for name in changed:
        setattr(stored, name, values[name])
    stored.full_clean()
    stored.save(update_fields=[*changed, "updated_at"])
    _sync_goals(stored, goals)
    _sync_actions(stored, actions)
    # Everyone signs the same text: a signature given before this change no longer holds.
    for signature in stored.signatures.all():
        signature.delete()
    return stored


def _new_version(
    actor: User,
    plan: IndividualPlan,
    revision: int,
    data: PlanData,
    goals: list[GoalData],
    actions: list[ActionData],
) -> IndividualPlan:
    stored = IndividualPlan.objects.filter(pk=plan.pk).values("revision").first()
    if stored is None or stored["revision"] != revision or not _is_current(plan):
        raise PlanConflictError
    old_steps = dict(plan.actions.values_list("pk", "next_step_id"))
    new = IndividualPlan(
        participant=plan.participant,
        group=plan.group,
        organisation_id=plan.organisation_id,
        plan_type=plan.plan_type,
        series=plan.series,
        number=plan.number + 1,
        previous=plan,
        source_response_id=plan.source_response_id,
        created_by=actor,
        **data.values(),
    )
    new.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            new.save()
    except IntegrityError:
        raise PlanConflictError from None
    _sync_goals(new, [replace(goal, pk=None) for goal in goals])
    _sync_actions(
        new,
        [
            replace(
                action,
                pk=None,
                next_step_id=action.next_step_id or (old_steps.get(action.pk) if action.pk else None),
            )
            for action in actions
        ],
    )
    return new


def _is_current(plan: IndividualPlan) -> bool:
    return not IndividualPlan.objects.filter(previous_id=plan.pk).exists()


def _sync_goals(plan: IndividualPlan, goals: list[GoalData]) -> None:
    existing = {goal.pk: goal for goal in plan.goals.all()}
    kept = set()
    for position, data in enumerate(goals):
        goal = existing.get(data.pk) if data.pk else None
        if goal is None:
            goal = PlanGoal(plan=plan)
        kept.add(goal.pk)
        goal.position, goal.text, goal.achieved = position, data.text, data.achieved
        _validated(goal, "goal", position)
        goal.save()
    for pk, goal in existing.items():
        if pk not in kept:
            goal.delete()


def _sync_actions(plan: IndividualPlan, actions: list[ActionData]) -> None:
    existing = {action.pk: action for action in plan.actions.all()}
    kept = set()
    workers: dict[int, bool] = {}
    for position, data in enumerate(actions):
        action = existing.get(data.pk) if data.pk else None
        if action is None:
            action = PlanAction(plan=plan, next_step_id=data.next_step_id)
        kept.add(action.pk)
        action.position = position
        for name in ACTION_FIELDS:
            setattr(action, name, getattr(data, name))
        if data.worker is not None:
            if data.worker.pk not in workers:
                workers[data.worker.pk] = is_staff_of(data.worker, plan.organisation_id)
            if not workers[data.worker.pk]:
                raise _indexed(
                    ValidationError(
                        {"worker": _("Only staff of the person's organisation can be responsible.")},
                        code="worker_not_staff",
                    ),
                    "action",
                    position,
                )
        _validated(action, "action", position)
        action.save()
    for pk, action in existing.items():
        if pk not in kept:
            action.delete()


def _validated(row: PlanGoal | PlanAction, kind: str, index: int) -> None:
    try:
        row.full_clean(exclude=["plan", "next_step"])
    except ValidationError as error:
        raise _indexed(error, kind, index) from None


def _indexed(error: ValidationError, kind: str, index: int) -> ValidationError:
    """Tag each message with the row it is about, so a form can show it on that row."""
    for errors in error.error_dict.values():
        for item in errors:
            item.params = {**(item.params or {}), kind: index}
    return error


# --- Signatures and workflow ------------------------------------------------------------


def missing_signatories(plan: IndividualPlan) -> list[str]:
    signed = set(plan.signatures.values_list("role", flat=True))
    return [role for role in plan.type.signatory_roles if role not in signed]


@transaction.atomic
def plan_sign(
    *, actor: User, plan: IndividualPlan, role: str, name: str, signed_on: date | None = None
) -> PlanSignature:
    """Record a signatory's signature on a draft; the last one needed makes the plan agreed."""
    _check(actor, "casework.record", plan)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError({"role": _("Only a draft plan is signed.")}, code="not_draft")
    if plan.signatures.filter(role=role).exists():
        raise ValidationError({"role": _("This signatory has already signed the plan.")}, code="signed")
    signature = PlanSignature(
        plan=plan,
        role=role,
        name=name.strip(),
        signed_on=signed_on or timezone.localdate(),
        recorded_by=actor,
    )
    signature.full_clean()
    signature.save()
    if not missing_signatories(plan):
        plan_move(actor=actor, plan=plan, to_status=PlanStatus.AGREED)
    return signature


@transaction.atomic
def plan_move(*, actor: User, plan: IndividualPlan, to_status: str) -> IndividualPlan:
    """Move the current version along the workflow; agreement needs every signatory of the type.

    Coming back from a review, the next review date moves on by the type's interval.
    """
    _check(actor, "casework.record", plan)
    stored = (
        IndividualPlan.objects.select_for_update(of=("self",)).select_related("participant").get(pk=plan.pk)
    )
    if not _is_current(stored):
        raise ValidationError(_("Only the newest version of a plan moves on."), code="superseded")
    check_move(stored.status, to_status)
    if to_status == PlanStatus.AGREED and (missing := missing_signatories(stored)):
        labels = ", ".join(stored.type.signatory_label(role) for role in missing)
        raise ValidationError(
            _("The plan is agreed once every party has signed; missing: %(missing)s.") % {"missing": labels},
            code="unsigned",
        )
    fields = ["status", "revision", "updated_at"]
    if stored.status == PlanStatus.UNDER_REVIEW and to_status == PlanStatus.AGREED:
        stored.review_on = timezone.localdate() + timedelta(days=stored.type.review_interval_days)
        fields.append("review_on")
    stored.status = to_status
    stored.revision += 1
    stored.save(update_fields=fields)
    return stored


# --- From a meeting's next step ---------------------------------------------------------


@transaction.atomic
def action_from_next_step(
    *,
    actor: User,
    plan: IndividualPlan,
    participant: Participant,
    text: str,
    starts_on: date,
    due_on: date | None,
    done: bool,
    next_step_id: int,
) -> IndividualPlan:
    """A meeting's next step becomes an action of the person's open plan (an agreed plan gets a
    new version). Casework passes the step's values: plans never reads casework's models.

    ``starts_on`` is the day of the meeting; a step already done is an action already done.
    """
    _check(actor, "casework.record", participant)
    if plan.participant_id != participant.pk or plan.status == PlanStatus.CLOSED:
        raise ValidationError({"plan": _("Choose an open plan of this person.")}, code="foreign_plan")
    if plan.actions.filter(next_step_id=next_step_id).exists():
        raise ValidationError({"plan": _("This step is already an action of that plan.")}, code="taken")
    goals = [GoalData(text=g.text, achieved=g.achieved, pk=g.pk) for g in plan.goals.all()]
    actions = [_action_data(action) for action in plan.actions.select_related("worker")]
    actions.append(
        ActionData(
            what=text[:500],
            worker=actor,
            starts_on=starts_on,
            deadline=due_on,
            status=ActionStatus.DONE if done else ActionStatus.PLANNED,
            next_step_id=next_step_id,
        )
    )
    return plan_save(
        actor=actor, plan=plan, revision=plan.revision, data=PlanData.of(plan), goals=goals, actions=actions
    )


def _action_data(action: PlanAction) -> ActionData:
    return ActionData(
        what=action.what,
        worker=action.worker,
        responsible=action.responsible,
        starts_on=action.starts_on,
        deadline=action.deadline,
        status=action.status,
        pk=action.pk,
        next_step_id=action.next_step_id,
    )
