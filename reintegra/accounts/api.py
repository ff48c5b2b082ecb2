"""API operations for the signed-in user and the organisations and colleagues they may see."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from reintegra.accounts import selectors
from reintegra.accounts.policy import authenticated_api, requires_api

router = Router(tags=["accounts"])


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    type: str


class MembershipOut(Schema):
    organisation: OrganisationOut
    role: str


class UserOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    job_title: str


class ErrorOut(Schema):
    code: str
    message: str


@router.get("/me", response=UserOut)
@authenticated_api
def me(request: HttpRequest) -> object:
    return request.user


@router.get("/organisations", response=list[OrganisationOut])
@authenticated_api
def organisation_list(request: HttpRequest) -> object:
    return selectors.organisation_list_for_user(request.user)  # type: ignore[arg-type]


@router.get("/users/{user_id}", response={200: UserOut, 404: ErrorOut})
@authenticated_api
def user_detail(request: HttpRequest, user_id: int) -> object:
    return selectors.user_get_for_user(request.user, user_id)  # type: ignore[arg-type]


@router.get("/users", response=list[UserOut])
@requires_api("user.list")
def user_list(request: HttpRequest) -> object:
    return selectors.user_list_for_user(request.user)  # type: ignore[arg-type]
