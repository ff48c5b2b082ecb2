"""API operations on participants: the list and search, and one participant's record (audited)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from reintegra.accounts.policy import requires_api
from reintegra.people import selectors

router = Router(tags=["people"])


class ParticipantOut(Schema):
    id: int
    organisation_id: int
    first_name: str
    last_name: str
    pesel: str
    birth_date: date
    sex: str
    gmina_id: str | None
    locality: str
    degurba: int | None
    education: int | None
    labour_status: str


class ErrorOut(Schema):
    code: str
    message: str


@router.get("/participants", response=list[ParticipantOut])
@paginate(PageNumberPagination, page_size=25)
@requires_api("participant.view")
def participant_list(request: HttpRequest, q: str = "") -> object:
    filters = selectors.ParticipantFilter(q=q)
    return selectors.participant_list_for_user(request.user, filters)  # type: ignore[arg-type]


@router.get("/participants/{participant_id}", response={200: ParticipantOut, 404: ErrorOut})
@requires_api("participant.view")
def participant_detail(request: HttpRequest, participant_id: int) -> object:
    return selectors.participant_get_for_user(request.user, participant_id)  # type: ignore[arg-type]
