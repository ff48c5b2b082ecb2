"""Personas (STYLE.md habit 9): each test says who is acting, in which organisation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import settings as hypothesis_settings

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from tests.factories import OrganisationFactory, member

# A property test's examples are judged by what they find, not by how fast a shared, busy machine
# runs one: no deadline per example.
hypothesis_settings.register_profile("reintegra", deadline=None)
hypothesis_settings.load_profile("reintegra")


@pytest.fixture
def in_english(settings: Any) -> Iterator[None]:
    """For tests that read the English messages: pages and services answer in English."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def organisation(db: None) -> Organisation:
    return OrganisationFactory(name="Miejski Ośrodek Pomocy Społecznej w Zalesiu", type=OrganisationType.OPS)


@pytest.fixture
def other_organisation(db: None) -> Organisation:
    return OrganisationFactory(name="Fundacja Inna Droga", type=OrganisationType.NGO)


@pytest.fixture
def org_admin(organisation: Organisation) -> User:
    return member(organisation, Role.ORG_ADMIN, username="admin.mops")


@pytest.fixture
def coordinator(organisation: Organisation) -> User:
    return member(organisation, Role.COORDINATOR, username="koordynator")


@pytest.fixture
def caseworker(organisation: Organisation) -> User:
    return member(organisation, Role.CASE_WORKER, username="pracownik")


@pytest.fixture
def outsider(other_organisation: Organisation) -> User:
    """A worker of another organisation: must see nothing of ours."""
    return member(other_organisation, Role.CASE_WORKER, username="obcy")


@pytest.fixture
def outsider_admin(other_organisation: Organisation) -> User:
    return member(other_organisation, Role.ORG_ADMIN, username="obcy.admin")


@pytest.fixture
def employer_contact(db: None) -> User:
    employer = OrganisationFactory(name="Piekarnia Kłos", type=OrganisationType.EMPLOYER)
    return member(employer, Role.EMPLOYER_CONTACT, username="pracodawca")


@pytest.fixture
def participant(organisation: Organisation) -> User:
    return member(organisation, Role.PARTICIPANT, username="uczestniczka")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_caseworker(caseworker: User) -> Client:
    return client_for(caseworker)


@pytest.fixture
def as_admin(org_admin: User) -> Client:
    return client_for(org_admin)


@pytest.fixture
def as_outsider(outsider: User) -> Client:
    return client_for(outsider)
