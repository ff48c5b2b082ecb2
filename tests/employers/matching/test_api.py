"""The matches API: a person's matched offers and an offer's matched people, with each factor,
its value and its weight; 404 for what the user may not see, and the employer's contact refused."""

from __future__ import annotations

import pytest

from reintegra.accounts.models import User
from reintegra.employers.models import JobProfile, MatchOverride, Offer
from reintegra.people.models import Participant
from tests.conftest import client_for
from tests.reads import reads_of

pytestmark = pytest.mark.usefixtures("in_english")


def test_a_person_s_matches_come_with_each_factor_explained(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer, driver_job: Offer
) -> None:
    answer = client_for(caseworker).get(f"/api/v1/participants/{person.pk}/matches")

    body = answer.json()
    assert answer.status_code == 200
    assert (body["participant_id"], body["has_job_profile"], body["considered"]) == (person.pk, True, 2)
    [match] = body["items"]
    assert (match["offer_id"], match["offer"], match["promoted"]) == (internship.pk, "Staż: piekarz", False)
    assert [(f["code"], f["value"], f["weight"]) for f in match["factors"]][:2] == [
        ("occupation", 1.0, 0.35),
        ("skills", 1.0, 0.25),
    ]
    assert (
        match["factors"][0]["explanation"] == "The occupation the person wants (the same 6-digit KZiS code)."
    )
    assert match["score"] == pytest.approx(sum(f["contribution"] for f in match["factors"]))
    assert reads_of(caseworker)[("participant", person.pk)] == 1


def test_an_override_is_shown_with_its_reason(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    MatchOverride.objects.create(
        participant=person, offer=internship, action="hide", reason="Nie teraz.", created_by=caseworker
    )

    body = client_for(caseworker).get(f"/api/v1/participants/{person.pk}/matches").json()

    assert body["items"] == []
    assert body["hidden"][0]["override"]["reason"] == "Nie teraz."


def test_an_offer_s_matches_name_the_people_the_user_may_see(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    answer = client_for(caseworker).get(f"/api/v1/offers/{internship.pk}/matches")

    body = answer.json()
    assert answer.status_code == 200
    assert [(m["participant_id"], m["participant"]) for m in body["items"]] == [(person.pk, str(person))]


def test_another_organisation_s_worker_gets_404_for_the_person_and_the_offer(
    outsider: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    client = client_for(outsider)

    answers = [
        client.get(f"/api/v1/participants/{person.pk}/matches"),
        client.get(f"/api/v1/offers/{internship.pk}/matches"),
        client.get("/api/v1/offers/999999/matches"),
    ]

    assert [(a.status_code, a.json()["code"]) for a in answers] == [(404, "not_found")] * 3


def test_the_employer_s_contact_is_refused(
    bakery_contact: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    client = client_for(bakery_contact)

    answers = [
        client.get(f"/api/v1/participants/{person.pk}/matches"),
        client.get(f"/api/v1/offers/{internship.pk}/matches"),
    ]

    assert [a.status_code for a in answers] == [403, 403]
    assert reads_of(bakery_contact) == {}


def test_the_explanation_is_in_polish_when_asked_in_polish(
    caseworker: User, person: Participant, profile: JobProfile, internship: Offer
) -> None:
    body = (
        client_for(caseworker)
        .get(f"/api/v1/participants/{person.pk}/matches", HTTP_ACCEPT_LANGUAGE="pl")
        .json()
    )

    factors = body["items"][0]["factors"]
    assert [f["name"] for f in factors][:3] == ["Zawód", "Umiejętności", "Odległość"]
    assert factors[2]["explanation"] == ("2,2 km od domu, przy najwyżej 30,0 km, które osoba może dojechać.")
