"""Absurd input never answers 500: ids and page numbers too large for the database (a 25-digit
number) give 404 (a page) or the API's invalid-input answer naming the field (422), on every
page and API route, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from reintegra.accounts.models import Organisation, Role
from reintegra.casework import services as casework
from reintegra.casework.caseload import Section
from tests.conftest import client_for
from tests.factories import ParticipantFactory, member

pytestmark = pytest.mark.django_db

HUGE = "9" * 25
PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def routes(patterns: Iterable[Any], prefix: str = "") -> Iterator[str]:
    """Every path route of the project as a URL, with its numbers 25 digits long."""
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + PARAMETER.sub(
                lambda match: HUGE if match[1] in {"int", "id"} or _is_id(match[2]) else "x", route
            )


def _is_id(name: str) -> bool:
    """An API path parameter (django-ninja's ``{participant_id}``) that names a record."""
    return name in {"id", "pk"} or name.endswith(("_id", "_pk"))


ROUTES = sorted(set(routes(get_resolver().url_patterns)))
WITH_IDS = [route for route in ROUTES if HUGE in route]


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.COORDINATOR, Role.CASE_WORKER])
def test_an_id_too_large_for_the_database_is_not_found(organisation: Organisation, role: Role) -> None:
    client = client_for(member(organisation, role))

    answers = {route: client.get(route).status_code for route in WITH_IDS}

    assert WITH_IDS
    # A page is not found; the API says which input is invalid (422, its error shape).
    assert {route: status for route, status in answers.items() if status not in {403, 404, 405, 422}} == {}


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.COORDINATOR, Role.CASE_WORKER])
def test_a_page_number_too_large_for_the_database_shows_a_page(
    organisation: Organisation, role: Role
) -> None:
    client = client_for(member(organisation, role))
    lists = [route for route in ROUTES if HUGE not in route]

    answers = {route: client.get(route, {"page": HUGE}).status_code for route in lists}

    assert {route: status for route, status in answers.items() if status >= 500} == {}


def test_an_id_one_past_the_largest_the_database_holds_is_not_found(organisation: Organisation) -> None:
    client = client_for(member(organisation, Role.ORG_ADMIN))

    assert client.get(f"/participants/{2**63}/").status_code == 404


def test_every_page_route_takes_its_ids_through_the_bounded_converter() -> None:
    unbounded = [route for route in all_route_patterns(get_resolver().url_patterns) if "<int:" in route]

    assert unbounded == []


def all_route_patterns(patterns: Iterable[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from all_route_patterns(pattern.url_patterns, route)
        else:
            yield route


def test_a_page_number_too_large_on_a_persons_lists_and_the_caseload_shows_a_page(
    organisation: Organisation,
) -> None:
    coordinator = member(organisation, Role.COORDINATOR)
    worker = member(organisation, Role.CASE_WORKER)
    person = ParticipantFactory(organisation=organisation)
    casework.assignment_create(actor=coordinator, participant=person, worker=worker)
    urls = [
        *(reverse("casework:caseload_section", args=[section]) for section in Section),
        *(reverse("casework:team_member_section", args=[worker.pk, section]) for section in Section),
        reverse("casework:meetings", args=[person.pk]),
        reverse("casework:services", args=[person.pk]),
        reverse("questionnaires:participant", args=[person.pk]),
        reverse("people:participant_detail", args=[person.pk]),
    ]

    answers = {
        url: client_for(user).get(url, {"page": HUGE}).status_code
        for url in urls
        for user in (worker, coordinator)
    }

    assert {url: status for url, status in answers.items() if status >= 500} == {}
    assert 200 in answers.values()


# The API's inputs are bounded in its schema ------------------------------------------------


def unbounded_inputs(schema: dict[str, Any]) -> list[str]:
    """Every text input without a maximum length and number input without a maximum, by operation."""
    components = schema.get("components", {}).get("schemas", {})

    def walk(where: str, node: dict[str, Any], *, numbers: bool = True) -> Iterator[str]:
        if "$ref" in node:
            yield from walk(where, components[node["$ref"].rsplit("/", 1)[-1]], numbers=numbers)
            return
        for key in ("anyOf", "allOf", "oneOf"):
            parts = node.get(key, [])
            # A number with a maximum may come as text (a Decimal): read as a number, it is bounded.
            bounded_number = any(part.get("type") == "number" and "maximum" in part for part in parts)
            for part in parts:
                if not (bounded_number and part.get("type") == "string"):
                    yield from walk(where, part, numbers=numbers)
        for name, field in node.get("properties", {}).items():
            yield from walk(f"{where}.{name}", field)
        if "items" in node:
            yield from walk(f"{where}[]", node["items"])
        kind = node.get("type")
        if kind == "string" and not ({"maxLength", "enum", "format"} & node.keys()):
            yield where
        if numbers and kind == "integer" and "maximum" not in node:
            yield where

    found: list[str] = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                # A number in the path or the query (an id, a page) selects, never is stored: an id
                # no row can have is a 404 and a page past the end is the last, as on the pages
                # (the tests above). Text there (a search) is bounded like any other.
                found += walk(f"{where} {parameter['name']}", parameter["schema"], numbers=False)
            for content in operation.get("requestBody", {}).get("content", {}).values():
                found += walk(f"{where} body", content["schema"])
    return found


# Integers compared, never stored: a value no record has is simply a mismatch.
COMPARED_ONLY = {
    "PUT /api/v1/plans/{plan_id} body.revision": "a revision no plan has is stale (409)",
}


def test_every_api_input_has_a_bound_in_the_schema() -> None:
    from reintegra.api import api

    assert [where for where in unbounded_inputs(api.get_openapi_schema()) if where not in COMPARED_ONLY] == []


def test_an_api_input_without_a_bound_would_be_reported() -> None:
    schema = {
        "paths": {
            "/notes": {
                "post": {
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Note": {
                    "properties": {"text": {"type": "string"}, "on": {"type": "string", "format": "date"}}
                }
            }
        },
    }

    assert unbounded_inputs(schema) == ["POST /notes body.text"]


def test_an_absurd_api_search_is_invalid_input_and_an_absurd_page_the_last(
    organisation: Organisation,
) -> None:
    client = client_for(member(organisation, Role.ORG_ADMIN))

    too_long = client.get("/api/v1/participants", {"q": "x" * 101})
    far_pages = [client.get(url, {"page": HUGE}) for url in ("/api/v1/participants", "/api/v1/referrals")]

    assert (too_long.status_code, too_long.json()["code"]) == (422, "invalid")
    assert [answer.status_code for answer in far_pages] == [200, 200]
