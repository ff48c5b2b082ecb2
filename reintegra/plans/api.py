"""API operations on individual plans: a person's plans, one plan with its goals, actions,
signatures and versions, a new draft, a save, a signature and a move along the workflow.

As on the pages: reads go through the selectors (which log them), writes through the services
(audited). A save carries the ``revision`` of the plan as it was read: if someone saved it
since, nothing is written and the answer is 409 ``conflict``; read the plan again and apply the
changes to it. Saving an agreed plan makes a new draft version (another ``id``, ``number`` + 1);
the agreed one stays as it was. A move the workflow does not allow is 409 ``illegal_move``.
"""

# No ``from __future__ import annotations``: django-ninja reads the operations' parameter types
# through the policy's decorators, whose module cannot resolve this one's names from strings.

from datetime import date, datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from reintegra.accounts import policy
from reintegra.accounts import selectors as account_selectors
from reintegra.accounts.models import User
from reintegra.accounts.policy import requires_api
from reintegra.api_errors import Day, ErrorOut, Id, InvalidInputError, InvalidOut, Text, fields_named
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user
from reintegra.plans import selectors, services
from reintegra.plans.models import ActionStatus, IndividualPlan, PlanStatus
from reintegra.plans.selectors import PlanFile
from reintegra.plans.workflow import next_statuses
from reintegra.programmes.models import Programme
from reintegra.questionnaires.models import Response

router = Router(tags=["plans"])

TEXT_MAX = 20_000
GOALS_MAX = 50
ACTIONS_MAX = 100
ROWS = {"goal": "goals", "action": "actions"}


# --- Schemas ----------------------------------------------------------------------------


class PlanFields(Schema):
    id: int
    number: int
    status: PlanStatus
    revision: int
    plan_type: str
    plan_type_name: str
    participant_id: int | None
    programme_id: int | None
    starts_on: date
    review_on: date | None
    ends_on: date | None


class PlanSummaryOut(PlanFields):
    @staticmethod
    def resolve_plan_type_name(plan: IndividualPlan) -> str:
        return plan.type.name


class PlanList(Schema):
    items: list[PlanSummaryOut]
    count: int


class GoalOut(Schema):
    id: int
    position: int
    text: str
    achieved: bool


class ActionOut(Schema):
    id: int
    position: int
    what: str
    worker_id: int | None
    responsible: str
    starts_on: date | None
    deadline: date | None
    status: ActionStatus
    next_step_id: int | None


class SignatureOut(Schema):
    id: int
    role: str
    role_label: str
    name: str
    signed_on: date
    recorded_by_id: int | None


class VersionOut(Schema):
    id: int
    number: int
    status: PlanStatus
    starts_on: date


class PlanOut(PlanFields):
    # Not a PlanSummaryOut: its resolver would read the type's name from the dict ``_plan_out`` gives.
    series: UUID
    organisation_id: int
    group_id: int | None
    source_response_id: int | None
    diagnosis: str
    support: str
    extra: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    is_current: bool
    goals: list[GoalOut]
    actions: list[ActionOut]
    signatures: list[SignatureOut]
    missing_signatories: list[str] = Field(description="The roles of the type that have not signed yet.")
    moves: list[PlanStatus] = Field(description="The statuses the user may move this plan to.")
    versions: list[VersionOut] = Field(description="Every version of the plan, newest first.")


class PlanCreateIn(Schema):
    plan_type: Text = Field(max_length=30, description="A code of a plan type for a person (IPD, IPZS…).")
    starts_on: Day
    programme_id: Id | None = Field(None, description="A programme the person is enrolled in.")
    source_response_id: Id | None = Field(
        None, description="A questionnaire the person filled in: its answers become the diagnosis."
    )


class GoalIn(Schema):
    id: Id | None = Field(None, description="An existing goal of this plan; empty for a new one.")
    text: Text = Field(min_length=1, max_length=500)
    achieved: bool = False


