"""Setting up a mobile team: its members (staff; the leader may lead mobile-centre visits), its
working days and its locations (venues of its organisation)."""

from datetime import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from reintegra.accounts.models import Role
from reintegra.outreach import selectors, services
from reintegra.outreach.models import TeamMember
from tests.factories import member
from tests.outreach.conftest import hall, team_data


def test_a_coordinator_sets_up_a_team(coordinator, organisation, mobile_programme):
    team = services.team_create(
        actor=coordinator, organisation=organisation, data=team_data(mobile_programme)
    )
    assert team.speed_kmh == 45
    assert team.visit_minutes == 120
    assert team.vehicle == "Renault Trafic"


def test_a_case_worker_may_not_set_up_a_team(caseworker, organisation, mobile_programme):
    with pytest.raises(PermissionDenied):
        services.team_create(actor=caseworker, organisation=organisation, data=team_data(mobile_programme))


def test_a_team_serves_a_programme_of_its_organisation(coordinator, other_organisation, mobile_programme):
    with pytest.raises(PermissionDenied):
        services.team_create(
            actor=coordinator, organisation=other_organisation, data=team_data(mobile_programme)
        )
    with pytest.raises(ValidationError) as error:
        services.team_create(actor=None, organisation=other_organisation, data=team_data(mobile_programme))
    assert "programme" in error.value.message_dict


def test_a_base_without_coordinates_is_refused(coordinator, organisation, mobile_programme):
    with pytest.raises(ValidationError) as error:
        services.team_create(
            actor=coordinator, organisation=organisation, data=team_data(mobile_programme, base_latitude=None)
        )
    assert "base_latitude" in error.value.message_dict


def test_the_leader_must_be_allowed_to_lead_mobile_visits(coordinator, organisation, team):
    newcomer = member(organisation, Role.CASE_WORKER, first_name="Nina", last_name="Nowa")
    with pytest.raises(ValidationError) as error:
        services.members_set(actor=coordinator, team=team, users=[newcomer], leader=newcomer)
    assert "Nina Nowa" in error.value.message_dict["leader"][0]


def test_a_member_is_staff_of_the_organisation(coordinator, team, adviser, outsider):
    with pytest.raises(ValidationError) as error:
        services.members_set(actor=coordinator, team=team, users=[adviser, outsider], leader=adviser)
    assert outsider.get_full_name() in error.value.message_dict["users"][0]


def test_members_are_replaced_with_one_leader(coordinator, organisation, team, adviser):
    colleague = member(organisation, Role.CASE_WORKER)
    services.members_set(actor=coordinator, team=team, users=[adviser, colleague], leader=adviser)
    assert list(TeamMember.objects.filter(team=team).values_list("user_id", "leads")) == [
        (adviser.pk, True),
        (colleague.pk, False),
    ]


def test_a_working_day_ends_after_it_starts(coordinator, team):
    with pytest.raises(ValidationError):
        services.working_days_set(
            actor=coordinator, team=team, days=[services.Hours(weekday=0, starts=time(16), ends=time(8))]
        )
    with pytest.raises(ValidationError):
        services.working_days_set(
            actor=coordinator,
            team=team,
            days=[services.Hours(weekday=0, starts=time(8), ends=time(16))] * 2,
        )


def test_a_location_of_another_organisation_is_refused_by_name(coordinator, team, other_organisation, gminas):
    theirs = hall(other_organisation, next(iter(gminas.values())), "Ich świetlica")
    with pytest.raises(ValidationError) as error:
        services.locations_set(actor=coordinator, team=team, venues=[theirs])
    assert "Ich świetlica" in error.value.message_dict["venues"][0]


def test_cannot_see_another_organisations_team(team, outsider, caseworker):
    with pytest.raises(Http404):
        selectors.team_get_for_user(outsider, team.pk)
    assert list(selectors.team_list_for_user(outsider)) == []
    assert selectors.team_get_for_user(caseworker, team.pk) == team
    with pytest.raises(Http404):
        selectors.team_get_for_user(caseworker, team.pk, permission="outreach.manage")
