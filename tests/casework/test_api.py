"""The case-work API: meetings with next steps, services and case workers, read and written under
the pages' permissions; reads and changes audited; another organisation's records are a 404."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services
from reintegra.casework.models import CaseAssignment, Meeting, MeetingKind, MeetingStatus, ServiceDelivery
from reintegra.people.models import FamilyMember, Participant
from tests.casework.conftest import at, meeting_for
from tests.conftest import client_for
from tests.reads import read, reads_of

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)  # a Wednesday
HUGE = "1234567890123456789012345"


@pytest.fixture(autouse=True)
def frozen_now() -> Any:
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


def api(user: User) -> Client:
    return client_for(user)


def post(client: Client, url: str, data: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(url, data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def meeting_input(**overrides: Any) -> dict[str, Any]:
    return {
        "starts_at": "2026-03-10T09:30",
        "duration_minutes": 45,
        "kind": MeetingKind.VOCATIONAL_COUNSELLING,
        "notes": "Rozmowa o kursie spawacza.",
        "next_steps": [{"text": "Zapisać się na kurs", "due_on": "2026-03-20"}],
        **overrides,
    }


def service_input(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "dentist",
        "provider_name": "Gabinet Uśmiech",
        "delivered_on": "2026-03-02",
        "cost": "280.50",
        **overrides,
    }


def changes_of(record: Any, actor: User) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.get_for_object(record).filter(action=AuditEntry.Action.UPDATE, actor=actor)
    )


# --- Meetings -------------------------------------------------------------------------


def test_a_caseworker_records_a_meeting_with_its_next_steps_and_the_creation_is_audited(
    ours: Participant, caseworker: User
) -> None:
    response = post(api(caseworker), f"/api/v1/participants/{ours.pk}/meetings", meeting_input())

    assert response.status_code == 201
    body = response.json()
    meeting = Meeting.objects.get(participant=ours)
    assert body["id"] == meeting.pk
    assert (body["status"], body["duration_minutes"], body["worker_id"]) == ("held", 45, caseworker.pk)
    assert datetime.fromisoformat(body["starts_at"]) == at(date(2026, 3, 10), 9, 30)  # read as Warsaw time
    assert [(step["text"], step["due_on"]) for step in body["next_steps"]] == [
        ("Zapisać się na kurs", "2026-03-20")
    ]
    created = AuditEntry.objects.get_for_object(meeting).get(action=AuditEntry.Action.CREATE)
    assert created.actor == caseworker


def test_the_list_of_meetings_comes_a_page_at_a_time_and_logs_the_person_and_each_meeting_read(
    ours: Participant, caseworker: User
) -> None:
    older = meeting_for(ours, caseworker, at(date(2026, 3, 2)))
    newer = meeting_for(ours, caseworker, at(date(2026, 3, 9)))

    response = api(caseworker).get(f"/api/v1/participants/{ours.pk}/meetings")

    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [newer.pk, older.pk]
    assert (body["count"], body["page"], body["has_next"]) == (2, 1, False)
    assert reads_of(caseworker) == read(ours, newer, older)


def test_a_meeting_is_read_with_its_next_steps_and_every_row_shown_is_logged(
    ours: Participant, caseworker: User
) -> None:
    meeting = meeting_for(
        ours, caseworker, at(date(2026, 3, 9)), next_steps=[services.NextStepData("Przynieść CV")]
    )

    body = api(caseworker).get(f"/api/v1/meetings/{meeting.pk}").json()

    [step] = meeting.next_steps.all()
    assert [item["text"] for item in body["next_steps"]] == ["Przynieść CV"]
    assert reads_of(caseworker) == read(meeting, step)


def test_a_correction_changes_only_the_fields_sent_and_is_audited(
    ours: Participant, caseworker: User
) -> None:
    meeting = meeting_for(ours, caseworker, at(date(2026, 3, 9)), notes="Pierwsza wersja.")

    response = post(
        api(caseworker), f"/api/v1/meetings/{meeting.pk}", {"notes": "Poprawione notatki."}, method="patch"
    )

    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.notes, meeting.duration_minutes, meeting.kind) == (
        "Poprawione notatki.",
        60,
        MeetingKind.SOCIAL_WORK,
    )
    [entry] = changes_of(meeting, caseworker)
    assert set(entry.changes) == {"notes"}


def test_moving_a_held_meetings_date_moves_the_persons_last_contact(
    ours: Participant, caseworker: User
) -> None:
    meeting = meeting_for(ours, caseworker, at(date(2026, 3, 9)))

    post(api(caseworker), f"/api/v1/meetings/{meeting.pk}", {"starts_at": "2026-03-04T10:00"}, method="patch")

    ours.refresh_from_db()
    assert ours.last_contact_at == at(date(2026, 3, 4))


def test_a_held_meeting_cannot_be_moved_into_the_future_and_the_error_names_the_field(
    ours: Participant, caseworker: User
) -> None:
    meeting = meeting_for(ours, caseworker, at(date(2026, 3, 9)))

    response = post(
        api(caseworker), f"/api/v1/meetings/{meeting.pk}", {"starts_at": "2026-04-01T10:00"}, method="patch"
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["starts_at"]
    assert "starts_at" in body["message"]


def test_a_field_that_cannot_be_empty_is_refused_when_sent_as_null(
    ours: Participant, caseworker: User
) -> None:
    meeting = meeting_for(ours, caseworker, at(date(2026, 3, 9)))

    response = post(api(caseworker), f"/api/v1/meetings/{meeting.pk}", {"kind": None}, method="patch")

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["kind"]


def test_a_planned_meeting_is_marked_held_once_its_time_has_come(ours: Participant, caseworker: User) -> None:
    meeting = meeting_for(ours, caseworker, at(date(2026, 3, 12)))
    assert meeting.status == MeetingStatus.PLANNED

    with time_machine.travel(at(date(2026, 3, 12), 15), tick=False):
        response = post(api(caseworker), f"/api/v1/meetings/{meeting.pk}/held", {"notes": "Odbyło się."})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["notes"]) == ("held", "Odbyło się.")
    assert changes_of(meeting, caseworker)


def test_a_meeting_already_held_is_not_marked_held_again(ours: Participant, caseworker: User) -> None:
    meeting = meeting_for(ours, caseworker, at(date(2026, 3, 9)))

    response = post(api(caseworker), f"/api/v1/meetings/{meeting.pk}/held", {})

    assert response.status_code == 400
    assert response.json()["code"] == "already_held"


def test_a_next_step_is_added_and_ticked_off_with_the_day(ours: Participant, caseworker: User) -> None:
    meeting = meeting_for(ours, caseworker, at(date(2026, 3, 9)))
    client = api(caseworker)

    added = post(client, f"/api/v1/meetings/{meeting.pk}/next-steps", {"text": "Zadzwonić do PUP"})
    step_id = added.json()["id"]
    ticked = post(
        client, f"/api/v1/meetings/{meeting.pk}/next-steps/{step_id}", {"done": True}, method="patch"
    )

    assert added.status_code == 201
    assert ticked.status_code == 200
    assert (ticked.json()["done"], ticked.json()["done_on"]) == (True, "2026-03-11")


def test_a_next_step_due_before_the_meeting_is_refused_naming_its_row(
    ours: Participant, caseworker: User
) -> None:
    steps = [{"text": "Dobry krok"}, {"text": "Zły krok", "due_on": "2026-03-01"}]

    response = post(
        api(caseworker), f"/api/v1/participants/{ours.pk}/meetings", meeting_input(next_steps=steps)
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["next_steps[1].due_on"]
    assert not Meeting.objects.exists()


def test_a_family_member_of_another_person_is_refused_naming_the_field(
    ours: Participant, theirs: Participant, caseworker: User
) -> None:
    stranger = FamilyMember.objects.create(participant=theirs, first_name="Jan", relation="spouse")

    response = post(
        api(caseworker),
        f"/api/v1/participants/{ours.pk}/meetings",
        meeting_input(family_member_id=stranger.pk),
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["family_member_id"]


def test_a_meeting_with_a_family_member_names_them(ours: Participant, caseworker: User) -> None:
    mother = FamilyMember.objects.create(participant=ours, first_name="Halina", relation="parent")

    response = post(
        api(caseworker),
        f"/api/v1/participants/{ours.pk}/meetings",
        meeting_input(family_member_id=mother.pk, kind=MeetingKind.HOME_VISIT),
    )

    assert response.json()["family_member_id"] == mother.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"duration_minutes": 0}, "duration_minutes"),
        ({"kind": "picnic"}, "kind"),
        ({"starts_at": "yesterday"}, "starts_at"),
        ({"notes": "x" * 20_001}, "notes"),
        ({"next_steps": [{"text": "Dobry"}, {"text": ""}]}, "next_steps[1].text"),
    ],
)
def test_input_that_does_not_fit_the_schema_is_a_422_naming_the_field(
    ours: Participant, caseworker: User, change: dict[str, Any], field: str
) -> None:
    response = post(api(caseworker), f"/api/v1/participants/{ours.pk}/meetings", meeting_input(**change))

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert field in response.json()["message"]
    assert list(response.json()["fields"]) == [field]


def test_another_organisations_meetings_are_the_same_404_as_missing_ones(
    theirs: Participant, outsider: User, caseworker: User
) -> None:
    meeting = meeting_for(theirs, outsider, at(date(2026, 3, 9)))
    client = api(caseworker)

    answers = [
        client.get(f"/api/v1/participants/{theirs.pk}/meetings"),
        client.get(f"/api/v1/meetings/{meeting.pk}"),
        post(client, f"/api/v1/meetings/{meeting.pk}", {"notes": "Cudze"}, method="patch"),
        post(client, f"/api/v1/participants/{theirs.pk}/meetings", meeting_input()),
        post(client, f"/api/v1/meetings/{meeting.pk}/next-steps", {"text": "Cudzy krok"}),
        client.get(f"/api/v1/meetings/{meeting.pk + 1000}"),
    ]

    assert {answer.status_code for answer in answers} == {404}
    assert {answer.json()["code"] for answer in answers} == {"not_found"}
    meeting.refresh_from_db()
    assert meeting.notes == ""
    assert not meeting.next_steps.exists()
    assert not reads_of(caseworker)


def test_ids_too_large_for_the_database_are_a_404_not_a_500(ours: Participant, caseworker: User) -> None:
    client = api(caseworker)

    answers = [
        client.get(f"/api/v1/participants/{HUGE}/meetings"),
        client.get(f"/api/v1/meetings/{HUGE}"),
        client.get(f"/api/v1/services/{HUGE}"),
        client.get(f"/api/v1/participants/{HUGE}/case-assignments"),
        client.get(f"/api/v1/participants/{ours.pk}/meetings", {"page": HUGE}),
    ]
    refused = post(
        client, f"/api/v1/participants/{ours.pk}/meetings", meeting_input(family_member_id=int(HUGE))
    )

    assert [answer.status_code for answer in answers] == [404, 404, 404, 404, 200]
    assert (refused.status_code, list(refused.json()["fields"])) == (422, ["family_member_id"])


def test_roles_without_case_work_are_refused_with_403(
    ours: Participant, employer_contact: User, participant: User
) -> None:
    for user in (employer_contact, participant):
        client = api(user)
        assert client.get(f"/api/v1/participants/{ours.pk}/meetings").status_code == 403
        assert post(client, f"/api/v1/participants/{ours.pk}/meetings", meeting_input()).status_code == 403
        assert client.get(f"/api/v1/participants/{ours.pk}/services").status_code == 403
    assert not Meeting.objects.exists()


def test_a_write_needs_the_csrf_token_of_the_session_and_is_refused_in_the_error_shape(
    ours: Participant, caseworker: User
) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(caseworker, backend="django.contrib.auth.backends.ModelBackend")
    client.get("/api/v1/me")
    url = f"/api/v1/participants/{ours.pk}/services"

    without = client.post(url, service_input(), content_type="application/json")
    token = client.cookies["csrftoken"].value
    with_token = client.post(url, service_input(), content_type="application/json", HTTP_X_CSRFTOKEN=token)

    assert without.status_code == 403
    assert without.json() == {
        "code": "csrf_failed",
        "message": "Send the value of the csrftoken cookie in the X-CSRFToken header.",
    }
    assert with_token.status_code == 201


def test_a_body_that_is_not_json_is_refused_in_the_error_shape(ours: Participant, caseworker: User) -> None:
    response = api(caseworker).post(
        f"/api/v1/participants/{ours.pk}/meetings", "{starts_at:", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


# --- Services -------------------------------------------------------------------------


def test_a_service_is_recorded_listed_read_and_corrected_each_audited(
    ours: Participant, caseworker: User
) -> None:
    client = api(caseworker)

    created = post(client, f"/api/v1/participants/{ours.pk}/services", service_input())
    service = ServiceDelivery.objects.get(participant=ours)
    listed = client.get(f"/api/v1/participants/{ours.pk}/services")
    corrected = post(client, f"/api/v1/services/{service.pk}", {"cost": "300.00"}, method="patch")
    opened = client.get(f"/api/v1/services/{service.pk}")

    assert created.status_code == 201
    assert (created.json()["kind"], created.json()["cost"]) == ("dentist", "280.50")
    assert [item["id"] for item in listed.json()["items"]] == [service.pk]
    assert corrected.status_code == 200
    assert opened.json()["cost"] == "300.00"
    assert AuditEntry.objects.get_for_object(service).get(action=AuditEntry.Action.CREATE).actor == caseworker
    [change] = changes_of(service, caseworker)
    assert set(change.changes) == {"cost"}
    assert reads_of(caseworker)[("servicedelivery", service.pk)] >= 3


def test_a_service_without_a_provider_is_refused_naming_the_field(
    ours: Participant, caseworker: User
) -> None:
    response = post(
        api(caseworker), f"/api/v1/participants/{ours.pk}/services", service_input(provider_name="")
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["provider_name"]


def test_a_partner_organisation_provides_a_service(
    ours: Participant, caseworker: User, other_organisation: Organisation, organisation: Organisation
) -> None:
    client = api(caseworker)
    url = f"/api/v1/participants/{ours.pk}/services"

    partner = post(
        client, url, service_input(provider_name="", provider_organisation_id=other_organisation.pk)
    )
    own = post(client, url, service_input(provider_name="", provider_organisation_id=organisation.pk))

    assert partner.json()["provider_organisation_id"] == other_organisation.pk
    assert own.status_code == 400
    assert list(own.json()["fields"]) == ["provider_organisation_id"]


def test_a_negative_cost_is_a_422(ours: Participant, caseworker: User) -> None:
    response = post(api(caseworker), f"/api/v1/participants/{ours.pk}/services", service_input(cost="-1"))

    assert response.status_code == 422
    assert "cost" in response.json()["message"]


def test_another_organisations_services_are_a_404(
    theirs: Participant, outsider: User, caseworker: User
) -> None:
    service = services.service_record(
        actor=outsider,
        participant=theirs,
        data=services.ServiceData(kind="legal_advice", provider_name="Kancelaria", delivered_on=TODAY),
    )
    client = api(caseworker)

    answers = [
        client.get(f"/api/v1/participants/{theirs.pk}/services"),
        client.get(f"/api/v1/services/{service.pk}"),
        post(client, f"/api/v1/services/{service.pk}", {"cost": "1.00"}, method="patch"),
        post(client, f"/api/v1/participants/{theirs.pk}/services", service_input()),
    ]

    assert {answer.status_code for answer in answers} == {404}
    service.refresh_from_db()
    assert service.cost == Decimal("0.00")


# --- Case workers ---------------------------------------------------------------------


def test_a_coordinator_assigns_a_case_worker_and_the_assignment_is_audited(
    ours: Participant, coordinator: User, caseworker: User
) -> None:
    response = post(
        api(coordinator), f"/api/v1/participants/{ours.pk}/case-assignments", {"worker_id": caseworker.pk}
    )

    assert response.status_code == 201
    assignment = CaseAssignment.objects.get(participant=ours)
    assert (response.json()["worker_id"], response.json()["is_active"]) == (caseworker.pk, True)
    assert (
        AuditEntry.objects.get_for_object(assignment).get(action=AuditEntry.Action.CREATE).actor
        == coordinator
    )


def test_a_caseworker_sees_who_looks_after_a_person_and_the_read_is_logged(
    ours: Participant, caseworker: User, in_care: CaseAssignment
) -> None:
    response = api(caseworker).get(f"/api/v1/participants/{ours.pk}/case-assignments")

    assert [row["worker_id"] for row in response.json()] == [caseworker.pk]
    assert reads_of(caseworker) == read(ours, in_care)


def test_a_caseworker_may_not_assign_like_on_the_page(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    response = post(
        api(caseworker), f"/api/v1/participants/{ours.pk}/case-assignments", {"worker_id": caseworker.pk}
    )

    assert response.status_code == 403
    assert not CaseAssignment.objects.exists()


def test_a_worker_of_another_organisation_cannot_be_assigned(
    ours: Participant, coordinator: User, outsider: User
) -> None:
    response = post(
        api(coordinator), f"/api/v1/participants/{ours.pk}/case-assignments", {"worker_id": outsider.pk}
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["worker_id"]


def test_a_worker_already_looking_after_the_person_is_not_assigned_twice(
    ours: Participant, coordinator: User, caseworker: User, in_care: CaseAssignment
) -> None:
    response = post(
        api(coordinator), f"/api/v1/participants/{ours.pk}/case-assignments", {"worker_id": caseworker.pk}
    )

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["worker_id"]


def test_an_assignment_is_ended_and_handed_over(
    ours: Participant, coordinator: User, caseworker: User, org_admin: User, in_care: CaseAssignment
) -> None:
    client = api(coordinator)
    base = f"/api/v1/participants/{ours.pk}/case-assignments/{in_care.pk}"

    handed = post(client, f"{base}/reassign", {"worker_id": org_admin.pk})
    ended_again = post(client, f"{base}/end", {})
    new = handed.json()["id"]
    ended = post(client, f"/api/v1/participants/{ours.pk}/case-assignments/{new}/end", {})

    assert handed.status_code == 201
    assert ended_again.status_code == 400
    assert ended.status_code == 200
    assert ended.json()["ended_on"] == "2026-03-11"
    in_care.refresh_from_db()
    assert (in_care.ended_on, in_care.ended_by) == (TODAY, coordinator)
    assert changes_of(in_care, coordinator)


def test_another_organisations_case_workers_are_a_404(
    theirs: Participant, outsider_admin: User, outsider: User, coordinator: User
) -> None:
    assignment = services.assignment_create(actor=outsider_admin, participant=theirs, worker=outsider)
    client = api(coordinator)

    answers = [
        client.get(f"/api/v1/participants/{theirs.pk}/case-assignments"),
        post(client, f"/api/v1/participants/{theirs.pk}/case-assignments", {"worker_id": coordinator.pk}),
        post(client, f"/api/v1/participants/{theirs.pk}/case-assignments/{assignment.pk}/end", {}),
    ]

    assert {answer.status_code for answer in answers} == {404}
    assignment.refresh_from_db()
    assert assignment.is_active


# --- The schema -----------------------------------------------------------------------


def test_the_openapi_schema_describes_the_case_work_operations(client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/participants/{participant_id}/meetings",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/meetings/{meeting_id}/held",
        "/api/v1/meetings/{meeting_id}/next-steps",
        "/api/v1/meetings/{meeting_id}/next-steps/{step_id}",
        "/api/v1/participants/{participant_id}/services",
        "/api/v1/services/{service_id}",
        "/api/v1/participants/{participant_id}/case-assignments",
        "/api/v1/participants/{participant_id}/case-assignments/{assignment_id}/end",
        "/api/v1/participants/{participant_id}/case-assignments/{assignment_id}/reassign",
    } <= set(paths)
    assert set(paths["/api/v1/meetings/{meeting_id}"]) == {"get", "patch"}
    assert "400" in paths["/api/v1/participants/{participant_id}/meetings"]["post"]["responses"]


# --- Hostile input --------------------------------------------------------------------

HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=20),
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "0001-01-01T00:00",
            "9999-12-31T23:59",
            "2026-03-10T09:30",
            "NaN",
            "1e400",
        ]
    ),
    st.sampled_from(["a\x00b", "x" * 20_001, HUGE, "-1", "0", "other", "home_visit", "dentist"]),
    st.lists(st.dictionaries(st.sampled_from(["text", "due_on"]), st.text(max_size=5)), max_size=2),
)
MEETING_KEYS = ["starts_at", "duration_minutes", "kind", "notes", "family_member_id", "next_steps"]
SERVICE_KEYS = ["kind", "provider_name", "provider_organisation_id", "delivered_on", "cost", "notes"]


@pytest.mark.parametrize(
    ("url", "method", "keys"),
    [
        ("/api/v1/participants/{person}/meetings", "post", MEETING_KEYS),
        ("/api/v1/meetings/{meeting}", "patch", MEETING_KEYS),
        ("/api/v1/participants/{person}/services", "post", SERVICE_KEYS),
        ("/api/v1/meetings/{meeting}/next-steps", "post", ["text", "due_on"]),
        ("/api/v1/participants/{person}/case-assignments", "post", ["worker_id"]),
    ],
)
def test_hostile_input_is_refused_never_a_500(
    ours: Participant, coordinator: User, url: str, method: str, keys: list[str]
) -> None:
    meeting = meeting_for(ours, coordinator, at(date(2026, 3, 9)))
    client = api(coordinator)
    address = url.format(person=ours.pk, meeting=meeting.pk)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.dictionaries(st.sampled_from(keys), HOSTILE))
    def refused_or_accepted(payload: dict[str, Any]) -> None:
        response = post(client, address, payload, method=method)
        assert response.status_code in {200, 201, 400, 422}, response.content

    refused_or_accepted()


def test_a_nul_character_or_an_absurd_date_is_a_422_naming_the_field(
    ours: Participant, caseworker: User
) -> None:
    url = f"/api/v1/participants/{ours.pk}/meetings"

    nul = post(api(caseworker), url, meeting_input(notes="a\x00b"))
    ancient = post(api(caseworker), url, meeting_input(starts_at="0001-01-01T00:00"))

    assert (nul.status_code, list(nul.json()["fields"])) == (422, ["notes"])
    assert (ancient.status_code, list(ancient.json()["fields"])) == (422, ["starts_at"])