class ActionIn(Schema):
    id: Id | None = Field(None, description="An existing action of this plan; empty for a new one.")
    what: Text = Field(min_length=1, max_length=500)
    worker_id: Id | None = Field(None, description="A staff member of the plan's organisation.")
    responsible: Text = Field("", max_length=200)
    starts_on: Day | None = None
    deadline: Day | None = None
    status: ActionStatus = ActionStatus.PLANNED


class PlanIn(Schema):
    """The whole plan: a field left out is cleared, a goal or action left out is removed."""

    revision: int = Field(ge=1, description="The revision of the plan as it was read.")
    starts_on: Day
    review_on: Day | None = None
    ends_on: Day | None = None
    diagnosis: Text = Field("", max_length=TEXT_MAX)
    support: Text = Field("", max_length=TEXT_MAX)
    extra: dict[Text, Text] = Field(default_factory=dict, description="The fields of the plan's type.")
    goals: list[GoalIn] = Field(default_factory=list, max_length=GOALS_MAX)
    actions: list[ActionIn] = Field(default_factory=list, max_length=ACTIONS_MAX)


class SignatureIn(Schema):
    role: Text = Field(max_length=40, description="A signatory of the plan's type.")
    name: Text = Field(min_length=1, max_length=200)
    signed_on: Day | None = Field(None, description="Today if empty.")


class MoveIn(Schema):
    to: PlanStatus


# --- Reads ------------------------------------------------------------------------------


def _plan_out(user: User, file: PlanFile) -> dict[str, Any]:
    plan = file.plan
    versions = list(selectors.versions_of(plan))
    is_current = versions[0].pk == plan.pk
    signed = {signature.role for signature in file.signatures}
    can_record = policy.can(user, "casework.record", plan)
    return {
        **PlanSummaryOut.model_validate(plan).model_dump(),
        "series": plan.series,
        "organisation_id": plan.organisation_id,
        "group_id": plan.group_id,
        "source_response_id": plan.source_response_id,
        "diagnosis": plan.diagnosis,
        "support": plan.support,
        "extra": plan.extra,
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
        "is_current": is_current,
        "goals": [GoalOut.model_validate(goal) for goal in file.goals],
        "actions": [ActionOut.model_validate(action) for action in file.actions],
        "signatures": [SignatureOut.model_validate(signature) for signature in file.signatures],
        "missing_signatories": [role for role in plan.type.signatory_roles if role not in signed],
        "moves": next_statuses(plan.status) if can_record and is_current else [],
        "versions": [VersionOut.model_validate(version) for version in versions],
    }


@router.get("/participants/{participant_id}/plans", response={200: PlanList, 404: ErrorOut})
@requires_api("casework.view")
def plan_list(request: HttpRequest, participant_id: int) -> object:
    """A person's plans, the newest version of each, newest first (at most 100)."""
    _participant, plans = selectors.person_plans_for_user(request.user, participant_id)  # type: ignore[arg-type]
    return {"items": plans, "count": len(plans)}


@router.get("/plans/{plan_id}", response={200: PlanOut, 404: ErrorOut})
@requires_api("casework.view")
def plan_detail(request: HttpRequest, plan_id: int) -> object:
    """A plan (any version) with its goals, actions, signatures and the list of its versions."""
    user: User = request.user  # type: ignore[assignment]
    return _plan_out(user, selectors.plan_file_for_user(user, plan_id))


# --- Writes -----------------------------------------------------------------------------


def _programme(participant: Participant, pk: int | None) -> Programme | None:
    if pk is None:
        return None
    programme = selectors.programmes_of(participant).filter(pk=pk).first()
    if programme is None:
        raise InvalidInputError({"programme_id": [_("Choose a programme the person is enrolled in.")]})
    return programme


def _response(participant: Participant, pk: int | None) -> Response | None:
    if pk is None:
        return None
    response = selectors.responses_for_plan(participant).filter(pk=pk).first()
    if response is None:
        raise InvalidInputError({"source_response_id": [_("Choose a questionnaire this person filled in.")]})
    return response


