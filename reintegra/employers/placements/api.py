"""API operations on placements, for the staff of the organisation that keeps the person's file:
the list, one placement, proposing a person for an offer and moving a placement along its
workflow. An employer's contacts use the pages, which show them only the anonymised profile;
this API is not theirs. A move the workflow does not allow is refused naming ``to_status``."""

# No ``from __future__ import annotations``: django-ninja reads the operations' parameter types.
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from reintegra.accounts.models import User
from reintegra.accounts.policy import requires_api
from reintegra.api_errors import Day, ErrorOut, Id, InvalidOut, Text, fields_named
from reintegra.employers.models import Placement, PlacementStatus
from reintegra.employers.placements import selectors, services
from reintegra.employers.placements.workflow import IllegalMoveError
from reintegra.people.selectors import participant_get_for_user
from reintegra.text import SHORT_TEXT

router = Router(tags=["placements"])


class PlacementMoveOut(Schema):
    from_status: str
    to_status: str
    changed_at: datetime
    changed_by: str
    reason: str


class PlacementOut(Schema):
    id: int
    participant_id: int
    participant: str
    offer_id: int
    offer: str
    employer: str
    kind: str
    status: str
    candidate_label: str
    proposed_at: datetime
    starts_on: date | None
    ends_on: date | None
    hours_per_week: int | None
    started_on: date | None
    ended_on: date | None
    meeting_agreed: bool
    mentor: str
    employer_rating: int | None
    employer_feedback: str
    participant_feedback: str


class PlacementFileOut(PlacementOut):
    moves: list[PlacementMoveOut]


class PlacementIn(Schema):
    participant_id: Id
    offer_id: Id
    note: Text = Field("", max_length=SHORT_TEXT)
    starts_on: Day | None = None
    ends_on: Day | None = None
    hours_per_week: int | None = Field(None, ge=1, le=60)


class PlacementMoveIn(Schema):
    to_status: PlacementStatus
    reason: Text = Field("", max_length=SHORT_TEXT)
    on: Day | None = None


def _item(placement: Placement) -> dict[str, Any]:
    offer = placement.offer
    return {
        "id": placement.pk,
        "participant_id": placement.participant_id,
        "participant": str(placement.participant),
        "offer_id": offer.pk,
        "offer": str(offer),
        "employer": str(offer.employer),
        "kind": offer.kind,
        "status": placement.status,
        "candidate_label": selectors.candidate_label(placement),
        "proposed_at": placement.proposed_at,
        "starts_on": placement.starts_on,
        "ends_on": placement.ends_on,
        "hours_per_week": placement.hours_per_week,
        "started_on": placement.started_on,
        "ended_on": placement.ended_on,
        "meeting_agreed": placement.meeting_agreed_at is not None,
        "mentor": placement.mentor.name if placement.mentor else "",
        "employer_rating": placement.employer_rating,
        "employer_feedback": placement.employer_feedback,
        "participant_feedback": placement.participant_feedback,
    }


def _file(placement: Placement) -> dict[str, Any]:
    moves = [
        {
            "from_status": move.from_status,
            "to_status": move.to_status,
            "changed_at": move.changed_at,
            "changed_by": str(move.changed_by or ""),
            "reason": move.reason,
        }
        for move in placement.moves.select_related("changed_by").order_by("changed_at", "pk")
    ]
    return {**_item(placement), "moves": moves}


@router.get("/placements", response=list[PlacementOut])
@requires_api("placement.view")
def placement_list(request: HttpRequest, status: PlacementStatus | None = None) -> list[dict[str, Any]]:
    """The placements of the people the user's organisations keep, newest first (at most 200)."""
    shown = selectors.placement_list_for_user(request.user, status=status or "")  # type: ignore[arg-type]
    return [_item(placement) for placement in shown]


@router.post("/placements", response={201: PlacementFileOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("placement.propose")
@fields_named(participant="participant_id", offer="offer_id")
def placement_create(request: HttpRequest, payload: PlacementIn) -> object:
    """Proposes a person (with the consent to showing a profile to employers) for an open offer."""
    user: User = request.user  # type: ignore[assignment]
    person = participant_get_for_user(user, payload.participant_id, permission="placement.propose")
    offer = selectors.offer_for_staff(user, payload.offer_id)
    placement = services.placement_propose(
        actor=user,
        participant=person,
        offer=offer,
        note=payload.note,
        terms=services.PlacementTerms(
            starts_on=payload.starts_on, ends_on=payload.ends_on, hours_per_week=payload.hours_per_week
        ),
    )
    return Status(201, _file(selectors.placement_get_for_user(user, placement.pk)))


@router.get("/placements/{placement_id}", response={200: PlacementFileOut, 404: ErrorOut})
@requires_api("placement.view")
def placement_detail(request: HttpRequest, placement_id: int) -> object:
    return _file(selectors.placement_get_for_user(request.user, placement_id))  # type: ignore[arg-type]


@router.post(
    "/placements/{placement_id}/move", response={200: PlacementFileOut, 400: InvalidOut, 404: ErrorOut}
)
@requires_api("placement.propose")
def placement_move(request: HttpRequest, placement_id: int, payload: PlacementMoveIn) -> object:
    """Moves the placement to ``to_status`` with a reason (needed to decline or break off)."""
    user: User = request.user  # type: ignore[assignment]
    placement = selectors.placement_get_for_user(user, placement_id, permission="placement.propose")
    try:
        services.placement_move(
            actor=user, placement=placement, to_status=payload.to_status, reason=payload.reason, on=payload.on
        )
    except IllegalMoveError as error:
        raise ValidationError({"to_status": [str(error)]}, code="illegal_move") from None
    return _file(selectors.placement_get_for_user(user, placement.pk))
