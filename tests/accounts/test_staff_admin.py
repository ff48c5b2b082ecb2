"""Staff administration: an organisation's administrator adds colleagues, changes their roles and
deactivates leavers; a deactivated account or an ended membership is refused on the next request."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, Role, User
from reintegra.audit.models import AuditEntry
from tests.conftest import client_for
from tests.factories import MembershipFactory

PASSWORD = "correct-horse-battery"  # what tests.factories.UserFactory sets
NEW_PASSWORD = "Zielona-herbata-2026"


def invite(client: Client, organisation: Organisation, **fields: str):
    data = {"first_name": "Anna", "last_name": "Zielińska", "email": "anna@example.org"}
    data["role"] = Role.CASE_WORKER
    return client.post(reverse("accounts:member_invite", args=[organisation.pk]), {**data, **fields})


def deactivate(client: Client, organisation: Organisation, member: User):
    return client.post(reverse("accounts:member_deactivate", args=[organisation.pk, member.pk]))


def change_role(client: Client, organisation: Organisation, member: User, role: str):
    return client.post(reverse("accounts:member_role", args=[organisation.pk, member.pk]), {"role": role})


def logs_in(username: str, password: str) -> bool:
    response = Client().post(reverse("accounts:login"), {"username": username, "password": password})
    return response.status_code == 302


def entries(model: str, action: int, actor: User) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(content_type__model=model, action=action, actor=actor))


# --- Adding a colleague ---------------------------------------------------------------


@pytest.mark.django_db
def test_an_administrator_adds_a_colleague_who_sets_her_password_from_the_emailed_link(
    as_admin: Client,
    org_admin: User,
    organisation: Organisation,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(as_admin, organisation, email="Anna@Example.org")

    assert response.status_code == 302
    anna = User.objects.get(email="anna@example.org")
    assert anna.username == "anna@example.org"
    assert not anna.has_usable_password()
    assert policy.roles_by_organisation(anna) == {organisation.pk: {Role.CASE_WORKER}}
    [message] = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "anna@example.org" in message.body
    path = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+)", message.body).group(1)  # type: ignore[union-attr]

    visitor = Client()
    form_page = visitor.get(path, follow=True)
    assert form_page.context["validlink"]
    new_password = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    visitor.post(form_page.redirect_chain[-1][0], new_password)
    assert logs_in("anna@example.org", NEW_PASSWORD)


@pytest.mark.django_db
def test_adding_a_colleague_is_audited_as_done_by_the_administrator(
    as_admin: Client, org_admin: User, organisation: Organisation
) -> None:
    invite(as_admin, organisation)

    assert len(entries("user", AuditEntry.Action.CREATE, org_admin)) == 1
    [membership_entry] = entries("membership", AuditEntry.Action.CREATE, org_admin)
    assert organisation in membership_entry.organisations.all()


@pytest.mark.django_db
def test_an_email_already_in_use_is_refused_on_the_email_field(
    as_admin: Client, organisation: Organisation, outsider: User, in_english: None
) -> None:
    response = invite(as_admin, organisation, email=outsider.email.upper())

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["An account with this e-mail address already exists."]
    }
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_participants_role_cannot_be_given_to_a_colleague(
    as_admin: Client, organisation: Organisation
) -> None:
    response = invite(as_admin, organisation, role=Role.PARTICIPANT)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["role"]
    assert not User.objects.filter(email="anna@example.org").exists()


@pytest.mark.django_db
def test_only_an_administrator_adds_colleagues(
    coordinator: User, organisation: Organisation, outsider_admin: User
) -> None:
    assert invite(client_for(coordinator), organisation).status_code == 403
    assert invite(client_for(outsider_admin), organisation).status_code == 404
    assert not User.objects.filter(email="anna@example.org").exists()


# --- The team page --------------------------------------------------------------------


@pytest.mark.django_db
def test_the_team_lists_colleagues_but_not_participants_nor_leavers(
    as_admin: Client, caseworker: User, participant: User, coordinator: User, organisation: Organisation
) -> None:
    deactivate(as_admin, organisation, coordinator)

    response = as_admin.get(reverse("accounts:user_list"))

    listed = set(response.context["users"])
    assert caseworker in listed
    assert participant not in listed
    assert coordinator not in listed
    assert reverse("accounts:member_invite", args=[organisation.pk]) in response.text


# --- Changing a role ------------------------------------------------------------------


@pytest.mark.django_db
def test_an_administrator_changes_a_members_role_and_the_old_one_ends(
    as_admin: Client, org_admin: User, caseworker: User, organisation: Organisation
) -> None:
    response = change_role(as_admin, organisation, caseworker, Role.COORDINATOR)

    assert response.status_code == 302
    assert policy.roles_by_organisation(User.objects.get(pk=caseworker.pk)) == {
        organisation.pk: {Role.COORDINATOR}
    }
    old = Membership.objects.get(user=caseworker, role=Role.CASE_WORKER)
    assert old.ends_on == timezone.localdate() - timedelta(days=1)
    assert entries("membership", AuditEntry.Action.UPDATE, org_admin)
    assert entries("membership", AuditEntry.Action.CREATE, org_admin)


@pytest.mark.django_db
def test_the_last_administrator_cannot_give_up_the_role(
    as_admin: Client, org_admin: User, organisation: Organisation, in_english: None
) -> None:
    response = change_role(as_admin, organisation, org_admin, Role.CASE_WORKER)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "role": ["The organisation must keep at least one administrator."]
    }
    stored = User.objects.get(pk=org_admin.pk)
    assert policy.roles_by_organisation(stored) == {organisation.pk: {Role.ORG_ADMIN}}


@pytest.mark.django_db
def test_a_role_not_on_offer_is_refused_on_the_role_field(
    as_admin: Client, caseworker: User, organisation: Organisation
) -> None:
    response = change_role(as_admin, organisation, caseworker, Role.EMPLOYER_CONTACT)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["role"]


@pytest.mark.django_db
def test_an_administrator_of_another_organisation_cannot_touch_our_members(
    outsider_admin: User, caseworker: User, organisation: Organisation, other_organisation: Organisation
) -> None:
    client = client_for(outsider_admin)

    assert change_role(client, organisation, caseworker, Role.COORDINATOR).status_code == 404
    assert change_role(client, other_organisation, caseworker, Role.COORDINATOR).status_code == 404
    assert deactivate(client, other_organisation, caseworker).status_code == 404
    assert User.objects.get(pk=caseworker.pk).is_active


# --- Deactivating a leaver ------------------------------------------------------------


@pytest.mark.django_db
def test_a_deactivated_leavers_open_session_is_refused_on_her_next_request(
    as_admin: Client, org_admin: User, caseworker: User, organisation: Organisation
) -> None:
    her_browser = client_for(caseworker)
    assert her_browser.get(reverse("people:participant_list")).status_code == 200

    response = deactivate(as_admin, organisation, caseworker)

    assert response.status_code == 302
    next_click = her_browser.get(reverse("people:participant_list"))
    assert next_click.status_code == 302
    assert next_click["Location"].startswith(reverse("accounts:login"))
    assert her_browser.get("/api/v1/me").status_code == 401
    assert not logs_in(caseworker.username, PASSWORD)
    [entry] = entries("user", AuditEntry.Action.UPDATE, org_admin)
    assert entry.changes_dict["is_active"] == ["True", "False"]


@pytest.mark.django_db
def test_deactivating_ends_the_sessions_of_the_leaver_only(
    as_admin: Client, caseworker: User, coordinator: User, organisation: Organisation
) -> None:
    from django.contrib.sessions.models import Session

    client_for(caseworker)
    client_for(coordinator)
    before = Session.objects.count()

    deactivate(as_admin, organisation, caseworker)

    assert Session.objects.count() == before - 1
    assert client_for(coordinator).get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_an_administrator_cannot_deactivate_herself(
    as_admin: Client, org_admin: User, organisation: Organisation, in_english: None
) -> None:
    response = deactivate(as_admin, organisation, org_admin)

    assert response.status_code == 400
    assert "You cannot deactivate your own account" in response.text
    assert User.objects.get(pk=org_admin.pk).is_active


@pytest.mark.django_db
def test_a_member_of_two_organisations_leaves_one_and_keeps_the_other(
    as_admin: Client, caseworker: User, organisation: Organisation, other_organisation: Organisation
) -> None:
    MembershipFactory(user=caseworker, organisation=other_organisation, role=Role.CASE_WORKER)

    deactivate(as_admin, organisation, caseworker)

    stored = User.objects.get(pk=caseworker.pk)
    assert stored.is_active
    assert policy.roles_by_organisation(stored) == {other_organisation.pk: {Role.CASE_WORKER}}


# --- Memberships with an end date -----------------------------------------------------


@pytest.mark.django_db
def test_a_membership_counts_until_its_end_date_and_not_after(caseworker: User) -> None:
    membership = caseworker.memberships.get()
    membership.ends_on = timezone.localdate()
    membership.save()
    assert policy.roles_by_organisation(User.objects.get(pk=caseworker.pk))

    membership.ends_on = timezone.localdate() - timedelta(days=1)
    membership.save()
    assert policy.roles_by_organisation(User.objects.get(pk=caseworker.pk)) == {}


@pytest.mark.django_db
def test_a_user_whose_memberships_have_ended_is_logged_out_on_the_next_request(
    caseworker: User, in_english: None
) -> None:
    client = client_for(caseworker)
    caseworker.memberships.update(ends_on=timezone.localdate() - timedelta(days=1))

    response = client.get(reverse("home"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("accounts:login"))
    assert "Your membership of the organisation has ended" in response.text
    assert not response.context["user"].is_authenticated
    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_a_leaver_whose_membership_ended_is_off_the_coordinators_team_page(
    coordinator: User, caseworker: User
) -> None:
    client = client_for(coordinator)
    assert caseworker in [row.worker for row in client.get(reverse("casework:team")).context["team"]]

    caseworker.memberships.update(ends_on=timezone.localdate() - timedelta(days=1))

    team = client.get(reverse("casework:team"))
    assert caseworker not in [row.worker for row in team.context["team"]]
    assert client.get(reverse("casework:team_member", args=[caseworker.pk])).status_code == 404


@pytest.mark.django_db
def test_a_colleague_whose_invitation_ran_out_asks_for_a_new_link_herself(
    as_admin: Client, organisation: Organisation
) -> None:
    invite(as_admin, organisation)
    mail.outbox.clear()

    Client().post(reverse("accounts:password_reset"), {"email": "ANNA@example.org"})

    [message] = mail.outbox
    assert message.to == ["anna@example.org"]


@pytest.mark.django_db
def test_a_deactivated_leaver_gets_no_new_password_link(
    as_admin: Client, caseworker: User, organisation: Organisation
) -> None:
    deactivate(as_admin, organisation, caseworker)

    Client().post(reverse("accounts:password_reset"), {"email": caseworker.email})

    assert mail.outbox == []