@router.post("/participants/{participant_id}/plans", response={201: PlanOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("casework.record")
@fields_named(programme="programme_id", source_response="source_response_id")
def plan_create(request: HttpRequest, participant_id: int, payload: PlanCreateIn) -> object:
    """A draft plan of a type; its next review follows from the type's interval."""
    user: User = request.user  # type: ignore[assignment]
    participant = participant_get_for_user(user, participant_id, permission="casework.record")
    plan = services.plan_create(
        actor=user,
        participant=participant,
        plan_type_code=payload.plan_type,
        starts_on=payload.starts_on,
        programme=_programme(participant, payload.programme_id),
        source_response=_response(participant, payload.source_response_id),
    )
    return Status(201, _plan_out(user, selectors.plan_file_for_user(user, plan.pk)))


def _workers(plan: IndividualPlan, actions: list[ActionIn]) -> dict[int, User]:
    """The responsible workers named, each of whom must be staff of the plan's organisation."""
    wanted = {action.worker_id for action in actions if action.worker_id is not None}
    found = {
        worker.pk: worker for worker in account_selectors.staff_of(plan.organisation_id).filter(pk__in=wanted)
    }
    refused = {
        f"actions[{index}].worker_id": [_("Only staff of the person's organisation can be responsible.")]
        for index, action in enumerate(actions)
        if action.worker_id is not None and action.worker_id not in found
    }
    if refused:
        raise InvalidInputError(refused)
    return found


@router.put("/plans/{plan_id}", response={200: PlanOut, 400: InvalidOut, 404: ErrorOut, 409: ErrorOut})
@requires_api("casework.record")
@fields_named(worker="worker_id", rows=ROWS)
def plan_update(request: HttpRequest, plan_id: int, payload: PlanIn) -> object:
    """Save the whole plan: a draft in place (its signatures are cleared: everyone signs the same
    text), an agreed plan or one under review as a new draft version."""
    user: User = request.user  # type: ignore[assignment]
    plan = selectors.plan_get_for_user(user, plan_id, permission="casework.record")
    workers = _workers(plan, payload.actions)
    saved = services.plan_save(
        actor=user,
        plan=plan,
        revision=payload.revision,
        data=services.PlanData(
            diagnosis=payload.diagnosis,
            support=payload.support,
            extra={key: value for key, value in payload.extra.items() if value != ""},
            starts_on=payload.starts_on,
            review_on=payload.review_on,
            ends_on=payload.ends_on,
            programme=plan.programme,
        ),
        goals=[services.GoalData(goal.text.strip(), goal.achieved, goal.id) for goal in payload.goals],
        actions=[
            services.ActionData(
                what=action.what.strip(),
                worker=workers.get(action.worker_id) if action.worker_id is not None else None,
                responsible=action.responsible.strip(),
                starts_on=action.starts_on,
                deadline=action.deadline,
                status=action.status,
                pk=action.id,
            )
            for action in payload.actions
        ],
    )
    return _plan_out(user, selectors.plan_file_for_user(user, saved.pk))


@router.post("/plans/{plan_id}/signatures", response={201: PlanOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("casework.record")
def plan_sign(request: HttpRequest, plan_id: int, payload: SignatureIn) -> object:
    """Record a signatory's signature on a draft; the last one needed makes the plan agreed."""
    user: User = request.user  # type: ignore[assignment]
    plan = selectors.plan_get_for_user(user, plan_id, permission="casework.record")
    services.plan_sign(
        actor=user, plan=plan, role=payload.role, name=payload.name, signed_on=payload.signed_on
    )
    return Status(201, _plan_out(user, selectors.plan_file_for_user(user, plan.pk)))


@router.post("/plans/{plan_id}/move", response={200: PlanOut, 400: InvalidOut, 404: ErrorOut, 409: ErrorOut})
@requires_api("casework.record")
def plan_move(request: HttpRequest, plan_id: int, payload: MoveIn) -> object:
    """Move the newest version along the workflow (``moves`` in the plan says where it may go)."""
    user: User = request.user  # type: ignore[assignment]
    plan = selectors.plan_get_for_user(user, plan_id, permission="casework.record")
    services.plan_move(actor=user, plan=plan, to_status=payload.to)
    return _plan_out(user, selectors.plan_file_for_user(user, plan.pk))
