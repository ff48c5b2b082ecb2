"""API operations on participants: the list and search, and one participant's record (audited)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

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


class ParticipantPage(Schema):
    items: list[ParticipantOut]
    count: int


@router.get("/participants", response=ParticipantPage)
@requires_api("participant.view")
def participant_list(
    request: HttpRequest,
    q: str = Query("", max_length=100),  # as the list page's search box
    page: int = 1,
) -> object:
    """Participants the user may see, 25 a page; ``count`` stops at 10,001 on a broad search."""
    filters = selectors.ParticipantFilter(q=q)
    shown = selectors.participant_page_for_user(request.user, filters, page)  # type: ignore[arg-type]
    return {"items": list(shown), "count": shown.paginator.count}


@router.get("/participants/{participant_id}", response={200: ParticipantOut, 404: ErrorOut})
@requires_api("participant.view")
def participant_detail(request: HttpRequest, participant_id: int) -> object:
    return selectors.participant_get_for_user(request.user, participant_id)  # type: ignore[arg-type]
