"""API operations of matching: a person's matched offers and an offer's matched people, each
suggestion with its explanation (factor, value, weight) in the user's language. Staff only: an
employer contact is refused, a person or offer the user may not see is a 404."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from reintegra.accounts.policy import requires_api
from reintegra.api_errors import ErrorOut
from reintegra.employers.matching import selectors

router = Router(tags=["matching"])


class FactorOut(Schema):
    code: str
    name: str
    value: float
    weight: float
    contribution: float
    explanation: str


class OverrideOut(Schema):
    action: str
    reason: str
    made_by: str | None
    made_at: datetime


class MatchOut(Schema):
    participant_id: int
    offer_id: int
    score: float | None
    promoted: bool
    factors: list[FactorOut]
    exclusions: list[str]
    override: OverrideOut | None


class OfferMatchOut(MatchOut):
    offer: str
    employer: str


class PersonMatchOut(MatchOut):
    participant: str


class ParticipantMatchesOut(Schema):
    participant_id: int
    has_job_profile: bool
    considered: int
    items: list[OfferMatchOut]
    hidden: list[OfferMatchOut]


class OfferMatchesOut(Schema):
    offer_id: int
    considered: int
    items: list[PersonMatchOut]
    hidden: list[PersonMatchOut]


def _match(match: selectors.Match) -> dict[str, object]:
    override = match.override
    return {
        "participant_id": match.participant_id,
        "offer_id": match.offer_id,
        "score": match.score,
        "promoted": match.promoted,
        "factors": [vars(factor) for factor in match.factors],
        "exclusions": match.exclusions,
        "override": None
        if override is None
        else {
            "action": override.action,
            "reason": override.reason,
            "made_by": str(override.created_by) if override.created_by else None,
            "made_at": override.created_at,
        },
    }


def _offer_match(match: selectors.Match) -> dict[str, object]:
    assert match.offer is not None
    return _match(match) | {"offer": str(match.offer), "employer": str(match.offer.employer)}


def _person_match(match: selectors.Match) -> dict[str, object]:
    return _match(match) | {"participant": str(match.participant)}


@router.get("/participants/{participant_id}/matches", response={200: ParticipantMatchesOut, 404: ErrorOut})
@requires_api("match.view")
def participant_matches(request: HttpRequest, participant_id: int) -> object:
    """The open offers best for the person, promoted ones first, with their explanations."""
    found = selectors.matches_for_participant(request.user, participant_id)  # type: ignore[arg-type]
    return {
        "participant_id": found.participant.pk,
        "has_job_profile": found.profile is not None,
        "considered": found.matches.considered,
        "items": [_offer_match(match) for match in found.matches.shown],
        "hidden": [_offer_match(match) for match in found.matches.hidden],
    }


@router.get("/offers/{offer_id}/matches", response={200: OfferMatchesOut, 404: ErrorOut})
@requires_api("match.view")
def offer_matches(request: HttpRequest, offer_id: int) -> object:
    """The people best for the offer among those whose files the user sees (each a read)."""
    found = selectors.matches_for_offer(request.user, offer_id)  # type: ignore[arg-type]
    return {
        "offer_id": found.offer.pk,
        "considered": found.matches.considered,
        "items": [_person_match(match) for match in found.matches.shown],
        "hidden": [_person_match(match) for match in found.matches.hidden],
    }
