"""The access matrix of an employer's contact: she reaches her own company's pages, her account
and her notifications, and nothing of a person. Every page and API route of the project is
walked with a participant's id in place of every id, by GET and by POST (and the API's own
methods); each answers her 403, 404 or 405 (an API input the schema refuses, 422, only where the
operation needs a permission she holds nowhere), except the few routes of her own, and no
answer names the person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from ninja.operation import PathView

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.accounts.policy import policy_of
from reintegra.accounts.routes import _ninja_path_view
from reintegra.employers.models import Employer, Offer, Site
from reintegra.people.models import Participant
from tests.conftest import client_for
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")
REFUSED = {403, 404, 405}
# What an employer's contact may open: her company's pages, her own account, her notifications,
# and the public pages (log-in, password reset, the API's description, language).
HER_OWN = re.compile(
    r"^(home|set_language|employers:own_\w+|notifications:\w+|accounts:(my_profile|password_\w+|login|"
    r"twofactor\w*|logout)|api:(me|openapi-json|openapi-view|api-root|offer\w*))$"
)
# Her pages in the other parts of the app: the job fairs she signs up for, the needs surveys she
# answers, the candidates proposed to her employer and its mentors (each part's tests say what
# she sees there; the walk checks that no person is named).
HER_PARTS = re.compile(r"^employers:(fairs:employer_\w+|surveys:my_\w+|placements:(candidate|mentor)\w*)$")
# Her own account and organisations: ``user.view`` and ``user.change`` allow the user herself,
# and the walk's id is hers as well as the person's.
HER_ACCOUNT = {"accounts:user_detail", "accounts:user_edit", "api:user_detail", "api:organisation_list"}


def _is_id(converter: str | None, name: str) -> bool:
    return converter in {"int", "id"} or name in {"id", "pk"} or name.endswith(("_id", "_pk"))


def routes(patterns: Iterable[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    """(route as written, its name, its callback) of every path route but the admin's."""
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from routes(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield route, f"{namespace}{pattern.name or '?'}", pattern.callback


def url_with(route: str, person_id: int) -> str:
    return "/" + PARAMETER.sub(lambda match: str(person_id) if _is_id(match[1], match[2]) else "csv", route)


def refused_before_running(callback: Any, user: User) -> bool:
    """An API operation whose input the schema refused (422) never ran; it would have refused
    her anyway if every operation of the route needs a permission she holds nowhere."""
    path_view = _ninja_path_view(callback)
    if path_view is None:
        return False
    needed = [policy_of(operation.view_func) or "" for operation in path_view.operations]
    return all(
        need.startswith("requires:") and not policy.holds_anywhere(user, need.removeprefix("requires:"))
        for need in needed
    )


def methods(callback: Any) -> list[str]:
    path_view: PathView | None = _ninja_path_view(callback)
    if path_view is None:
        return ["GET", "POST"]
    return sorted({method for operation in path_view.operations for method in operation.methods})


@pytest.fixture
def person(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Zuzanna", last_name="Wróblewska-Nowicka")


def test_an_employer_contact_reaches_no_participant_page_or_api_route(
    person: Participant, bakery_contact: User, bakery: Employer, bakery_site: Site, offer: Offer
) -> None:
    walked = sorted(set(routes(get_resolver().url_patterns)), key=lambda row: row[0])
    reached: dict[str, int] = {}
    named: list[str] = []
    for route, name, callback in walked:
        if name == "accounts:logout":
            continue  # would end the session the walk goes on with
        url = url_with(route, person.pk)
        for method in methods(callback):
            client = client_for(bakery_contact)
            response = client.generic(method, url, "{}", content_type="application/json")
            if response.status_code == 422 and refused_before_running(callback, bakery_contact):
                continue
            if response.status_code not in REFUSED and not (
                HER_OWN.match(name) or HER_PARTS.match(name) or name in HER_ACCOUNT
            ):
                reached[f"{method} {url} [{name}]"] = response.status_code
            body = b"".join(response) if response.streaming else response.content
            if person.last_name.encode() in body:
                named.append(f"{method} {url} [{name}]")

    assert len(walked) > 100
    assert reached == {}
    assert named == []


def test_her_own_pages_open_and_the_staffs_do_not(
    bakery_contact: User, bakery: Employer, offer: Offer
) -> None:
    client = client_for(bakery_contact)

    assert client.get("/employers/mine/").status_code == 200
    assert client.get(f"/employers/mine/offers/{offer.pk}/").status_code == 200
    assert client.get("/employers/").status_code == 403
    assert client.get(f"/employers/{bakery.pk}/").status_code == 403
    assert client.get(f"/employers/offers/{offer.pk}/").status_code == 403


def test_she_posts_an_offer_edits_a_site_and_closes_the_offer_on_her_own_pages(
    bakery_contact: User, bakery: Employer, bakery_site: Site, baker: Any, gmina: Any
) -> None:
    client = client_for(bakery_contact)
    posted = client.post(
        "/employers/mine/offers/new/",
        {
            "kind": "internship",
            "site": str(bakery_site.pk),
            "occupation": baker.code,
            "hours_per_week": "30",
            "contract_type": "internship_agreement",
            "places": "1",
            "publish": "1",
        },
    )
    offer = bakery.offers.get()
    edited = client.post(
        f"/employers/mine/sites/{bakery_site.pk}/edit/",
        {"name": "Piekarnia przy rynku", "street": "Rynek 4", "town": "Zalesie", "gmina": gmina.code},
    )
    closed = client.post(f"/employers/mine/offers/{offer.pk}/close/", {"confirmed": "1"})

    offer.refresh_from_db()
    bakery_site.refresh_from_db()
    assert posted.status_code == edited.status_code == closed.status_code == 302
    assert offer.duration_months == 2
    assert offer.created_by == bakery_contact
    assert offer.status == "closed"
    assert bakery_site.street == "Rynek 4"
    assert "Piekarnia przy rynku" in client.get("/employers/mine/").content.decode()


def test_another_employers_contact_cannot_reach_her_offer_or_site(
    employer_contact: User, bakery_site: Site, offer: Offer
) -> None:
    client = client_for(employer_contact)

    assert client.get(f"/employers/mine/offers/{offer.pk}/").status_code == 404
    assert client.post(f"/employers/mine/offers/{offer.pk}/close/", {"confirmed": "1"}).status_code == 404
    assert client.get(f"/employers/mine/sites/{bakery_site.pk}/edit/").status_code == 404
    assert "not linked to an employer" in client.get("/employers/mine/").content.decode()
