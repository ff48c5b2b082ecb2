"""Every URL and API route declares who may use it (the access policy); a new one cannot be forgotten."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from ninja import NinjaAPI

from reintegra.accounts.policy import authenticated_api, public
from reintegra.accounts.routes import undeclared_routes


def undeclared_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("no policy")


@public
def declared_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("public")


def test_every_route_of_the_project_declares_an_access_policy() -> None:
    assert undeclared_routes() == []


def test_a_view_without_a_policy_is_reported() -> None:
    patterns = [
        path("open/", declared_view, name="open"),
        path("forgotten/", undeclared_view, name="forgotten"),
    ]

    assert undeclared_routes(patterns) == ["forgotten/ [forgotten]"]


def test_a_view_without_a_policy_inside_an_included_app_is_reported() -> None:
    inner = ([path("secret/", undeclared_view, name="secret")], "things")
    patterns = [path("things/", include(inner))]

    assert undeclared_routes(patterns) == ["things/secret/ [things:secret]"]


def test_an_api_operation_without_a_policy_is_reported() -> None:
    api = NinjaAPI(urls_namespace="probe_api")

    @api.get("/declared")
    @authenticated_api
    def declared(request: HttpRequest) -> dict[str, str]:
        return {}

    @api.get("/forgotten")
    def forgotten(request: HttpRequest) -> dict[str, str]:
        return {}

    patterns = [path("probe/", api.urls)]

    assert undeclared_routes(patterns) == ["probe/forgotten [probe_api:forgotten]"]
