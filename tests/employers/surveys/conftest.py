"""A needs survey of our organisation for this quarter and the next, sent to the bakery; a
second employer we keep (a shop in another gmina); and another organisation's round."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.employers import quarters
from reintegra.employers.models import Employer, Occupation, OccupationLevel, Site, SurveyRound
from reintegra.employers.surveys import services
from reintegra.people.models import Degurba, TercUnit
from tests.factories import OrganisationFactory, member


def this_quarter() -> date:
    return quarters.quarter_of(timezone.localdate())


def next_quarter() -> date:
    return quarters.shifted(this_quarter(), 1)


def round_data(**changes: object) -> services.RoundData:
    values: dict[str, object] = {
        "title": "Badanie potrzeb zatrudnieniowych, II kwartał",
        "first_quarter": this_quarter(),
        "last_quarter": next_quarter(),
        "closes_on": timezone.localdate() + timedelta(days=30),
    }
    values.update(changes)
    return services.RoundData(**values)


@pytest.fixture
def survey(coordinator: User, organisation: Organisation) -> SurveyRound:
    return services.survey_round_open(actor=coordinator, organisation=organisation, data=round_data())


@pytest.fixture
def sent_survey(coordinator: User, survey: SurveyRound, bakery: Employer, bakery_site: Site) -> SurveyRound:
    services.survey_round_send(actor=coordinator, survey=survey)
    survey.refresh_from_db()
    return survey


@pytest.fixture
def other_gmina(db: None) -> TercUnit:
    unit, _ = TercUnit.objects.get_or_create(
        code="3035022", defaults={"name": "Brzozowo", "kind": "gmina wiejska", "degurba": Degurba.RURAL}
    )
    return unit


@pytest.fixture
def shop(organisation: Organisation, other_gmina: TercUnit) -> Employer:
    shop_organisation: Organisation = OrganisationFactory(
        name="Sklep Pod Lipą", type=OrganisationType.EMPLOYER
    )
    employer = Employer.objects.create(
        organisation=shop_organisation, kept_by=organisation, sector="G", size="micro"
    )
    Site.objects.create(
        employer=employer, name="Sklep", street="Lipowa 1", town="Brzozowo", gmina=other_gmina
    )
    return employer


@pytest.fixture
def shop_contact(shop: Employer) -> User:
    return member(shop.organisation, Role.EMPLOYER_CONTACT, username="sklepowa", email="sklep@example.org")


@pytest.fixture
def salesman(db: None) -> Occupation:
    occupation, _ = Occupation.objects.get_or_create(
        code="522301", defaults={"name": "Sprzedawca", "level": OccupationLevel.OCCUPATION}
    )
    return occupation


@pytest.fixture
def confectioner(db: None) -> Occupation:
    occupation, _ = Occupation.objects.get_or_create(
        code="751201", defaults={"name": "Cukiernik", "level": OccupationLevel.OCCUPATION}
    )
    return occupation


@pytest.fixture
def food_workers(db: None) -> Occupation:
    """The unit group of bakers and confectioners: what the demand rolls them up to at 4 digits."""
    occupation, _ = Occupation.objects.get_or_create(
        code="7512", defaults={"name": "Piekarze, cukiernicy", "level": OccupationLevel.UNIT}
    )
    return occupation


@pytest.fixture
def other_coordinator(other_organisation: Organisation) -> User:
    return member(other_organisation, Role.COORDINATOR, username="obca.koordynatorka")
