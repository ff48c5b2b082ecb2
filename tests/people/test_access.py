"""Participants are seen only by staff of their organisation; every read of a file is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from tests.conftest import client_for
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Łucja", last_name="Żółkiewska")


def test_a_worker_of_another_organisation_cannot_find_these_participants_in_the_list(
    ours: Participant, outsider: User
) -> None:
    response = client_for(outsider).get(reverse("people:participant_list"), {"q": "zolkiewska"})

    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert "Żółkiewska" not in response.content.decode()


def test_a_worker_of_another_organisation_gets_404_for_the_file_and_its_forms(
    ours: Participant, outsider: User
) -> None:
    client = client_for(outsider)
    for name in ("participant_detail", "participant_edit", "consent_create", "family_member_create"):
        assert client.get(reverse(f"people:{name}", args=[ours.pk])).status_code == 404, name
    missing = client.get(reverse("people:participant_detail", args=[ours.pk + 1000]))
    assert missing.status_code == 404


def test_a_worker_of_another_organisation_cannot_find_or_open_them_through_the_api(
    ours: Participant, outsider: User
) -> None:
    client = client_for(outsider)

    listed = client.get("/api/v1/participants", {"q": "zolkiewska"})
    opened = client.get(f"/api/v1/participants/{ours.pk}")
    missing = client.get(f"/api/v1/participants/{ours.pk + 1000}")

    assert listed.status_code == 200
    assert listed.json()["items"] == []
    assert opened.status_code == 404
    assert opened.json() == missing.json() == {"code": "not_found", "message": opened.json()["message"]}


def test_a_caseworker_finds_and_opens_their_participant_through_the_api(
    ours: Participant, caseworker: User
) -> None:
    client = client_for(caseworker)

    listed = client.get("/api/v1/participants", {"q": "ZOLKIEW"})
    opened = client.get(f"/api/v1/participants/{ours.pk}")

    assert [item["id"] for item in listed.json()["items"]] == [ours.pk]
    assert listed.json()["count"] == 1
    assert opened.json()["last_name"] == "Żółkiewska"
    assert (
        AuditEntry.objects.get_for_object(ours)
        .filter(action=AuditEntry.Action.ACCESS, actor=caseworker)
        .exists()
    )


def test_a_participant_or_employer_account_cannot_use_the_participant_pages(
    ours: Participant, participant: User, employer_contact: User
) -> None:
    for user in (participant, employer_contact):
        client = client_for(user)
        assert client.get(reverse("people:participant_list")).status_code == 403
        assert client.get(reverse("people:participant_detail", args=[ours.pk])).status_code == 403
        assert client.get("/api/v1/participants").status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(ours: Participant, client: object) -> None:
    response = client.get(reverse("people:participant_detail", args=[ours.pk]))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_every_read_of_a_file_tab_is_written_to_the_audit_log_scoped_to_the_organisation(
    ours: Participant, caseworker: User, organisation: Organisation
) -> None:
    client = client_for(caseworker)
    for tab in ("data", "consents", "family", "programmes"):
        assert (
            client.get(reverse("people:participant_detail", args=[ours.pk]), {"tab": tab}).status_code == 200
        )

    reads = AuditEntry.objects.get_for_object(ours).filter(action=AuditEntry.Action.ACCESS)
    assert reads.count() == 4
    assert {entry.actor for entry in reads} == {caseworker}
    assert all(list(entry.organisations.all()) == [organisation] for entry in reads)


def test_the_navigation_offers_participants_to_staff_only(caseworker: User, participant: User) -> None:
    url = reverse("people:participant_list")

    assert url in client_for(caseworker).get(reverse("home")).content.decode()
    assert url not in client_for(participant).get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_the_file_links_to_the_persons_meetings_services_case_workers_and_questionnaires(
    ours: Participant, caseworker: User
) -> None:
    page = client_for(caseworker).get(reverse("people:participant_detail", args=[ours.pk])).content.decode()

    for name in (
        "casework:meetings",
        "casework:services",
        "casework:assignments",
        "questionnaires:participant",
    ):
        assert reverse(name, args=[ours.pk]) in page
