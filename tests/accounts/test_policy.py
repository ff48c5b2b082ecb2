"""The access policy: who may do what to which object, by role and organisation."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from tests.conftest import client_for


@pytest.mark.django_db
def test_an_admin_may_manage_their_own_organisation_only(
    org_admin: User, organisation: Organisation, other_organisation: Organisation
) -> None:
    assert policy.can(org_admin, "organisation.manage", organisation)
    assert not policy.can(org_admin, "organisation.manage", other_organisation)


@pytest.mark.django_db
def test_a_coordinator_may_view_but_not_edit_a_colleague(coordinator: User, caseworker: User) -> None:
    assert policy.can(coordinator, "user.view", caseworker)
    assert not policy.can(coordinator, "user.change", caseworker)


@pytest.mark.django_db
def test_everyone_may_view_and_edit_their_own_profile(participant: User) -> None:
    assert policy.can(participant, "user.view", participant)
    assert policy.can(participant, "user.change", participant)


@pytest.mark.django_db
def test_a_participant_may_not_see_the_staff(participant: User, caseworker: User) -> None:
    assert not policy.can(participant, "user.view", caseworker)
    assert not policy.holds_anywhere(participant, "user.list")


@pytest.mark.django_db
def test_an_inactive_user_may_do_nothing(org_admin: User, organisation: Organisation) -> None:
    org_admin.is_active = False

    assert not policy.can(org_admin, "organisation.view", organisation)


def test_an_anonymous_user_may_do_nothing() -> None:
    assert policy.organisation_ids_where(AnonymousUser(), "organisation.view") == set()


def test_an_unknown_permission_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="Unknown permission"):
        policy.requires("participant.eat")


@pytest.mark.django_db
def test_a_worker_of_another_organisation_cannot_open_our_security_settings(
    as_outsider: Client, organisation: Organisation
) -> None:
    response = as_outsider.get(reverse("accounts:organisation_security", args=[organisation.pk]))

    assert response.status_code == 403


@pytest.mark.django_db
def test_an_admin_of_another_organisation_gets_404_for_our_security_settings(
    outsider_admin: User, organisation: Organisation
) -> None:
    response = client_for(outsider_admin).get(
        reverse("accounts:organisation_security", args=[organisation.pk])
    )

    assert response.status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(client: Client) -> None:
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
