"""The person answers her own follow-up from her own page: she sees it once it is open, answers
it as herself ("by the person"), and never sees or answers anyone else's."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reintegra.accounts.models import Organisation, Role, User
from reintegra.outcomes.exits import services
from reintegra.outcomes.exits.services import Employment
from reintegra.outcomes.models import FollowUp, FollowUpChannel, FollowUpStatus
from reintegra.people import services as people_services
from reintegra.programmes.models import Enrolment, Programme
from tests.conftest import client_for
from tests.factories import member
from tests.outcomes.exits.conftest import TODAY, enrol, record_exit

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def lucja(organisation: Organisation, left: Enrolment, coordinator: User) -> User:
    account = member(organisation, Role.PARTICIPANT, username="lucja")
    people_services.participant_account_link(actor=coordinator, participant=left.participant, account=account)
    return account


def follow_up(enrolment: Enrolment, months: int) -> FollowUp:
    return FollowUp.objects.get(enrolment=enrolment, months=months)


def test_she_sees_her_open_follow_ups_and_not_those_ahead(lucja: User, left: Enrolment) -> None:
    page = client_for(lucja).get(reverse("ownpage:own_page")).content.decode()
    assert reverse("ownpage:own_follow_up", args=[follow_up(left, 6).pk]) in page
    assert reverse("ownpage:own_follow_up", args=[follow_up(left, 12).pk]) not in page
    assert "How are you doing?" in page


def test_she_answers_her_follow_up_herself(lucja: User, left: Enrolment) -> None:
    six = follow_up(left, 6)
    response = client_for(lucja).post(
        reverse("ownpage:own_follow_up", args=[six.pk]),
        {
            f"follow-up-{six.pk}-employed": "on",
            f"follow-up-{six.pk}-employment_form": "civil_law",
            f"follow-up-{six.pk}-weekly_hours": "20",
        },
    )
    assert response.status_code == 302
    six.refresh_from_db()
    assert six.status == FollowUpStatus.DONE
    assert (six.channel, six.contacted_on, six.recorded_by) == (FollowUpChannel.BY_THE_PERSON, TODAY, lucja)
    assert six.employment_form == "civil_law"
    page = client_for(lucja).get(reverse("ownpage:own_page")).content.decode()
    assert reverse("ownpage:own_follow_up", args=[six.pk]) not in page


def test_her_answer_working_without_saying_how_is_refused(lucja: User, left: Enrolment) -> None:
    six = follow_up(left, 6)
    response = client_for(lucja).post(
        reverse("ownpage:own_follow_up", args=[six.pk]), {f"follow-up-{six.pk}-employed": "on"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the form of employment" in page
    assert "Give the hours a week the person works." in page


def test_she_cannot_answer_someone_elses_follow_up(lucja: User, programme: Programme) -> None:
    other = enrol(programme, first_name="Inna", last_name="Osoba")
    record_exit(other)
    url = reverse("ownpage:own_follow_up", args=[follow_up(other, 6).pk])
    assert client_for(lucja).post(url, {}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.follow_up_answer_own(
            actor=lucja,
            follow_up=follow_up(other, 6),
            employment=Employment(),
            job_seeking=True,
            in_education=False,
        )


def test_staff_do_not_answer_as_the_person(left: Enrolment, caseworker: User) -> None:
    url = reverse("ownpage:own_follow_up", args=[follow_up(left, 6).pk])
    assert client_for(caseworker).post(url, {}).status_code == 403
