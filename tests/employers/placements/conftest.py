"""A two-place internship at the bakery and a woman of our organisation who consented to
showing her profile to employers; shared by the placements tests."""

from __future__ import annotations

from datetime import date

import pytest

from reintegra.accounts.models import Organisation, User
from reintegra.employers.models import (
    Employer,
    JobProfile,
    Occupation,
    Offer,
    OfferKind,
    OfferStatus,
    Placement,
    Site,
)
from reintegra.employers.placements import services
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant, TercUnit
from tests.factories import ParticipantFactory


def consent_to_employers(person: Participant, actor: User) -> None:
    people_services.consent_record(
        actor=actor,
        participant=person,
        kind=ConsentKind.SHARING_WITH_EMPLOYERS,
        given_on=date(2026, 1, 5),
        document="Oświadczenie nr 9/2026",
    )


@pytest.fixture
def internship(bakery: Employer, bakery_site: Site, baker: Occupation) -> Offer:
    return Offer.objects.create(
        employer=bakery,
        site=bakery_site,
        kind=OfferKind.INTERNSHIP,
        title="Staż w piekarni",
        occupation=baker,
        hours_per_week=30,
        contract_type="internship_agreement",
        places=2,
        starts_on=date(2026, 12, 1),
        duration_months=2,
        status=OfferStatus.OPEN,
    )


@pytest.fixture
def job(bakery: Employer, bakery_site: Site, baker: Occupation) -> Offer:
    return Offer.objects.create(
        employer=bakery,
        site=bakery_site,
        kind=OfferKind.JOB,
        title="Piekarz na zmianę ranną",
        occupation=baker,
        hours_per_week=40,
        contract_type="employment",
        places=1,
        status=OfferStatus.OPEN,
    )


@pytest.fixture
def person(organisation: Organisation, caseworker: User, gmina: TercUnit, baker: Occupation) -> Participant:
    person: Participant = ParticipantFactory(
        organisation=organisation,
        first_name="Łucja",
        last_name="Żółkiewska",
        birth_date=date(1988, 3, 14),
        phone="600100200",
        street_address="ul. Źródlana 7",
        gmina=gmina,
    )
    JobProfile.objects.create(
        participant=person,
        wanted_occupations=[baker.code],
        skills=["obsługa pieca", "wypiek chleba"],
        available_shifts=["morning"],
        max_hours_per_week=30,
        available_from=date(2026, 12, 1),
    )
    consent_to_employers(person, caseworker)
    return person


@pytest.fixture
def placement(caseworker: User, person: Participant, internship: Offer) -> Placement:
    return services.placement_propose(
        actor=caseworker, participant=person, offer=internship, note="Zna pracę w piekarni."
    )
