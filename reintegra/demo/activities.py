"""The demo's clubs and activation point: venues with resources and visits, staff roles, a
weekly club workshop of the KARnet15+ programme with its attendance so far.

Small on purpose (the pilot's scale is a separate fill); seeding twice writes nothing new.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.activities import services
from reintegra.activities.models import Resource, Venue
from reintegra.demo.context import DemoContext
from reintegra.people import services as people_services
from reintegra.people.models import TercUnit
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import EnrolmentStatus, Programme

TOWN_GMINA = "3035011"  # Zalesie
CLUB = "Klub Aktywności Rozmaitych „Przystań”"
POINT = "Punkt Aktywizacji przy schronisku"
WEEKS_BACK, WEEKS_AHEAD = 8, 12


def seed_activities(ctx: DemoContext) -> None:
    if Venue.objects.filter(name=CLUB).exists():
        ctx.count_created("venues", False)
        return
    gmina = TercUnit.objects.get(code=TOWN_GMINA)
    club = _venue(ctx, "mops", CLUB, "club", "ul. Ogrodowa 3", gmina, opens=14, closes=20)
    services.resource_add(actor=None, venue=club, kind="computer", name="Komputer 1")
    services.resource_add(actor=None, venue=club, kind="library", name="Biblioteczka")
    point = _venue(ctx, "ngo", POINT, "activation_point", "ul. Przemysłowa 9", gmina, opens=9, closes=17)
    computer = services.resource_add(actor=None, venue=point, kind="computer", name="Komputer z drukarką")
    phone = services.resource_add(actor=None, venue=point, kind="phone", name="Bezpłatny telefon")
    services.resource_add(actor=None, venue=point, kind="press", name="Prasa z ofertami pracy")
    _visits(point, [computer, phone])
    _club_sessions(ctx, club)
    ctx.count_created("venues", True)


def _venue(
    ctx: DemoContext,
    organisation: str,
    name: str,
    kind: str,
    street: str,
    gmina: TercUnit,
    *,
    opens: int,
    closes: int,
) -> Venue:
    data = services.VenueData(
        name=name, kind=kind, street=street, postal_code="62-100", town="Zalesie", gmina=gmina, capacity=20
    )
    hours = [services.Opening(weekday=day, opens=time(opens), closes=time(closes)) for day in range(5)]
    return services.venue_create(
        actor=None, organisation=ctx.organisations[organisation], data=data, opening_hours=hours
    )


def _visits(point: Venue, resources: list[Resource]) -> None:
    people = list(point.organisation.participants.order_by("pk")[:4])
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for index, person in enumerate(people * 2):
        services.visit_log(
            actor=None,
            data=services.VisitData(
                venue=point,
                visited_at=now - timedelta(days=index + 1),
                resource=resources[index % len(resources)],
                participant=person,
                purpose="Szukanie ofert pracy" if index % 2 else "Pisanie CV",
            ),
        )


def _club_sessions(ctx: DemoContext, club: Venue) -> None:
    programme = Programme.objects.filter(code="karnet-zalesie-2026").first()
    if programme is None:
        return
    coordinator, leader = ctx.users["koordynator.mops"], ctx.users["asystent.mops"]
    start = date(programme.start_date.year, 1, 1)
    for user, role in ((coordinator, "club_coordinator"), (leader, "lpg")):
        programme_services.programme_staff_add(
            actor=coordinator,
            programme=programme,
            data=programme_services.StaffRoleData(user=user, role=role, starts_on=start),
        )
    group = programme_services.group_create(actor=coordinator, programme=programme, name="Klub A")
    for enrolment in programme.enrolments.filter(status=EnrolmentStatus.ENROLLED):
        programme_services.enrolment_assign_group(actor=coordinator, enrolment=enrolment, group=group)
    today = timezone.localdate()
    first = today - timedelta(weeks=WEEKS_BACK, days=today.weekday() - 1)  # a Tuesday
    first_start = datetime.combine(first, time(16), tzinfo=timezone.get_current_timezone())
    activity = services.activity_create(
        actor=coordinator,
        programme=programme,
        title="Klub filmowy",
        description="Wspólne oglądanie i omawianie filmów o pracy.",
        builds_towards="Wypowiadanie się w grupie, punktualność.",
    )
    # No actor: the demo's audit entries are written by no one (bulk writes name their actor).
    sessions = services.session_schedule(
        actor=None,
        data=services.SessionData(
            programme=programme,
            kind="group_workshop",
            title="Klub filmowy",
            leader=leader,
            starts_at=first_start,
            ends_at=first_start + timedelta(hours=2),
            planned_hours=Decimal(2),
            group=group,
            activity=activity,
            venue=club,
            recurrence=f"FREQ=WEEKLY;COUNT={WEEKS_BACK + WEEKS_AHEAD}",
        ),
    )
    people = services.roster(sessions[0])
    for week, session in enumerate(session for session in sessions if session.ends_at < timezone.now()):
        marks = [
            services.Mark(participant_id=person.pk, present=(week + index) % 5 != 0, hours=Decimal(2))
            for index, person in enumerate(people)
        ]
        services.attendance_record(actor=None, session=session, marks=marks)
    # The demo participant's account reads the page of a club member: sessions, votes, passport.
    if people:
        people_services.participant_account_link(
            actor=coordinator, participant=people[0], account=ctx.users["uczestnik"]
        )
