"""A woman of our organisation who wants to bake, lives 2 km from the bakery and has no licence;
the bakery's open internship for a baker, and offers she cannot take."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reintegra.accounts.models import Organisation
from reintegra.employers.models import (
    ContractType,
    Employer,
    JobProfile,
    Occupation,
    Offer,
    OfferKind,
    OfferStatus,
    Site,
    TravelMode,
)
from reintegra.people.models import Participant, TercUnit
from tests.factories import ParticipantFactory


def open_offer(employer: Employer, site: Site, **fields: object) -> Offer:
    values: dict[str, object] = {
        "kind": OfferKind.JOB,
        "title": "Pomoc w piekarni",
        "hours_per_week": 40,
        "contract_type": ContractType.EMPLOYMENT,
        "places": 1,
        "status": OfferStatus.OPEN,
    } | fields
    return Offer.objects.create(employer=employer, site=site, **values)


@pytest.fixture
def person(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Anna", last_name="Piekarska")


@pytest.fixture
def profile(person: Participant) -> JobProfile:
    return JobProfile.objects.create(
        participant=person,
        wanted_occupations=["751204"],
        skills=["baking"],
        travel_mode=TravelMode.PUBLIC_TRANSPORT,
        max_distance_km=30,
        home_latitude=Decimal("52.30000"),
        home_longitude=Decimal("17.57000"),
        max_hours_per_week=40,
    )


@pytest.fixture
def internship(bakery: Employer, bakery_site: Site, baker: Occupation) -> Offer:
    return open_offer(
        bakery,
        bakery_site,
        kind=OfferKind.INTERNSHIP,
        title="Staż: piekarz",
        occupation=baker,
        required_skills=["Baking"],
        contract_type=ContractType.INTERNSHIP_AGREEMENT,
        places=2,
        duration_months=2,
    )


@pytest.fixture
def far_site(bakery: Employer, gmina: TercUnit) -> Site:
    return Site.objects.create(
        employer=bakery,
        name="Piekarnia w Gnieźnie",
        street="Długa 1",
        town="Gniezno",
        gmina=gmina,
        latitude=Decimal("53.30000"),
        longitude=Decimal("17.57000"),
    )


@pytest.fixture
def driver_job(bakery: Employer, bakery_site: Site, baker: Occupation) -> Offer:
    return open_offer(
        bakery, bakery_site, title="Kierowca-piekarz", occupation=baker, needs_driving_licence=True
    )


@pytest.fixture
def far_job(bakery: Employer, far_site: Site, baker: Occupation) -> Offer:
    return open_offer(bakery, far_site, title="Piekarz w Gnieźnie", occupation=baker)
