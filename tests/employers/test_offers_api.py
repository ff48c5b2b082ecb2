"""The offers API: the same access and rules as the pages, in the API's error shape."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from reintegra.accounts.models import User
from reintegra.employers.models import Employer, Occupation, Offer, OfferStatus, Site
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def call(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.generic(method, "/api/v1" + url, json.dumps(body or {}), content_type="application/json")


def new_offer(bakery: Employer, site: Site, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "employer_id": bakery.pk,
        "site_id": site.pk,
        "kind": "internship",
        "hours_per_week": 40,
        "contract_type": "internship_agreement",
        "places": 2,
        "occupation_code": "751204",
        "required_skills": ["Obsługa pieca", " obsługa  PIECA"],
    }
    body.update(changes)
    return body


def test_a_case_worker_posts_an_internship_and_reads_it_back(
    caseworker: User, bakery: Employer, bakery_site: Site, baker: Occupation
) -> None:
    client = client_for(caseworker)

    created = call(client, "POST", "/offers", new_offer(bakery, bakery_site, publish=True))

    assert created.status_code == 201, created.json()
    offer = created.json()
    assert offer["duration_months"] == 2
    assert offer["status"] == "open"
    assert offer["required_skills"] == ["obsługa pieca"]
    assert offer["without_kzis_code"] is False
    assert call(client, "GET", f"/offers/{offer['id']}").json()["occupation_name"] == "Piekarz"
    listed = call(client, "GET", "/offers?kind=internship&occupation=75").json()
    assert [item["id"] for item in listed["items"]] == [offer["id"]]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occupation_code": None, "title": ""}, "title"),
        ({"places": 0}, "places"),
        ({"duration_months": 7}, "duration_months"),
        ({"occupation_code": "999999"}, "occupation_code"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    caseworker: User,
    bakery: Employer,
    bakery_site: Site,
    baker: Occupation,
    changes: dict[str, Any],
    field: str,
) -> None:
    response = call(client_for(caseworker), "POST", "/offers", new_offer(bakery, bakery_site, **changes))

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]


def test_a_change_keeps_what_it_does_not_send_and_the_moves_follow_the_workflow(
    caseworker: User, offer: Offer
) -> None:
    client = client_for(caseworker)

    changed = call(
        client,
        "PATCH",
        f"/offers/{offer.pk}",
        {"places": 5, "occupation_code": None, "occupation_text": "Pomocnik piekarza"},
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["places"] == 5
    assert changed.json()["without_kzis_code"] is True
    assert changed.json()["hours_per_week"] == 40

    assert call(client, "POST", f"/offers/{offer.pk}/open").json()["code"] == "illegal_move"
    closed = call(client, "POST", f"/offers/{offer.pk}/close")
    assert closed.json()["status"] == "closed"
    offer.refresh_from_db()
    assert offer.status == OfferStatus.CLOSED


def test_the_employer_contact_posts_for_her_own_employer_only(
    bakery_contact: User,
    employer_contact: User,
    bakery: Employer,
    bakery_site: Site,
    offer: Offer,
    baker: Occupation,
) -> None:
    own = call(client_for(bakery_contact), "POST", "/offers", new_offer(bakery, bakery_site))
    other = client_for(employer_contact)

    assert own.status_code == 201
    assert call(other, "POST", "/offers", new_offer(bakery, bakery_site)).status_code == 404
    assert call(other, "GET", f"/offers/{offer.pk}").status_code == 404
    assert call(other, "GET", "/offers").json()["items"] == []


def test_another_organisations_worker_cannot_see_or_change_the_offer(outsider: User, offer: Offer) -> None:
    client = client_for(outsider)

    assert call(client, "GET", f"/offers/{offer.pk}").json()["code"] == "not_found"
    assert call(client, "PATCH", f"/offers/{offer.pk}", {"places": 9}).status_code == 404
    assert call(client, "POST", f"/offers/{offer.pk}/close").status_code == 404
    assert call(client, "GET", "/offers").json()["count"] == 0


def test_a_participant_is_refused_the_offers(participant: User, offer: Offer) -> None:
    assert call(client_for(participant), "GET", "/offers").status_code == 403
