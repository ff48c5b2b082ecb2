"""An employer our organisation keeps (a bakery in Zalesie with one site), its contact person,
and a coded occupation; shared by the employers tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.employers.models import (
    ContractType,
    Employer,
    Occupation,
    OccupationLevel,
    Offer,
    OfferKind,
    OfferStatus,
    Site,
)
from reintegra.people.models import Degurba, TercUnit
from tests.factories import OrganisationFactory, member


@pytest.fixture
def gmina(db: None) -> TercUnit:
    unit, _ = TercUnit.objects.get_or_create(
        code="3035011", defaults={"name": "Zalesie", "kind": "gmina miejska", "degurba": Degurba.CITY}
    )
    return unit


@pytest.fixture
def bakery_organisation(db: None) -> Organisation:
    return OrganisationFactory(name="Piekarnia Kłos", type=OrganisationType.EMPLOYER, nip="5260250274")


@pytest.fixture
def bakery(organisation: Organisation, bakery_organisation: Organisation) -> Employer:
    return Employer.objects.create(
        organisation=bakery_organisation, kept_by=organisation, sector="C", size="small"
    )


@pytest.fixture
def bakery_contact(bakery_organisation: Organisation) -> User:
    return member(bakery_organisation, Role.EMPLOYER_CONTACT, username="piekarz")


@pytest.fixture
def bakery_site(bakery: Employer, gmina: TercUnit) -> Site:
    return Site.objects.create(
        employer=bakery,
        name="Piekarnia przy rynku",
        street="Rynek 3",
        postal_code="62-300",
        town="Zalesie",
        gmina=gmina,
        latitude=Decimal("52.32000"),
        longitude=Decimal("17.57000"),
    )


@pytest.fixture
def baker(db: None) -> Occupation:
    occupation, _ = Occupation.objects.get_or_create(
        code="751204", defaults={"name": "Piekarz", "level": OccupationLevel.OCCUPATION}
    )
    return occupation


@pytest.fixture
def offer(bakery: Employer, bakery_site: Site, baker: Occupation) -> Offer:
    """An open two-month internship for a baker at the bakery's site."""
    return Offer.objects.create(
        employer=bakery,
        site=bakery_site,
        kind=OfferKind.INTERNSHIP,
        occupation=baker,
        hours_per_week=40,
        contract_type=ContractType.INTERNSHIP_AGREEMENT,
        places=2,
        duration_months=2,
        status=OfferStatus.OPEN,
    )
