"""A *Ryneczek pracy* of our organisation on 10 June 2027 at the town hall, with the bakery's
stand and two of our people invited; tests that check in travel to the day of the fair."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, User
from reintegra.employers.fairs import services
from reintegra.employers.models import Employer, FairGuest, FairStand, JobFair, Offer, Site
from reintegra.people.models import Participant
from tests.factories import OrganisationFactory, ParticipantFactory

FAIR_DAY = date(2027, 6, 10)
BEFORE_SIGN_UP_CLOSES = date(2027, 5, 20)


def on_fair_day(hour: int = 11) -> datetime:
    return datetime.combine(FAIR_DAY, time(hour), tzinfo=timezone.get_current_timezone())


def fair_data(**changes: object) -> services.FairData:
    values: dict[str, object] = {
        "title": "Ryneczek pracy",
        "held_on": FAIR_DAY,
        "starts_at": time(10),
        "ends_at": time(14),
        "sign_up_until": date(2027, 6, 1),
        "address": "Urząd Miejski, Rynek 1, Zalesie",
    }
    values.update(changes)
    return services.FairData(**values)


def employer_kept_by(organisation: Organisation, name: str) -> Employer:
    employer_organisation: Organisation = OrganisationFactory(name=name, type=OrganisationType.EMPLOYER)
    return Employer.objects.create(
        organisation=employer_organisation, kept_by=organisation, sector="G", size="micro"
    )


@pytest.fixture
def fair(organisation: Organisation, coordinator: User) -> JobFair:
    return services.fair_create(actor=coordinator, organisation=organisation, data=fair_data())


@pytest.fixture
def internship(bakery: Employer, bakery_site: Site) -> Offer:
    return Offer.objects.create(
        employer=bakery,
        site=bakery_site,
        kind="internship",
        title="Staż: pomoc piekarza",
        hours_per_week=40,
        contract_type="internship_agreement",
        places=2,
        status="open",
    )


@pytest.fixture
def stand(fair: JobFair, bakery: Employer, coordinator: User) -> FairStand:
    return services.stand_add(actor=coordinator, fair=fair, data=services.StandData(employer=bakery))


@pytest.fixture
def anna(organisation: Organisation) -> Participant:
    person: Participant = ParticipantFactory(
        organisation=organisation, first_name="Anna", last_name="Adamska"
    )
    return person


@pytest.fixture
def beata(organisation: Organisation) -> Participant:
    person: Participant = ParticipantFactory(
        organisation=organisation, first_name="Beata", last_name="Borowa"
    )
    return person


@pytest.fixture
def guests(fair: JobFair, caseworker: User, anna: Participant, beata: Participant) -> list[FairGuest]:
    return services.guests_invite(actor=caseworker, fair=fair, people=[anna, beata])
