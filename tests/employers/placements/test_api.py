"""The placements API: list, propose, read and move, with the API's one error shape; refused
input names its field; another organisation's worker and an employer's contact get nothing."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from reintegra.accounts.models import User
from reintegra.employers.models import Offer, Placement, PlacementStatus
from reintegra.people.models import Participant
from tests.conftest import client_for

S = PlacementStatus


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_case_worker_proposes_through_the_api_and_reads_the_placement(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    client = client_for(caseworker)
    response = post(client, "/api/v1/placements", {"participant_id": person.pk, "offer_id": internship.pk})
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["candidate_label"], body["ends_on"]) == (
        "proposed",
        "Kandydatka 1",
        "2027-01-31",
    )
    assert client.get(f"/api/v1/placements/{body['id']}").json()["moves"][0]["to_status"] == "proposed"
    assert [item["id"] for item in client.get("/api/v1/placements").json()] == [body["id"]]


def test_proposing_twice_is_refused_naming_the_person(
    placement: Placement, caseworker: User, person: Participant, internship: Offer
) -> None:
    response = post(
        client_for(caseworker), "/api/v1/placements", {"participant_id": person.pk, "offer_id": internship.pk}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["participant_id"]


def test_an_internship_too_long_is_refused_naming_the_end(
    caseworker: User, person: Participant, internship: Offer
) -> None:
    body = {
        "participant_id": person.pk,
        "offer_id": internship.pk,
        "starts_on": "2026-12-01",
        "ends_on": "2027-12-01",
    }
    response = post(client_for(caseworker), "/api/v1/placements", body)
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["ends_on"]


def test_a_move_with_its_reason_and_an_illegal_move(placement: Placement, caseworker: User) -> None:
    client = client_for(caseworker)
    url = f"/api/v1/placements/{placement.pk}/move"
    refused = post(client, url, {"to_status": "declined"})
    assert refused.status_code == 400
    assert list(refused.json()["fields"]) == ["reason"]
    illegal = post(client, url, {"to_status": "finished"})
    assert illegal.status_code == 400
    assert list(illegal.json()["fields"]) == ["to_status"]
    done = post(client, url, {"to_status": "declined", "reason": "Pracodawca zmienił plany."})
    assert done.status_code == 200
    assert done.json()["moves"][-1]["reason"] == "Pracodawca zmienił plany."
    unknown = post(client, url, {"to_status": "nowhere"})
    assert unknown.status_code == 422
    assert "to_status" in unknown.json()["fields"]


def test_another_organisations_worker_cannot_see_our_placement(placement: Placement, outsider: User) -> None:
    client = client_for(outsider)
    response = client.get(f"/api/v1/placements/{placement.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get("/api/v1/placements").json() == []
    assert (
        post(client, f"/api/v1/placements/{placement.pk}/move", {"to_status": "withdrawn"}).status_code == 404
    )


def test_the_employers_contact_cannot_use_the_placements_api(
    placement: Placement, bakery_contact: User
) -> None:
    client = client_for(bakery_contact)
    assert client.get("/api/v1/placements").status_code == 403
    assert client.get(f"/api/v1/placements/{placement.pk}").status_code == 403
