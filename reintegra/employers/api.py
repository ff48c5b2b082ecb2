"""API operations on offers: the list (filtered, 25 a page), one offer, a new one, a change and
the moves along its workflow (open, close).

The same access functions as the pages decide: the keeping organisation's staff and its
partnership's staff read an employer's offers, its coordinators and case workers and the
employer's own contacts write them; an offer out of reach is 404, as one that does not exist.
Writes go through the services (checked, validated, audited); a refused field is named as the
API names it (``site_id``, ``occupation_code``). A move the workflow does not allow is 409
``illegal_move``. Offers hold no personal data.
"""

# No ``from __future__ import annotations``: django-ninja reads the operations' parameter types
# through the policy's decorators, whose module cannot resolve this one's names from strings.

from dataclasses import replace
from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from reintegra.accounts.models import User
from reintegra.accounts.policy import requires_api
from reintegra.api_errors import Day, ErrorOut, Id, InvalidInputError, InvalidOut, Text, fields_named
from reintegra.employers import selectors, services
from reintegra.employers.models import ContractType, Occupation, Offer, OfferKind, OfferStatus, Shift
from reintegra.employers.skills import SKILL_MAX_LENGTH, SKILLS_MAX
from reintegra.pagination import CappedPaginator

router = Router(tags=["offers"])
PAGE_SIZE = 25

Skill = Text  # each bounded below by the list's item schema


SkillText = Annotated[Text, Field(max_length=SKILL_MAX_LENGTH)]


class OfferOut(Schema):
    id: int
    employer_id: int
    employer: str
    site_id: int
    site: str
    gmina: str = Field(description="The TERC code of the site's gmina.")
    kind: OfferKind
    status: OfferStatus
    title: str
    occupation_code: str | None = Field(description="The KZiS code; empty for an occupation in words.")
    occupation_name: str
    occupation_text: str
    without_kzis_code: bool = Field(description="The occupation is not coded (bez kodu KZiS).")
    description: str
    required_skills: list[str]
    nice_skills: list[str]
    hours_per_week: int
    shifts: list[str]
    contract_type: ContractType
    needs_driving_licence: bool
    needs_car: bool
    places: int
    starts_on: date | None
    duration_months: int | None
    created_at: datetime
    closed_at: datetime | None


class OfferPage(Schema):
    items: list[OfferOut]
    count: int
    page: int
    has_next: bool


class OfferDetailsIn(Schema):
    """What an offer says besides its place, kind, hours, contract and places."""

    title: Text | None = Field(None, max_length=200)
    occupation_code: Text | None = Field(
        None, max_length=6, description="A loaded KZiS code; empty with an occupation in words."
    )
    occupation_text: Text | None = Field(None, max_length=200)
    description: Text | None = Field(None, max_length=5_000)
    required_skills: list[SkillText] | None = Field(None, max_length=SKILLS_MAX * 2)
    nice_skills: list[SkillText] | None = Field(None, max_length=SKILLS_MAX * 2)
    shifts: list[Shift] | None = Field(None, max_length=len(Shift))
    needs_driving_licence: bool | None = None
    needs_car: bool | None = None
    starts_on: Day | None = None
    duration_months: int | None = Field(
        None, ge=1, le=36, description="An internship: 2 if not given, at most INTERNSHIP_MAX_MONTHS."
    )


class OfferIn(OfferDetailsIn):
    """A new offer of an employer at one of its sites."""

    employer_id: Id
    site_id: Id
    kind: OfferKind
    hours_per_week: int = Field(ge=1, le=60)
    contract_type: ContractType
    places: int = Field(ge=0, le=1000)
    publish: bool = Field(False, description="Open the offer at once instead of saving a draft.")


class OfferChangesIn(OfferDetailsIn):
    """A change: a field left out stays as it is."""

    site_id: Id | None = None
    kind: OfferKind | None = None
    hours_per_week: int | None = Field(None, ge=1, le=60)
    contract_type: ContractType | None = None
    places: int | None = Field(None, ge=0, le=1000)


def _offer_out(offer: Offer) -> dict[str, Any]:
    occupation: Occupation | None = offer.occupation
    return {
        "id": offer.pk,
        "employer_id": offer.employer_id,
        "employer": offer.employer.organisation.name,
        "site_id": offer.site_id,
        "site": str(offer.site),
        "gmina": offer.site.gmina_id,
        "kind": offer.kind,
        "status": offer.status,
        "title": offer.title,
        "occupation_code": occupation.code if occupation else None,
        "occupation_name": occupation.name if occupation else "",
        "occupation_text": offer.occupation_text,
        "without_kzis_code": occupation is None,
        "description": offer.description,
        "required_skills": offer.required_skills,
        "nice_skills": offer.nice_skills,
        "hours_per_week": offer.hours_per_week,
        "shifts": offer.shifts,
        "contract_type": offer.contract_type,
        "needs_driving_licence": offer.needs_driving_licence,
        "needs_car": offer.needs_car,
        "places": offer.places,
        "starts_on": offer.starts_on,
        "duration_months": offer.duration_months,
        "created_at": offer.created_at,
        "closed_at": offer.closed_at,
    }


