"""Sessions and votes: the running programmes whose sessions a worker sees, with what is coming
and the votes open; another organisation's programmes never listed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.activities import services
from reintegra.programmes.models import Programme
from tests.activities.conftest import schedule
from tests.conftest import client_for
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("activities:overview")


def test_a_caseworker_sees_her_organisations_running_programmes_with_what_is_coming(
    club: Programme,
    leader: User,
    as_caseworker: Client,
    other_organisation: Organisation,
    organisation: Organisation,
) -> None:
    now = timezone.now()
    schedule(club, leader, start=now + timedelta(days=2))
    schedule(club, leader, start=now + timedelta(days=20))
    services.voting_round_open(
        actor=None,
        programme=club,
        title="Jesień",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=3),
    )
    ProgrammeFactory(organisation=other_organisation, name="Obcy program")
    ProgrammeFactory(
        organisation=organisation, name="Zakończony", start_date=date(2020, 1, 1), end_date=date(2021, 1, 1)
    )

    response = as_caseworker.get(OVERVIEW)

    assert response.status_code == 200
    assert [(p.name, p.coming, p.open_votes) for p in response.context["programmes"]] == [(club.name, 1, 1)]
    page = response.content.decode()
    assert reverse("activities:voting_rounds", args=[club.pk]) in page
    assert "Obcy program" not in page


def test_a_participant_and_an_employer_cannot_open_it(participant: User, employer_contact: User) -> None:
    for user in (participant, employer_contact):
        assert client_for(user).get(OVERVIEW).status_code == 403
