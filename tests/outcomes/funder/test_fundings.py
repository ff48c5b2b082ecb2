"""The programme's organisation decides which funding bodies see its reports: its administrators
and coordinators add and remove the links, each change audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.outcomes.models import ProgrammeFunding
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import OrganisationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

ADD = "outcomes:funder:funding_add"


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def test_a_coordinator_shares_a_programme_with_a_funding_body_and_it_is_audited(
    not_funded: Programme, funding_body: Organisation, coordinator: User
) -> None:
    response = client_for(coordinator).post(
        reverse(ADD), {"programme": not_funded.pk, "funder": funding_body.pk}
    )

    funding = ProgrammeFunding.objects.get(programme=not_funded)
    assert response.status_code == 302
    assert funding.funder == funding_body
    assert AuditEntry.objects.get_for_object(funding).filter(action=AuditEntry.Action.CREATE).exists()


def test_the_same_body_twice_is_refused_naming_the_field(
    funded: Programme, funding_body: Organisation, coordinator: User
) -> None:
    response = client_for(coordinator).post(reverse(ADD), {"programme": funded.pk, "funder": funding_body.pk})

    assert response.status_code == 400
    assert "already funds this programme" in response.context["form"].errors["funder"][0]


def test_only_a_funding_body_can_be_chosen(
    not_funded: Programme, other_organisation: Organisation, org_admin: User
) -> None:
    response = client_for(org_admin).post(
        reverse(ADD), {"programme": not_funded.pk, "funder": other_organisation.pk}
    )

    assert response.status_code == 400
    assert "funder" in response.context["form"].errors
    assert not ProgrammeFunding.objects.exists()


def test_another_organisations_coordinator_cannot_share_our_programme(
    not_funded: Programme, funding_body: Organisation, other_organisation: Organisation, outsider_admin: User
) -> None:
    response = client_for(outsider_admin).post(
        reverse(ADD), {"programme": not_funded.pk, "funder": funding_body.pk}
    )

    assert response.status_code == 400
    assert "programme" in response.context["form"].errors
    assert not ProgrammeFunding.objects.exists()


def test_another_organisation_does_not_see_our_links(funded: Programme, outsider_admin: User) -> None:
    page = client_for(outsider_admin).get(reverse("outcomes:funder:funding_list")).content.decode()
    funding = ProgrammeFunding.objects.get()

    assert funded.name not in page
    remove = reverse("outcomes:funder:funding_remove", args=[funded.pk, funding.pk])
    assert client_for(outsider_admin).post(remove, {"confirmed": "1"}).status_code == 404


def test_a_case_worker_cannot_manage_the_links(funded: Programme, caseworker: User) -> None:
    assert client_for(caseworker).get(reverse("outcomes:funder:funding_list")).status_code == 403


def test_removing_a_link_asks_first_then_removes_it(funded: Programme, coordinator: User) -> None:
    funding = ProgrammeFunding.objects.get()
    remove = reverse("outcomes:funder:funding_remove", args=[funded.pk, funding.pk])
    client = client_for(coordinator)

    asked = client.get(remove)
    done = client.post(remove, {"confirmed": "1"})

    assert asked.status_code == 200
    assert done.status_code == 302
    assert not ProgrammeFunding.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, object_pk=str(funding.pk)).exists()


def test_the_list_shows_our_programmes_and_their_funders(
    funded: Programme, funding_body: Organisation, coordinator: User, organisation: Organisation
) -> None:
    ProgrammeFactory(organisation=OrganisationFactory(name="Obca"), name="Cudzy program")

    page = client_for(coordinator).get(reverse("outcomes:funder:funding_list")).content.decode()

    assert funded.name in page
    assert str(funding_body) in page
    assert "Cudzy program" not in page