def _data(user: User, base: services.OfferData | None, changes: dict[str, Any]) -> services.OfferData:
    """The service's input from the base offer (None: a new one) and the fields sent."""
    values: dict[str, Any] = {}
    for name in ("kind", "title", "occupation_text", "description", "hours_per_week", "contract_type"):
        if name in changes:
            values[name] = changes[name] if changes[name] is not None else ""
    for name in ("needs_driving_licence", "needs_car", "places", "starts_on", "duration_months"):
        if name in changes:
            values[name] = changes[name]
    for name in ("required_skills", "nice_skills", "shifts"):
        if name in changes:
            values[name] = tuple(changes[name] or ())
    if changes.get("site_id") is not None:
        values["site"] = selectors.site_get_for_user(user, changes["site_id"])
    if "occupation_code" in changes:
        code = (changes["occupation_code"] or "").strip()
        values["occupation"] = selectors.occupation_by_code(code) if code else None
        if code and values["occupation"] is None:
            message = _("No loaded KZiS code is %(code)s.") % {"code": code}
            raise InvalidInputError({"occupation_code": [message]})
    for name in ("kind", "hours_per_week", "contract_type", "needs_driving_licence", "needs_car", "places"):
        if name in values and values[name] is None:
            raise InvalidInputError({name: [_("This field cannot be empty.")]})
    if base is None:
        return services.OfferData(**values)
    return replace(base, **values)


@router.get("/offers", response=OfferPage)
@requires_api("offer.view")
def offer_list(
    request: HttpRequest,
    kind: OfferKind | None = None,
    status: OfferStatus | None = None,
    occupation: str = Query(
        "", max_length=6, pattern=r"^(\d*|-)$", description="A KZiS code or its beginning; '-' for uncoded."
    ),
    gmina: str = Query("", max_length=7, pattern=r"^\d*$", description="A TERC code or its beginning."),
    employer_id: int | None = None,
    page: int = 1,
) -> object:
    """The offers the user may see, latest first, 25 a page."""
    filters = selectors.OfferFilter(
        kind=kind or "", status=status or "", occupation=occupation, gmina=gmina, employer=employer_id
    )
    offers = selectors.offer_list_for_user(request.user, filters)  # type: ignore[arg-type]
    shown = CappedPaginator(offers, PAGE_SIZE).get_page(page)
    return {
        "items": [_offer_out(offer) for offer in shown],
        "count": shown.paginator.count,
        "page": shown.number,
        "has_next": shown.has_next(),
    }


@router.post("/offers", response={201: OfferOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("offer.manage")
@fields_named(site="site_id", occupation="occupation_code")
def offer_create(request: HttpRequest, payload: OfferIn) -> object:
    """A draft offer (or an open one, with ``publish``) of an employer the user writes offers for."""
    user: User = request.user  # type: ignore[assignment]
    employer = selectors.employer_get_for_user(user, payload.employer_id, permission="offer.manage")
    sent = payload.model_dump(exclude={"employer_id", "publish"})
    changes = {name: value for name, value in sent.items() if value is not None}
    offer = services.offer_create(
        actor=user, employer=employer, data=_data(user, None, changes), publish=payload.publish
    )
    return Status(201, _offer_out(selectors.offer_get_for_user(user, offer.pk)))


@router.get("/offers/{offer_id}", response={200: OfferOut, 404: ErrorOut})
@requires_api("offer.view")
def offer_detail(request: HttpRequest, offer_id: int) -> object:
    return _offer_out(selectors.offer_get_for_user(request.user, offer_id))  # type: ignore[arg-type]


@router.patch("/offers/{offer_id}", response={200: OfferOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("offer.manage")
@fields_named(site="site_id", occupation="occupation_code")
def offer_update(request: HttpRequest, offer_id: int, payload: OfferChangesIn) -> object:
    """Changes the fields sent; the status moves only by ``/open`` and ``/close``."""
    user: User = request.user  # type: ignore[assignment]
    offer = selectors.offer_get_for_user(user, offer_id, permission="offer.manage")
    changes = payload.model_dump(exclude_unset=True)
    services.offer_update(actor=user, offer=offer, data=_data(user, services.offer_data_of(offer), changes))
    return _offer_out(selectors.offer_get_for_user(user, offer.pk))


@router.post("/offers/{offer_id}/open", response={200: OfferOut, 404: ErrorOut, 409: ErrorOut})
@requires_api("offer.manage")
def offer_open(request: HttpRequest, offer_id: int) -> object:
    """Publishes a draft, or opens a closed offer again."""
    user: User = request.user  # type: ignore[assignment]
    offer = selectors.offer_get_for_user(user, offer_id, permission="offer.manage")
    services.offer_open(actor=user, offer=offer)
    return _offer_out(offer)


@router.post("/offers/{offer_id}/close", response={200: OfferOut, 404: ErrorOut, 409: ErrorOut})
@requires_api("offer.manage")
def offer_close(request: HttpRequest, offer_id: int) -> object:
    """The offer takes no more candidates."""
    user: User = request.user  # type: ignore[assignment]
    offer = selectors.offer_get_for_user(user, offer_id, permission="offer.manage")
    services.offer_close(actor=user, offer=offer)
    return _offer_out(offer)
