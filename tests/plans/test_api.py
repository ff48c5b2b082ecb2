"""The plans API: a person's plans, one plan with its versions and signatures, a draft, a save
guarded by the revision read (409 on a conflict), signatures and moves; audited like the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan, PlanAction, PlanStatus
from reintegra.plans.services import ActionData, GoalData, PlanData
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.reads import read, reads_of

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)
HUGE = "1234567890123456789012345"


def send(client: Client, url: str, data: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(url, data, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")


def an_ipzs(participant: Participant, actor: User) -> IndividualPlan:
    return plan_services.plan_create(
        actor=actor, participant=participant, plan_type_code="ipzs", starts_on=START
    )


def with_rows(plan: IndividualPlan, actor: User) -> IndividualPlan:
    return plan_services.plan_save(
        actor=actor,
        plan=plan,
        revision=plan.revision,
        data=PlanData.of(plan),
        goals=[GoalData("Podjęcie zatrudnienia")],
        actions=[ActionData("Warsztat gastronomiczny", worker=actor, starts_on=START)],
    )


def agreed(plan: IndividualPlan, actor: User) -> IndividualPlan:
    plan_services.plan_sign(actor=actor, plan=plan, role="participant", name="Łucja Żółkiewska")
    plan_services.plan_sign(actor=actor, plan=plan, role="cis_director", name="Jan Kierownik")
    return IndividualPlan.objects.get(pk=plan.pk)


def plan_input(plan_json: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """What a client sends back after reading a plan: the plan as read, with its changes."""
    keys = ("revision", "starts_on", "review_on", "ends_on", "diagnosis", "support", "extra")
    return {
        **{key: plan_json[key] for key in keys},
        "goals": [{"id": g["id"], "text": g["text"], "achieved": g["achieved"]} for g in plan_json["goals"]],
        "actions": [
            {
                key: a[key]
                for key in ("id", "what", "worker_id", "responsible", "starts_on", "deadline", "status")
            }
            for a in plan_json["actions"]
        ],
        **overrides,
    }


# --- Reads ----------------------------------------------------------------------------


def test_a_persons_plans_are_listed_newest_version_of_each_and_the_reads_are_logged(
    ours: Participant, caseworker: User
) -> None:
    first = agreed(an_ipzs(ours, caseworker), caseworker)
    second = with_rows(first, caseworker)  # version 2, a draft

    response = client_for(caseworker).get(f"/api/v1/participants/{ours.pk}/plans")

    assert response.status_code == 200
    body = response.json()
    assert [(item["id"], item["number"], item["status"]) for item in body["items"]] == [
        (second.pk, 2, "draft")
    ]
    assert body["count"] == 1
    assert reads_of(caseworker) == read(ours, second)


def test_a_plan_is_read_with_its_goals_actions_signatures_and_versions_all_logged(
    ours: Participant, caseworker: User
) -> None:
    plan = with_rows(an_ipzs(ours, caseworker), caseworker)
    signature = plan_services.plan_sign(
        actor=caseworker, plan=plan, role="participant", name="Łucja Żółkiewska"
    )

    response = client_for(caseworker).get(f"/api/v1/plans/{plan.pk}")

    assert response.status_code == 200
    body = response.json()
    assert (body["plan_type"], body["status"], body["revision"], body["is_current"]) == (
        "ipzs",
        "draft",
        2,
        True,
    )
    assert [goal["text"] for goal in body["goals"]] == ["Podjęcie zatrudnienia"]
    assert [(a["what"], a["worker_id"]) for a in body["actions"]] == [
        ("Warsztat gastronomiczny", caseworker.pk)
    ]
    assert [(s["role"], s["name"]) for s in body["signatures"]] == [("participant", "Łucja Żółkiewska")]
    assert body["missing_signatories"] == ["cis_director"]
    assert body["moves"] == ["agreed", "closed"]  # as the page offers them
    assert [version["number"] for version in body["versions"]] == [1]
    [goal] = plan.goals.all()
    [action] = plan.actions.all()
    assert reads_of(caseworker) == read(plan, goal, action, signature)


# --- Writes ---------------------------------------------------------------------------


def test_a_caseworker_creates_a_draft_and_the_creation_is_audited(
    ours: Participant, caseworker: User
) -> None:
    response = send(
        client_for(caseworker),
        f"/api/v1/participants/{ours.pk}/plans",
        {"plan_type": "ipzs", "starts_on": "2026-03-02"},
    )

    assert response.status_code == 201
    plan = IndividualPlan.objects.get(participant=ours)
    assert (response.json()["id"], response.json()["status"], response.json()["review_on"]) == (
        plan.pk,
        "draft",
        "2026-04-01",
    )
    assert AuditEntry.objects.get_for_object(plan).get(action=AuditEntry.Action.CREATE).actor == caseworker


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"plan_type": "group_plan", "starts_on": "2026-03-02"}, "plan_type"),
        ({"plan_type": "nonsense", "starts_on": "2026-03-02"}, "plan_type"),
        ({"plan_type": "ipzs", "starts_on": "2026-03-02", "programme_id": 1}, "programme_id"),
        (
            {"plan_type": "ipzs", "starts_on": "2026-03-02", "source_response_id": 999_999},
            "source_response_id",
        ),
    ],
)
def test_a_draft_with_a_wrong_type_or_reference_is_refused_naming_the_field(
    ours: Participant, caseworker: User, data: dict[str, Any], field: str
) -> None:
    response = send(client_for(caseworker), f"/api/v1/participants/{ours.pk}/plans", data)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert not IndividualPlan.objects.exists()


def test_a_draft_is_saved_in_place_with_the_revision_read_and_the_change_is_audited(
    ours: Participant, caseworker: User
) -> None:
    plan = with_rows(an_ipzs(ours, caseworker), caseworker)
    client = client_for(caseworker)
    read_plan = client.get(f"/api/v1/plans/{plan.pk}").json()
    goals = [*read_plan["goals"], {"text": "Ukończenie kursu"}]

    response = send(
        client,
        f"/api/v1/plans/{plan.pk}",
        plan_input(read_plan, support="Wsparcie psychologa", goals=goals),
        method="put",
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["revision"], body["support"]) == (plan.pk, 3, "Wsparcie psychologa")
    assert [goal["text"] for goal in body["goals"]] == ["Podjęcie zatrudnienia", "Ukończenie kursu"]
    assert body["goals"][0]["id"] == read_plan["goals"][0]["id"]
    changed = AuditEntry.objects.get_for_object(plan).filter(
        action=AuditEntry.Action.UPDATE, actor=caseworker
    )
    assert changed.exists()


def test_the_second_of_two_saves_from_the_same_reading_is_a_409_and_writes_nothing(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    plan = with_rows(an_ipzs(ours, caseworker), caseworker)
    mine, theirs = client_for(caseworker), client_for(coordinator)
    read_by_me = mine.get(f"/api/v1/plans/{plan.pk}").json()
    read_by_them = theirs.get(f"/api/v1/plans/{plan.pk}").json()

    first = send(
        theirs, f"/api/v1/plans/{plan.pk}", plan_input(read_by_them, support="Pierwszy"), method="put"
    )
    second = send(mine, f"/api/v1/plans/{plan.pk}", plan_input(read_by_me, support="Drugi"), method="put")

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["code"] == "conflict"
    plan.refresh_from_db()
    assert plan.support == "Pierwszy"


def test_saving_an_agreed_plan_makes_a_new_draft_version_and_keeps_the_agreed_one(
    ours: Participant, caseworker: User
) -> None:
    plan = agreed(with_rows(an_ipzs(ours, caseworker), caseworker), caseworker)
    client = client_for(caseworker)
    read_plan = client.get(f"/api/v1/plans/{plan.pk}").json()

    response = send(client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, diagnosis="Nowa"), method="put")

    body = response.json()
    assert response.status_code == 200
    assert (body["number"], body["status"], body["diagnosis"]) == (2, "draft", "Nowa")
    assert body["id"] != plan.pk
    assert [version["number"] for version in body["versions"]] == [2, 1]
    assert [a["what"] for a in body["actions"]] == ["Warsztat gastronomiczny"]
    plan.refresh_from_db()
    assert (plan.status, plan.diagnosis) == (PlanStatus.AGREED, "")
    old = client.get(f"/api/v1/plans/{plan.pk}").json()
    assert (old["is_current"], old["moves"]) == (False, [])


def test_a_save_with_bad_rows_is_refused_naming_each_row_and_field(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    plan = an_ipzs(ours, caseworker)
    client = client_for(caseworker)
    read_plan = client.get(f"/api/v1/plans/{plan.pk}").json()
    actions = [
        {"what": "Dobre", "worker_id": caseworker.pk},
        {"what": "Cudzy pracownik", "worker_id": outsider.pk},
    ]

    wrong_worker = send(
        client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, actions=actions), method="put"
    )
    late = [{"what": "Na opak", "starts_on": "2026-05-01", "deadline": "2026-04-01"}]
    wrong_dates = send(client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, actions=late), method="put")
    wrong_extra = send(
        client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, extra={"nonsense": "x"}), method="put"
    )

    assert wrong_worker.status_code == 400
    assert list(wrong_worker.json()["fields"]) == ["actions[1].worker_id"]
    assert list(wrong_dates.json()["fields"]) == ["actions[0].deadline"]
    assert list(wrong_extra.json()["fields"]) == ["extra"]
    assert not PlanAction.objects.exists()


def test_signing_by_every_party_makes_the_plan_agreed(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)
    client = client_for(caseworker)

    first = send(client, f"/api/v1/plans/{plan.pk}/signatures", {"role": "participant", "name": "Łucja Ż."})
    last = send(
        client,
        f"/api/v1/plans/{plan.pk}/signatures",
        {"role": "cis_director", "name": "Jan Kierownik", "signed_on": "2026-03-03"},
    )

    assert first.status_code == 201
    assert first.json()["status"] == "draft"
    assert (last.json()["status"], last.json()["missing_signatories"]) == ("agreed", [])
    assert last.json()["moves"] == ["under_review", "closed"]
    [signature] = [s for s in last.json()["signatures"] if s["role"] == "cis_director"]
    assert signature["signed_on"] == "2026-03-03"


def test_a_signature_twice_or_of_a_stranger_to_the_type_is_refused(
    ours: Participant, caseworker: User
) -> None:
    plan = an_ipzs(ours, caseworker)
    client = client_for(caseworker)
    url = f"/api/v1/plans/{plan.pk}/signatures"

    send(client, url, {"role": "participant", "name": "Łucja Ż."})
    twice = send(client, url, {"role": "participant", "name": "Łucja Ż."})
    stranger = send(client, url, {"role": "pope", "name": "Ktoś"})

    assert (twice.status_code, list(twice.json()["fields"])) == (400, ["role"])
    assert (stranger.status_code, list(stranger.json()["fields"])) == (400, ["role"])


def test_a_plan_moves_along_its_workflow_and_an_illegal_move_is_a_409(
    ours: Participant, caseworker: User
) -> None:
    plan = agreed(an_ipzs(ours, caseworker), caseworker)
    client = client_for(caseworker)

    reviewed = send(client, f"/api/v1/plans/{plan.pk}/move", {"to": "under_review"})
    closed = send(client, f"/api/v1/plans/{plan.pk}/move", {"to": "closed"})
    reopened = send(client, f"/api/v1/plans/{plan.pk}/move", {"to": "agreed"})
    unknown = send(client, f"/api/v1/plans/{plan.pk}/move", {"to": "lost"})

    assert (reviewed.status_code, reviewed.json()["status"]) == (200, "under_review")
    assert (closed.status_code, closed.json()["moves"]) == (200, [])
    assert (reopened.status_code, reopened.json()["code"]) == (409, "illegal_move")
    assert unknown.status_code == 422
    assert AuditEntry.objects.get_for_object(plan).filter(action=AuditEntry.Action.UPDATE).count() >= 3


def test_an_unsigned_draft_is_not_agreed(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)

    response = send(client_for(caseworker), f"/api/v1/plans/{plan.pk}/move", {"to": "agreed"})

    assert (response.status_code, response.json()["code"]) == (400, "unsigned")


def test_a_closed_plan_is_not_saved(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)
    client = client_for(caseworker)
    read_plan = client.get(f"/api/v1/plans/{plan.pk}").json()
    plan_services.plan_move(actor=caseworker, plan=plan, to_status=PlanStatus.CLOSED)

    response = send(
        client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, support="Po czasie"), method="put"
    )

    assert response.status_code in {400, 409}
    plan.refresh_from_db()
    assert plan.support == ""


# --- Refusals -------------------------------------------------------------------------


def test_another_organisations_plans_are_the_same_404_as_missing_ones(
    other_organisation: Any, outsider: User, caseworker: User
) -> None:
    theirs = ParticipantFactory(organisation=other_organisation)
    plan = an_ipzs(theirs, outsider)
    client = client_for(caseworker)
    read_plan = client_for(outsider).get(f"/api/v1/plans/{plan.pk}").json()

    answers = [
        client.get(f"/api/v1/participants/{theirs.pk}/plans"),
        client.get(f"/api/v1/plans/{plan.pk}"),
        send(
            client,
            f"/api/v1/participants/{theirs.pk}/plans",
            {"plan_type": "ipzs", "starts_on": "2026-03-02"},
        ),
        send(client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, support="Cudze"), method="put"),
        send(client, f"/api/v1/plans/{plan.pk}/signatures", {"role": "participant", "name": "X"}),
        send(client, f"/api/v1/plans/{plan.pk}/move", {"to": "closed"}),
        client.get(f"/api/v1/plans/{plan.pk + 1000}"),
        client.get(f"/api/v1/plans/{HUGE}"),
        client.get(f"/api/v1/participants/{HUGE}/plans"),
    ]

    assert {answer.status_code for answer in answers} == {404}
    assert {answer.json()["code"] for answer in answers} == {"not_found"}
    plan.refresh_from_db()
    assert (plan.status, plan.support) == (PlanStatus.DRAFT, "")
    assert not reads_of(caseworker)


def test_roles_without_case_work_are_refused_with_403(
    ours: Participant, caseworker: User, employer_contact: User, participant: User
) -> None:
    plan = an_ipzs(ours, caseworker)
    for user in (employer_contact, participant):
        client = client_for(user)
        assert client.get(f"/api/v1/participants/{ours.pk}/plans").status_code == 403
        assert client.get(f"/api/v1/plans/{plan.pk}").status_code == 403
        assert send(client, f"/api/v1/plans/{plan.pk}/move", {"to": "closed"}).status_code == 403
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_a_stale_or_malformed_revision_is_refused(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)
    client = client_for(caseworker)
    read_plan = client.get(f"/api/v1/plans/{plan.pk}").json()

    stale = send(client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, revision=int(HUGE)), method="put")
    malformed = send(
        client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, revision="first"), method="put"
    )

    assert stale.status_code == 409
    assert malformed.status_code == 422
    assert "revision" in malformed.json()["message"]


def test_the_openapi_schema_describes_the_plan_operations(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]

    assert {
        "/api/v1/participants/{participant_id}/plans",
        "/api/v1/plans/{plan_id}",
        "/api/v1/plans/{plan_id}/signatures",
        "/api/v1/plans/{plan_id}/move",
    } <= set(paths)
    assert set(paths["/api/v1/plans/{plan_id}"]) == {"get", "put"}
    assert "409" in paths["/api/v1/plans/{plan_id}"]["put"]["responses"]
    assert "revision" in schema["components"]["schemas"]["PlanIn"]["required"]


# --- Hostile input --------------------------------------------------------------------

HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=20),
    st.sampled_from(
        ["0001-01-01", "9999-12-31", "2026-03-02", "ipzs", "participant", "closed", "a\x00b", HUGE]
    ),
    st.dictionaries(
        st.sampled_from(["referred_by", "workshop", "x\x00", ""]), st.text(max_size=5), max_size=2
    ),
    st.lists(
        st.dictionaries(
            st.sampled_from(["id", "text", "what", "worker_id", "deadline", "status"]),
            st.one_of(st.integers(min_value=-(10**30), max_value=10**30), st.text(max_size=5)),
        ),
        max_size=2,
    ),
)
PLAN_KEYS = [
    "revision",
    "starts_on",
    "review_on",
    "ends_on",
    "diagnosis",
    "support",
    "extra",
    "goals",
    "actions",
]


@pytest.mark.parametrize(
    ("url", "method", "keys"),
    [
        ("/api/v1/participants/{person}/plans", "post", ["plan_type", "starts_on", "programme_id"]),
        ("/api/v1/plans/{plan}", "put", PLAN_KEYS),
        ("/api/v1/plans/{plan}/signatures", "post", ["role", "name", "signed_on"]),
        ("/api/v1/plans/{plan}/move", "post", ["to"]),
    ],
)
def test_hostile_input_is_refused_never_a_500(
    ours: Participant, caseworker: User, url: str, method: str, keys: list[str]
) -> None:
    plan = an_ipzs(ours, caseworker)
    client = client_for(caseworker)
    address = url.format(person=ours.pk, plan=plan.pk)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.dictionaries(st.sampled_from(keys), HOSTILE))
    def refused_or_accepted(payload: dict[str, Any]) -> None:
        response = send(client, address, payload, method=method)
        assert response.status_code in {200, 201, 400, 409, 422}, response.content

    refused_or_accepted()


@pytest.mark.parametrize(
    ("bad", "status", "field"),
    [
        ({"deadline": "9999-12-31"}, 422, "actions[1].deadline"),
        ({"worker_id": int(HUGE)}, 422, "actions[1].worker_id"),
        ({"worker_id": 999_999}, 400, "actions[1].worker_id"),
        ({"what": "a\x00b"}, 422, "actions[1].what"),
    ],
)
def test_a_save_with_a_hostile_row_names_the_row(
    ours: Participant, caseworker: User, bad: dict[str, Any], status: int, field: str
) -> None:
    plan = an_ipzs(ours, caseworker)
    client = client_for(caseworker)
    read_plan = client.get(f"/api/v1/plans/{plan.pk}").json()
    actions = [{"what": "Dobre"}, {"what": "Złe", **bad}]

    response = send(client, f"/api/v1/plans/{plan.pk}", plan_input(read_plan, actions=actions), method="put")

    assert response.status_code == status
    assert list(response.json()["fields"]) == [field]
