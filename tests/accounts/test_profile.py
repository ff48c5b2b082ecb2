from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.accounts.services import ProfileData
from reintegra.audit.models import AuditEntry
from tests.conftest import client_for


def without_tokens(content: bytes) -> bytes:
    """The page without its per-response CSRF token and CSP nonce."""
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'nonce="[^"]+"', b"", content)


def same_page(first: bytes, second: bytes) -> bool:
    """Two pages are the same apart from tokens and the id asked for in the URL."""

    def normalised(content: bytes) -> bytes:
        return re.sub(rb"/users/\d+/", b"/users/ID/", without_tokens(content))

    return normalised(first) == normalised(second)


def entries_for(user: User, action: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_pk=str(user.pk), action=action, content_type__model="user"))


@pytest.mark.django_db
def test_reading_a_profile_writes_an_access_entry(
    as_admin: Client, org_admin: User, caseworker: User
) -> None:
    response = as_admin.get(reverse("accounts:user_detail", args=[caseworker.pk]), REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 200
    [entry] = entries_for(caseworker, AuditEntry.Action.ACCESS)
    assert entry.actor == org_admin
    assert entry.remote_addr == "10.1.2.3"
    assert caseworker.memberships.get().organisation in entry.organisations.all()


@pytest.mark.django_db
def test_editing_a_profile_records_before_and_after(
    as_admin: Client, org_admin: User, caseworker: User
) -> None:
    old_phone = caseworker.phone
    response = as_admin.post(
        reverse("accounts:user_edit", args=[caseworker.pk]),
        {
            "first_name": caseworker.first_name,
            "last_name": "Nowakowska",
            "email": caseworker.email,
            "phone": "+48 600 100 200",
            "job_title": "asystentka rodziny",
        },
    )

    assert response.status_code == 302
    [entry] = entries_for(caseworker, AuditEntry.Action.UPDATE)
    assert entry.actor == org_admin
    assert entry.changes["last_name"][1] == "Nowakowska"
    assert entry.changes["phone"] == [old_phone or "", "+48 600 100 200"]


@pytest.mark.django_db
def test_a_caseworker_can_edit_their_own_profile(as_caseworker: Client, caseworker: User) -> None:
    response = as_caseworker.post(
        reverse("accounts:user_edit", args=[caseworker.pk]),
        {
            "first_name": "Anna",
            "last_name": "Zając",
            "email": "anna@example.org",
            "phone": "",
            "job_title": "",
        },
    )

    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.last_name == "Zając"


@pytest.mark.django_db
def test_a_caseworker_cannot_edit_a_colleagues_profile(as_caseworker: Client, coordinator: User) -> None:
    response = as_caseworker.get(reverse("accounts:user_edit", args=[coordinator.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_another_organisation_gets_the_same_404_as_for_a_missing_user(
    as_outsider: Client, caseworker: User
) -> None:
    foreign = as_outsider.get(reverse("accounts:user_detail", args=[caseworker.pk]))
    missing = as_outsider.get(reverse("accounts:user_detail", args=[999_999]))

    assert foreign.status_code == missing.status_code == 404
    assert same_page(foreign.content, missing.content)
    assert not entries_for(caseworker, AuditEntry.Action.ACCESS)


@pytest.mark.django_db
def test_an_invalid_email_is_refused_with_a_message_naming_the_field(
    as_caseworker: Client, caseworker: User
) -> None:
    response = as_caseworker.post(
        reverse("accounts:user_edit", args=[caseworker.pk]),
        {"first_name": "Anna", "last_name": "Zając", "email": "nie-adres", "phone": "", "job_title": ""},
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert not entries_for(caseworker, AuditEntry.Action.UPDATE)


def test_a_profile_change_with_a_field_the_profile_does_not_have_is_refused(caseworker: User) -> None:
    known = {field: getattr(caseworker, field) for field in ("first_name", "last_name", "email", "phone")}

    with pytest.raises(TypeError, match="is_superuser"):
        ProfileData(**known, job_title="", is_superuser=True)  # type: ignore[call-arg]


@pytest.mark.django_db
def test_a_participants_profile_does_not_ask_for_a_job_title(participant: User) -> None:
    as_participant = client_for(participant)
    url = reverse("accounts:user_edit", args=[participant.pk])

    form_page = as_participant.get(url)
    response = as_participant.post(
        url, {"first_name": "Ola", "last_name": "Nowak", "email": "ola@example.org", "phone": ""}
    )

    assert 'name="job_title"' not in form_page.content.decode()
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.first_name, participant.job_title) == ("Ola", "")
    detail = as_participant.get(reverse("accounts:user_detail", args=[participant.pk])).content.decode()
    assert "Stanowisko" not in detail
    assert "Job title" not in detail


@pytest.mark.django_db
def test_a_team_members_profile_asks_for_a_job_title(as_caseworker: Client, caseworker: User) -> None:
    form_page = as_caseworker.get(reverse("accounts:user_edit", args=[caseworker.pk]))

    assert 'name="job_title"' in form_page.content.decode()
