"""Partnership fixtures: our MOPS and a partner NGO in one partnership, a person of ours with
consent to sharing, and a third organisation outside the partnership (``other_organisation``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.partnership import services
from reintegra.partnership.models import MemberRole, Partnership, Referral
from reintegra.people import services as people_services
from reintegra.people.models import Consent, ConsentKind, Participant
from tests.factories import OrganisationFactory, ParticipantFactory, agreement_for, member


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    """The tests read the English messages."""


@pytest.fixture
def ngo(db: None) -> Organisation:
    return OrganisationFactory(name="Fundacja Wspólna Droga", type=OrganisationType.NGO)


@pytest.fixture
def partnership(organisation: Organisation, ngo: Organisation) -> Partnership:
    partnership = services.partnership_create(
        actor=None, organisation=organisation, name="Partnerstwo Lokalne", area_description="powiat"
    )
    services.partnership_member_add(
        actor=None, partnership=partnership, organisation=ngo, role=MemberRole.PARTNER
    )
    # Both may receive every field a referral can carry (tests/partnership/test_agreements.py
    # tries the others).
    agreement_for(partnership, ngo)
    agreement_for(partnership, organisation)
    return partnership


@pytest.fixture
def ngo_worker(ngo: Organisation) -> User:
    return member(ngo, Role.CASE_WORKER, username="pracownik.ngo")


@pytest.fixture
def ngo_coordinator(ngo: Organisation) -> User:
    return member(ngo, Role.COORDINATOR, username="koordynator.ngo")


@pytest.fixture
def ngo_admin(ngo: Organisation) -> User:
    return member(ngo, Role.ORG_ADMIN, username="admin.ngo")


@pytest.fixture
def ngo_viewer(ngo: Organisation) -> User:
    return member(ngo, Role.PARTNER_VIEWER, username="partner.ngo")


@pytest.fixture
def person(organisation: Organisation) -> Participant:
    return ParticipantFactory(
        organisation=organisation,
        first_name="Łucja",
        last_name="Żółkiewska",
        birth_date=date(1988, 3, 14),
        identity_document_number="ZZZ123456",
        phone="600100200",
        email="lucja@example.org",
        street_address="ul. Źródlana 7",
        locality="Borówkowo",
        postal_code="06-432",
        education=3,
        labour_status="long_term_unemployed",
        disability="yes",
    )


def consent_for(
    participant: Participant, actor: User, kind: str = ConsentKind.SHARING_WITH_PARTNERS
) -> Consent:
    return people_services.consent_record(
        actor=actor,
        participant=participant,
        kind=kind,
        given_on=date(2026, 1, 5),
        document="Oświadczenie nr 7/2026",
    )


@pytest.fixture
def consent(person: Participant, caseworker: User) -> Consent:
    """The consent to sharing with partners; the person has also consented to contact."""
    consent_for(person, caseworker, ConsentKind.CONTACT)
    return consent_for(person, caseworker)


def send(actor: User, participant: Participant, to: Organisation, **data: Any) -> Referral:
    values: dict[str, Any] = {"fields": ["name", "contact"], "reason": "Potrzebne wsparcie mieszkaniowe."}
    values.update(data)
    return services.referral_send(actor=actor, participant=participant, to_organisation=to, **values)


@pytest.fixture
def referral(
    partnership: Partnership, person: Participant, consent: Consent, caseworker: User, ngo: Organisation
) -> Referral:
    return send(caseworker, person, ngo)
