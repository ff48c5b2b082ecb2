"""A young person of the club with her own account linked to her file, and another member."""

from __future__ import annotations

import pytest

from reintegra.accounts.models import Organisation, Role, User
from reintegra.people import services as people_services
from reintegra.people.models import Participant
from reintegra.programmes.models import Group, Programme
from tests.activities.conftest import club, enrol, gmina, group, leader  # noqa: F401
from tests.attachments.conftest import storage_directory  # noqa: F401
from tests.factories import member


@pytest.fixture
def ola(club: Programme, group: Group) -> Participant:  # noqa: F811
    return enrol(club, group, first_name="Ola", last_name="Nowak")


@pytest.fixture
def kuba(club: Programme, group: Group) -> Participant:  # noqa: F811
    return enrol(club, group, first_name="Kuba", last_name="Lis")


@pytest.fixture
def ola_account(organisation: Organisation, ola: Participant, coordinator: User) -> User:
    account = member(organisation, Role.PARTICIPANT, username="ola")
    people_services.participant_account_link(actor=coordinator, participant=ola, account=account)
    return account
