from __future__ import annotations

import pytest
from django.test import Client

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from tests.conftest import client_for


@pytest.mark.django_db
def test_the_api_tells_who_is_signed_in(as_caseworker: Client, caseworker: User) -> None:
    response = as_caseworker.get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["username"] == caseworker.username


@pytest.mark.django_db
def test_an_anonymous_caller_gets_401_in_the_error_shape(client: Client) -> None:
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 401
    assert response.json() == {"code": "unauthenticated", "message": "Log in to use the API."}


@pytest.mark.django_db
def test_a_user_of_another_organisation_gets_the_same_404_as_for_a_missing_one(
    as_outsider: Client, caseworker: User
) -> None:
    foreign = as_outsider.get(f"/api/v1/users/{caseworker.pk}")
    missing = as_outsider.get("/api/v1/users/999999")

    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert foreign.json()["code"] == "not_found"


@pytest.mark.django_db
def test_reading_a_profile_through_the_api_is_audited(org_admin: User, caseworker: User) -> None:
    response = client_for(org_admin).get(f"/api/v1/users/{caseworker.pk}")

    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.ACCESS, object_pk=str(caseworker.pk), actor=org_admin
    ).exists()


@pytest.mark.django_db
def test_a_caseworker_may_not_list_the_team(as_caseworker: Client) -> None:
    response = as_caseworker.get("/api/v1/users", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


@pytest.mark.django_db
def test_the_organisation_list_holds_only_the_users_organisations(
    as_caseworker: Client, caseworker: User, outsider: User
) -> None:
    names = {organisation["name"] for organisation in as_caseworker.get("/api/v1/organisations").json()}

    assert names == {caseworker.memberships.get().organisation.name}


@pytest.mark.django_db
def test_malformed_input_is_refused_with_a_message_naming_the_field(as_caseworker: Client) -> None:
    response = as_caseworker.get("/api/v1/users/not-a-number", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert "user_id" in response.json()["message"]


@pytest.mark.django_db
def test_error_responses_follow_the_documented_schema(client: Client, as_outsider: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    error_schema = schema["components"]["schemas"]["ErrorOut"]
    body = as_outsider.get("/api/v1/users/999999").json()

    assert set(body) == set(error_schema["required"]) == set(error_schema["properties"])
