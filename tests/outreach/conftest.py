"""The PUP's mobile activation centre (seed 004): a programme of the mobile-activation model,
an adviser on its mobile team, village halls in three rural gminas with coordinates and opening
hours on weekdays 9–17, and women living in those gminas who applied or are enrolled."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities import services as activity_services
from reintegra.activities.models import Venue
from reintegra.outreach import services
from reintegra.outreach.models import MobileTeam
from reintegra.people.models import Degurba, Participant, TercUnit
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme, ProgrammeTemplate
from tests.factories import ParticipantFactory, ProgrammeFactory, member

MONDAY = date(2026, 3, 2)
WEEKDAYS_9_TO_17 = [activity_services.Opening(weekday=d, opens=time(9), closes=time(17)) for d in range(5)]
GMINAS = {
    "9901012": ("Borówkowo", Decimal("52.39500"), Decimal("17.66000")),
    "9901022": ("Stare Łąki", Decimal("52.29000"), Decimal("17.38000")),
    "9901032": ("Dębowiec", Decimal("52.19000"), Decimal("17.47000")),
}


@pytest.fixture
def gminas(db: None) -> dict[str, TercUnit]:
    return {
        code: TercUnit.objects.get_or_create(
            code=code, defaults={"name": name, "kind": "gmina wiejska", "degurba": Degurba.RURAL}
        )[0]
        for code, (name, _lat, _lon) in GMINAS.items()
    }


@pytest.fixture
def mobile_programme(organisation: Organisation) -> Programme:
    programme_services.templates_load()
    return ProgrammeFactory(
        organisation=organisation,
        template=ProgrammeTemplate.objects.get(code="mobile-activation"),
        name="MCAZ w powiecie",
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )


@pytest.fixture
def adviser(organisation: Organisation, mobile_programme: Programme) -> User:
    user = member(
        organisation, Role.CASE_WORKER, username="doradca", first_name="Dorota", last_name="Doradczyni"
    )
    programme_services.programme_staff_add(
        actor=None,
        programme=mobile_programme,
        data=programme_services.StaffRoleData(user=user, role="mobile_team", starts_on=date(2026, 1, 1)),
    )
    return user


def hall(
    organisation: Organisation, gmina: TercUnit, name: str, *, coordinates: bool = True, **fields: object
) -> Venue:
    _name, lat, lon = GMINAS.get(gmina.code, ("", Decimal("52.3"), Decimal("17.5")))
    data = activity_services.VenueData(
        name=name,
        kind="village_hall",
        town=gmina.name,
        gmina=gmina,
        capacity=30,
        latitude=lat if coordinates else None,
        longitude=lon if coordinates else None,
        **fields,
    )
    return activity_services.venue_create(
        actor=None, organisation=organisation, data=data, opening_hours=WEEKDAYS_9_TO_17
    )


@pytest.fixture
def halls(organisation: Organisation, gminas: dict[str, TercUnit]) -> list[Venue]:
    return [hall(organisation, unit, f"Świetlica wiejska – {unit.name}") for unit in gminas.values()]


def woman(programme: Programme, gmina: TercUnit, status: str = EnrolmentStatus.ENROLLED) -> Participant:
    person: Participant = ParticipantFactory(organisation=programme.organisation, gmina=gmina)
    Enrolment.objects.create(
        programme=programme, participant=person, status=status, applied_at=timezone.now()
    )
    return person


@pytest.fixture
def women(mobile_programme: Programme, gminas: dict[str, TercUnit]) -> list[Participant]:
    statuses = (EnrolmentStatus.ENROLLED, EnrolmentStatus.APPLIED, EnrolmentStatus.ELIGIBLE)
    return [woman(mobile_programme, unit, statuses[index]) for index, unit in enumerate(gminas.values())]


def team_data(programme: Programme, **changes: object) -> services.TeamData:
    fields: dict[str, object] = {
        "programme": programme,
        "name": "Zespół mobilny PUP",
        "base_name": "PUP Zalesie",
        "base_latitude": Decimal("52.32000"),
        "base_longitude": Decimal("17.57000"),
        "vehicle": "Renault Trafic",
        "registration": "WZA 12345",
    } | changes
    return services.TeamData(**fields)


@pytest.fixture
def team(
    organisation: Organisation, mobile_programme: Programme, adviser: User, halls: list[Venue]
) -> MobileTeam:
    team = services.team_create(actor=None, organisation=organisation, data=team_data(mobile_programme))
    services.members_set(actor=None, team=team, users=[adviser], leader=adviser)
    services.working_days_set(
        actor=None,
        team=team,
        days=[services.Hours(weekday=d, starts=time(8), ends=time(16)) for d in range(5)],
    )
    services.locations_set(actor=None, team=team, venues=halls)
    return team
