"""A KARnet15+ club of our organisation: its leader (LPG), a group of enrolled young people,
and the club room, open on weekdays 9–17, with a computer."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities import services
from reintegra.activities.models import Resource, Session, Venue
from reintegra.people.models import Degurba, Participant, TercUnit
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Group, Programme, ProgrammeTemplate
from tests.factories import ParticipantFactory, ProgrammeFactory, member

WEEKDAYS_9_TO_17 = [services.Opening(weekday=day, opens=time(9), closes=time(17)) for day in range(5)]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def gmina(db: None) -> TercUnit:
    unit, _ = TercUnit.objects.get_or_create(
        code="3035011", defaults={"name": "Zalesie", "kind": "gmina miejska", "degurba": Degurba.CITY}
    )
    return unit


@pytest.fixture
def club(organisation: Organisation) -> Programme:
    programme_services.templates_load()
    return ProgrammeFactory(
        organisation=organisation,
        template=ProgrammeTemplate.objects.get(code="karnet15"),
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
        funding_source="FERS",
    )


@pytest.fixture
def leader(organisation: Organisation, club: Programme) -> User:
    user = member(organisation, Role.CASE_WORKER, username="lider", first_name="Lena", last_name="Lider")
    programme_services.programme_staff_add(
        actor=None,
        programme=club,
        data=programme_services.StaffRoleData(user=user, role="lpg", starts_on=date(2026, 1, 1)),
    )
    return user


@pytest.fixture
def group(club: Programme) -> Group:
    return Group.objects.create(programme=club, name="Grupa A")


def enrol(club: Programme, group: Group | None, **fields: object) -> Participant:
    person: Participant = ParticipantFactory(organisation=club.organisation, **fields)
    Enrolment.objects.create(
        programme=club,
        participant=person,
        status=EnrolmentStatus.ENROLLED,
        applied_at=timezone.now(),
        group=group,
    )
    return person


@pytest.fixture
def young_people(club: Programme, group: Group) -> list[Participant]:
    return [enrol(club, group, last_name=name) for name in ("Adamska", "Borowa", "Cicha")]


@pytest.fixture
def venue(organisation: Organisation, gmina: TercUnit) -> Venue:
    data = services.VenueData(name="Klub w Zalesiu", kind="club", town="Zalesie", gmina=gmina, capacity=20)
    return services.venue_create(
        actor=None, organisation=organisation, data=data, opening_hours=WEEKDAYS_9_TO_17
    )


@pytest.fixture
def computer(venue: Venue) -> Resource:
    return services.resource_add(actor=None, venue=venue, kind="computer", name="Komputer 1")


def schedule(
    club: Programme, leader: User, *, start: datetime, hours: int = 2, **fields: object
) -> list[Session]:
    data = services.SessionData(
        programme=club,
        kind=str(fields.pop("kind", "group_workshop")),
        leader=leader,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        planned_hours=Decimal(hours),
        **fields,
    )
    return services.session_schedule(actor=None, data=data)
