"""The PUP's mobile team of seed 004, with its van, its base and the village halls it visits, and
an accepted plan of next week's visits on the calendar.

The ``seed_outreach`` step of ``manage.py seed_demo``, after ``seed_mobile`` (whose women, halls
and visits it finds). What seed 004 describes, and where it is here:

* *mobile teams of PUP staff* ("mobilność przygotowanych zespołów pracowników PUP"): the
  career adviser, who leads the visits, and the job broker, with the office's van, starting
  and ending each working day (Monday to Friday, 8–16) at the PUP in Zalesie;
* *village halls built or refurbished from PROW* ("świetlice wiejskie wybudowane/wyremontowane
  … ze środków PROW"): the three halls of ``seed_mobile`` and four more in the same gminas, each
  with its coordinates and the hours it is free (the sołtys lends the key on weekdays);
* the team's planner: next week planned for the gminas where the programme's women live (one
  hall in each), accepted, so the visits are on the adviser's and the halls' calendars.

Through the services and audited, like the rest of the demo. Idempotent: when the team exists
nothing is written.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.activities import services as activity_services
from reintegra.activities.models import Venue
from reintegra.demo.context import DemoContext
from reintegra.demo.mobile import CODE, HALLS, Hall, hall_hours
from reintegra.outreach import services
from reintegra.outreach.models import MobileTeam
from reintegra.people.models import TercUnit
from reintegra.programmes.models import Programme

TEAM = "Zespół mobilny MCAZ"
BASE = ("Powiatowy Urząd Pracy w Zalesiu", Decimal("52.32000"), Decimal("17.57000"))
MORE_HALLS: tuple[Hall, ...] = (
    Hall(
        "Świetlica wiejska w Olszynach",
        "Olszyny 3",
        "06-426",
        "Olszyny",
        "3035022",
        0,
        "52.41820",
        "17.70140",
        10,
    ),
    Hall(
        "Remiza OSP w Łąkowej Woli",
        "Łąkowa Wola 21",
        "06-431",
        "Łąkowa Wola",
        "3035042",
        0,
        "52.27140",
        "17.34960",
    ),
    Hall(
        "Świetlica wiejska w Nowych Łąkach",
        "ul. Polna 2",
        "06-430",
        "Nowe Łąki",
        "3035042",
        0,
        "52.30870",
        "17.41230",
    ),
    Hall(
        "Świetlica wiejska w Woli Jarzębińskiej",
        "ul. Lipowa 9",
        "06-446",
        "Wola Jarzębińska",
        "3035035",
        0,
        "52.20330",
        "17.50410",
        12,
        18,
    ),
)
# The planner's time in the demo: the halls are few, it finds the best routes at once.
PLAN_TIME_LIMIT_S = 1.0


def seed_outreach(ctx: DemoContext) -> None:
    programme = Programme.objects.filter(code=CODE).first()
    if programme is None or MobileTeam.objects.filter(programme=programme).exists():
        ctx.count_created("mobile team", False)
        return
    coordinator, adviser, broker = (
        ctx.users[name] for name in ("koordynator.pup", "doradca.pup", "posrednik.pup")
    )
    name, latitude, longitude = BASE
    team = services.team_create(
        actor=coordinator,
        organisation=programme.organisation,
        data=services.TeamData(
            programme=programme,
            name=TEAM,
            vehicle="Opel Vivaro, 9 miejsc",
            registration="WZA 4C21",
            base_name=name,
            base_latitude=latitude,
            base_longitude=longitude,
            visit_minutes=120,
            speed_kmh=45,
        ),
    )
    services.members_set(actor=coordinator, team=team, users=[adviser, broker], leader=adviser)
    services.working_days_set(
        actor=coordinator,
        team=team,
        days=[services.Hours(weekday=weekday, starts=time(8), ends=time(16)) for weekday in range(5)],
    )
    halls = [_venue(programme, hall) for hall in (*HALLS, *MORE_HALLS)]
    services.locations_set(actor=coordinator, team=team, venues=halls)
    today = timezone.localdate()
    next_monday = today + timedelta(days=7 - today.weekday())
    plan = services.plan_week(
        actor=coordinator, team=team, first_day=next_monday, time_limit_s=PLAN_TIME_LIMIT_S
    )
    # The sessions are written in bulk with their audit rows: by the system, as every step writes.
    services.plan_accept(actor=None, plan=plan)
    ctx.count_created("mobile team", True)


def _venue(programme: Programme, hall: Hall) -> Venue:
    """The hall as ``seed_mobile`` made it (given coordinates and hours if it had none), or new."""
    data = activity_services.VenueData(
        name=hall.name,
        kind="village_hall",
        street=hall.street,
        postal_code=hall.postal_code,
        town=hall.town,
        gmina=TercUnit.objects.get(code=hall.gmina),
        capacity=30,
        latitude=Decimal(hall.latitude),
        longitude=Decimal(hall.longitude),
    )
    venue = Venue.objects.filter(organisation=programme.organisation, name=hall.name).first()
    if venue is None:
        return activity_services.venue_create(
            actor=None, organisation=programme.organisation, data=data, opening_hours=hall_hours(hall)
        )
    if venue.latitude is None or not venue.opening_hours.exists():
        activity_services.venue_update(actor=None, venue=venue, data=data, opening_hours=hall_hours(hall))
    return venue
