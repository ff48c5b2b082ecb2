"""Staff roles in a programme: the template's roles become assignments, and they decide who leads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.programmes import services
from reintegra.programmes.models import Programme, ProgrammeStaff, ProgrammeTemplate
from reintegra.programmes.services import StaffRoleData
from tests.conftest import client_for
from tests.factories import ProgrammeFactory, member


@pytest.fixture
def club(organisation: Organisation) -> Programme:
    services.templates_load()
    return ProgrammeFactory(
        organisation=organisation, template=ProgrammeTemplate.objects.get(code="karnet15")
    )


def give(club: Programme, user: User, role: str, **dates: date | None) -> ProgrammeStaff:
    data = StaffRoleData(
        user=user,
        role=role,
        starts_on=dates.get("starts_on") or date(2026, 1, 1),
        ends_on=dates.get("ends_on"),
    )
    return services.programme_staff_add(actor=None, programme=club, data=data)


def test_a_coordinator_assigns_a_role_named_by_the_template(
    club: Programme, coordinator: User, caseworker: User
) -> None:
    assignment = services.programme_staff_add(
        actor=coordinator,
        programme=club,
        data=StaffRoleData(user=caseworker, role="lpg", starts_on=date(2026, 1, 1)),
    )
    assert assignment.role_name() == "Lider Procesów Grupowych (LPG)"
    assert AuditEntry.objects.get_for_object(assignment).filter(action=AuditEntry.Action.CREATE).exists()


def test_a_role_the_template_does_not_name_is_refused_on_the_role(club: Programme, caseworker: User) -> None:
    with pytest.raises(ValidationError) as error:
        give(club, caseworker, "akompaniator")
    assert "role" in error.value.message_dict


def test_only_staff_of_the_programmes_organisation_hold_a_role(
    club: Programme, outsider: User, participant: User
) -> None:
    for user in (outsider, participant):
        with pytest.raises(ValidationError) as error:
            give(club, user, "lpg")
        assert "user" in error.value.message_dict


def test_a_role_cannot_end_before_it_starts(club: Programme, caseworker: User) -> None:
    with pytest.raises(ValidationError) as error:
        give(club, caseworker, "lpg", starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 1))
    assert "ends_on" in error.value.message_dict


def test_a_case_worker_cannot_assign_roles(club: Programme, caseworker: User) -> None:
    with pytest.raises(PermissionDenied):
        services.programme_staff_add(
            actor=caseworker,
            programme=club,
            data=StaffRoleData(user=caseworker, role="lpg", starts_on=date(2026, 1, 1)),
        )


def test_a_workshop_reserved_for_a_role_is_led_only_by_its_holder(
    club: Programme, organisation: Organisation
) -> None:
    leader = member(organisation, Role.CASE_WORKER, username="lider")
    guide = member(organisation, Role.CASE_WORKER, username="przewodnik")
    give(club, leader, "lpg")
    give(club, guide, "pprp")
    assert services.may_lead(leader, club, "group_workshop")
    assert not services.may_lead(guide, club, "group_workshop")
    assert services.may_lead(guide, club, "labour_market_workshop")
    # A kind no role is reserved for: any role of the programme leads it.
    assert services.may_lead(guide, club, "activity")


def test_nobody_leads_outside_the_period_of_their_role(
    club: Programme, caseworker: User, coordinator: User
) -> None:
    today = timezone.localdate()
    give(club, caseworker, "lpg", starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1))
    assert not services.may_lead(caseworker, club, "activity")
    assert services.may_lead(caseworker, club, "activity", on=today - timedelta(days=2))
    assert not services.may_lead(coordinator, club, "activity")


def test_the_programme_page_assigns_and_removes_a_role_after_confirmation(
    club: Programme, coordinator: User, caseworker: User
) -> None:
    client = client_for(coordinator)
    response = client.post(
        reverse("programmes:staff_role_add", args=[club.pk]),
        {"user": caseworker.pk, "role": "pprp", "starts_on": "2026-01-01"},
    )
    assert response.status_code == 302
    assignment = ProgrammeStaff.objects.get(programme=club)
    page = client.get(reverse("programmes:detail", args=[club.pk]))
    assert "Przewodnik po Rynku Pracy (PpRP)" in page.content.decode()
    remove = reverse("programmes:staff_role_remove", args=[club.pk, assignment.pk])
    assert client.get(remove).status_code == 200
    assert ProgrammeStaff.objects.filter(pk=assignment.pk).exists()
    client.post(remove)
    assert not ProgrammeStaff.objects.filter(pk=assignment.pk).exists()


def test_a_bad_role_on_the_page_is_named_on_the_field(
    club: Programme, coordinator: User, in_english: None
) -> None:
    response = client_for(coordinator).post(
        reverse("programmes:staff_role_add", args=[club.pk]),
        {"user": coordinator.pk, "role": "wizard", "starts_on": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "wizard is not one of the available choices" in response.content.decode()


def test_another_organisation_cannot_see_or_change_the_roles(club: Programme, outsider_admin: User) -> None:
    response = client_for(outsider_admin).post(
        reverse("programmes:staff_role_add", args=[club.pk]),
        {"user": outsider_admin.pk, "role": "lpg", "starts_on": "2026-01-01"},
    )
    assert response.status_code == 404
