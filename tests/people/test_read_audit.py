"""Every way to a person's data writes the reads itself: list, export, API, file (issue 9)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.people import services
from reintegra.people.models import Consent, ConsentKind, FamilyMember, Participant
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.reads import read, reads_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation: Organisation, other_organisation: Organisation) -> list[Participant]:
    ParticipantFactory(organisation=other_organisation, last_name="Obca")
    return [
        ParticipantFactory.create(organisation=organisation, last_name=f"Kowalska-{n:02d}", first_name="Anna")
        for n in range(27)
    ]


def test_a_list_page_logs_a_read_of_each_person_it_shows_and_no_other(
    people: list[Participant], caseworker: User
) -> None:
    client = client_for(caseworker)

    first = client.get(reverse("people:participant_list"))
    assert reads_of(caseworker) == read(*people[:25])
    second = client.get(reverse("people:participant_list"), {"page": 2})

    assert first.status_code == second.status_code == 200
    assert reads_of(caseworker) == read(*people)
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).first()
    assert entry is not None
    assert entry.remote_addr == "127.0.0.1"  # the request's address, as on the entries of changes


def test_a_search_logs_only_the_people_it_finds(people: list[Participant], caseworker: User) -> None:
    client_for(caseworker).get(reverse("people:participant_list"), {"q": "kowalska-07"})

    assert reads_of(caseworker) == read(people[7])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_logs_one_entry_naming_filter_format_and_count_and_a_read_of_each_person_in_it(
    people: list[Participant], caseworker: User, organisation: Organisation, fmt: str
) -> None:
    response = client_for(caseworker).get(
        reverse("people:participant_export", args=[fmt]), {"q": "kowalska-1", "sex": "woman"}
    )

    exported = people[10:20]
    if fmt == "xlsx":
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        assert len(rows) == 1 + len(exported)
    else:
        assert len(response.content.decode("utf-8-sig").splitlines()) == 1 + len(exported)
    assert reads_of(caseworker) == read(*exported)
    summary = AuditEntry.objects.get(action=AuditEntry.Action.ACCESS, object_pk="")
    assert summary.actor == caseworker
    assert summary.additional_data == {
        "export": {
            "format": fmt,
            "filter": {
                "q": "kowalska-1",
                "sex": "woman",
                "labour_status": "",
                "degurba": None,
                "programme_id": None,
            },
            "count": len(exported),
        }
    }
    assert fmt.upper() in summary.object_repr
    assert list(summary.organisations.all()) == [organisation]


def test_the_api_list_logs_a_read_of_each_person_in_the_page(
    people: list[Participant], caseworker: User
) -> None:
    response = client_for(caseworker).get("/api/v1/participants", {"page": 2})

    assert [item["id"] for item in response.json()["items"]] == [person.pk for person in people[25:]]
    assert response.json()["count"] == 27
    assert reads_of(caseworker) == read(*people[25:])


def test_a_file_tab_logs_the_person_and_the_rows_it_shows(
    organisation: Organisation, caseworker: User, coordinator: User
) -> None:
    person: Participant = ParticipantFactory(organisation=organisation)
    member = FamilyMember.objects.create(participant=person, first_name="Zofia", relation="child")
    consent: Consent = services.consent_record(
        actor=coordinator,
        participant=person,
        kind=ConsentKind.PROCESSING,
        given_on=date(2026, 1, 5),
        document="Z/1",
    )
    client = client_for(caseworker)

    client.get(reverse("people:participant_detail", args=[person.pk]), {"tab": "family"})
    assert reads_of(caseworker) == read(person, member)
    client.get(reverse("people:participant_detail", args=[person.pk]), {"tab": "consents"})

    assert reads_of(caseworker) == read(person, member, consent) + read(person)


def test_a_possible_duplicate_shown_on_registration_is_logged_as_read(
    organisation: Organisation, caseworker: User
) -> None:
    namesake: Participant = ParticipantFactory(organisation=organisation, first_name="Jan", last_name="Nowak")
    client = client_for(caseworker)

    response = client.post(
        reverse("people:participant_create"),
        {
            "organisation": organisation.pk,
            "first_name": "Jan",
            "last_name": "Nowak",
            "birth_date": namesake.birth_date.isoformat(),
            "sex": "man",
            "identity_document_type": "id_card",
            "identity_document_number": "XYZ123456",
        },
    )

    assert "Nowak" in response.content.decode()
    assert reads_of(caseworker) == read(namesake)
