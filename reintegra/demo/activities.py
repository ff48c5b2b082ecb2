"""The demo's two KARnet15+ clubs and its activation point: venues with resources and visits,
staff roles, and a year of each club's life — a closed vote on proposed activities with its
results, the accepted activities, weekly sessions of the five kinds the model schedules
(activity meetings, workshops with the group-process leader and with the labour-market guide,
meetings with employers, consultations) and attendance marked for the sessions held so far.

The clubs are in two towns: „Przystań” of MOPS in Zalesie and „Kuźnia” of the association
„Razem dla Jarzębiny” in Jarzębina. Small on purpose (the pilot's scale is ``scale_clubs.py``);
seeding twice writes nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.activities import services
from reintegra.activities.models import (
    Activity,
    Attendance,
    AttendanceMode,
    Resource,
    Session,
    Venue,
    Vote,
    VotingRound,
)
from reintegra.audit.bulk import log_bulk_create
from reintegra.demo.context import DemoContext
from reintegra.people import services as people_services
from reintegra.people.models import Participant, TercUnit
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import EnrolmentStatus, Programme

TOWN_GMINA = "3035011"  # Zalesie
CLUB = "Klub Aktywności Rozmaitych „Przystań”"
POINT = "Punkt Aktywizacji przy schronisku"
WEEKS_BACK, WEEKS = 39, 52  # a year of sessions, three quarters of it held


@dataclass(frozen=True)
class ClubSpec:
    programme: str  # code
    organisation: str
    venue: str
    street: str
    postal_code: str
    town: str
    gmina: str  # TERC
    coordinator: str  # club coordinator and labour-market guide (PpRP)
    leader: str  # group-process leader (LPG)
    group: str
    proposals: tuple[tuple[str, str, str, bool], ...]  # title, description, builds towards, accepted


CLUBS: tuple[ClubSpec, ...] = (
    ClubSpec(
        "karnet-zalesie-2026",
        "mops",
        CLUB,
        "ul. Ogrodowa 3",
        "06-420",
        "Zalesie",
        TOWN_GMINA,
        "koordynator.mops",
        "asystent.mops",
        "Klub A",
        (
            ("Kuchenne przygody", "Gotujemy razem proste obiady.", "Praca w zespole, higiena pracy.", True),
            ("Fotoprojekt", "Zdjęcia okolicy i wystawa.", "Obsługa sprzętu, terminowość.", True),
            ("Zdrowy styl życia", "Sport i zdrowe jedzenie.", "Dbanie o siebie.", False),
        ),
    ),
    ClubSpec(
        "karnet-jarzebina-2026",
        "razem",
        "Klub Aktywności Rozmaitych „Kuźnia”",
        "ul. Szkolna 2",
        "06-445",
        "Jarzębina",
        "3035034",
        "koordynator.razem",
        "lider.razem",
        "Klub B",
        (
            (
                "Okołomuzycznik",
                "Nagrywamy i miksujemy muzykę.",
                "Technika nagrań, praca nad projektem.",
                True,
            ),
            ("Warsztaty rowerowe", "Naprawiamy rowery dla sąsiadów.", "Praca ręczna, obsługa klienta.", True),
            ("Gry planszowe", "Wieczory gier.", "Zasady i współpraca.", False),
        ),
    ),
)


def seed_activities(ctx: DemoContext) -> None:
    for spec in CLUBS:
        created = not Venue.objects.filter(name=spec.venue).exists()
        if created:
            _club(ctx, spec)
        ctx.count_created("venues", created)
    if Venue.objects.filter(name=POINT).exists():
        ctx.count_created("venues", False)
        return
    gmina = TercUnit.objects.get(code=TOWN_GMINA)
    point = _venue(
        ctx,
        "ngo",
        POINT,
        "activation_point",
        ("ul. Przemysłowa 9", "06-420", "Zalesie"),
        gmina,
        opens=9,
        closes=17,
    )
    computer = services.resource_add(actor=None, venue=point, kind="computer", name="Komputer z drukarką")
    phone = services.resource_add(actor=None, venue=point, kind="phone", name="Bezpłatny telefon")
    services.resource_add(actor=None, venue=point, kind="press", name="Prasa z ofertami pracy")
    _visits(point, [computer, phone])
    ctx.count_created("venues", True)


def _club(ctx: DemoContext, spec: ClubSpec) -> None:
    gmina = TercUnit.objects.get(code=spec.gmina)
    address = (spec.street, spec.postal_code, spec.town)
    club = _venue(ctx, spec.organisation, spec.venue, "club", address, gmina, opens=14, closes=20)
    services.resource_add(actor=None, venue=club, kind="computer", name="Komputer 1")
    services.resource_add(actor=None, venue=club, kind="library", name="Biblioteczka")
    programme = Programme.objects.filter(code=spec.programme).first()
    if programme is not None:
        _club_year(ctx, spec, programme, club)


def _venue(
    ctx: DemoContext,
    organisation: str,
    name: str,
    kind: str,
    address: tuple[str, str, str],  # street, postal code, town
    gmina: TercUnit,
    *,
    opens: int,
    closes: int,
) -> Venue:
    street, postal_code, town = address
    data = services.VenueData(
        name=name, kind=kind, street=street, postal_code=postal_code, town=town, gmina=gmina, capacity=20
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


def _club_year(ctx: DemoContext, spec: ClubSpec, programme: Programme, club: Venue) -> None:
    coordinator, leader = ctx.users[spec.coordinator], ctx.users[spec.leader]
    today = timezone.localdate()
    monday = today - timedelta(weeks=WEEKS_BACK, days=today.weekday())
    since = min(monday, programme.start_date)
    for user, role in ((coordinator, "club_coordinator"), (coordinator, "pprp"), (leader, "lpg")):
        programme_services.programme_staff_add(
            actor=coordinator,
            programme=programme,
            data=programme_services.StaffRoleData(user=user, role=role, starts_on=since),
        )
    group = programme_services.group_create(actor=coordinator, programme=programme, name=spec.group)
    for enrolment in programme.enrolments.filter(status=EnrolmentStatus.ENROLLED):
        programme_services.enrolment_assign_group(actor=coordinator, enrolment=enrolment, group=group)
    members = list(
        Participant.objects.filter(enrolments__group=group).order_by("last_name", "first_name", "pk")
    )
    activities = _vote(spec, programme, coordinator, members, closed_on=monday - timedelta(days=3))
    sessions = []
    for kind, title, day, hour, hours, interval, activity in _series(activities):
        first = datetime.combine(
            monday + timedelta(days=day), time(hour), tzinfo=timezone.get_current_timezone()
        )
        sessions += services.session_schedule(
            actor=None,
            data=services.SessionData(
                programme=programme,
                kind=kind,
                title=title,
                leader=leader if kind == "group_workshop" else coordinator,
                starts_at=first,
                ends_at=first + timedelta(hours=hours),
                planned_hours=Decimal(hours),
                group=group,
                activity=activity,
                venue=club,
                recurrence=f"FREQ=WEEKLY;INTERVAL={interval};COUNT={WEEKS // interval}",
            ),
        )
    _mark_held(sessions, members)
    # The demo participant's account reads the page of a club member: sessions, votes, passport.
    if spec.organisation == "mops" and members:
        people_services.participant_account_link(
            actor=coordinator, participant=members[0], account=ctx.users["uczestnik"]
        )


Series = tuple[str, str, int, int, int, int, Activity | None]


def _series(activities: list[Activity]) -> list[Series]:
    """(kind, title, first day counted from the first Monday, hour, hours, every how many weeks,
    activity) of the club's sessions: the accepted activities in turn on Tuesdays, the LPG's
    workshop on Wednesdays, the labour-market guide's on Thursdays, an employer every fourth
    Friday, consultations on Mondays."""
    series: list[Series] = [
        ("activity", activity.title, 1 + 7 * index, 16, 2, len(activities), activity)
        for index, activity in enumerate(activities)
    ]
    return [
        *series,
        ("group_workshop", "Warsztat z Liderem Procesów Grupowych", 2, 16, 2, 1, None),
        ("labour_market_workshop", "Warsztat z Przewodnikiem po Rynku Pracy", 3, 16, 2, 1, None),
        ("employer_meeting", "Spotkanie z pracodawcą", 4, 15, 2, 4, None),
        ("consultation", "Konsultacje indywidualne", 0, 17, 1, 1, None),
    ]


def _vote(
    spec: ClubSpec, programme: Programme, coordinator: User, members: list[Participant], *, closed_on: date
) -> list[Activity]:
    """The club's first vote, held through the services while open and then moved back to the
    fortnight before the first sessions: proposals of members, a vote of each member on each,
    the winners accepted as the club's activities and the results published."""
    now = timezone.now()
    voting = services.voting_round_open(
        actor=coordinator,
        programme=programme,
        title="Pierwsze głosowanie klubu",
        opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=1),
    )
    proposals = []
    for index, (title, description, builds_towards, _accepted) in enumerate(spec.proposals):
        proposals.append(
            services.proposal_create(
                actor=coordinator,
                voting=voting,
                data=services.ProposalData(
                    title=title,
                    description=description,
                    builds_towards=builds_towards,
                    proposed_by=members[index % len(members)] if members else None,
                ),
            )
        )
    for index, person in enumerate(members):
        for number, proposal in enumerate(proposals):
            accepted = spec.proposals[number][3]
            services.vote_cast(
                actor=None, proposal=proposal, participant=person, in_favour=accepted or index % 3 == 0
            )
    opens_at = datetime.combine(
        closed_on - timedelta(days=14), time(9), tzinfo=timezone.get_current_timezone()
    )
    closes_at = opens_at + timedelta(days=14)
    VotingRound.objects.filter(pk=voting.pk).update(closes_at=now - timedelta(seconds=1))
    voting.refresh_from_db()
    winners = [proposal for proposal, item in zip(proposals, spec.proposals, strict=True) if item[3]]
    activities = services.voting_round_accept(actor=coordinator, voting=voting, winners=winners)
    # As if it had happened then: the round, the proposals and the votes in their fortnight.
    VotingRound.objects.filter(pk=voting.pk).update(
        opens_at=opens_at, closes_at=closes_at, published_at=closes_at + timedelta(hours=20)
    )
    voting.proposals.update(created_at=opens_at + timedelta(hours=2))
    Vote.objects.filter(proposal__round=voting).update(cast_at=opens_at + timedelta(days=3))
    return activities


def _mark_held(sessions: list[Session], members: list[Participant]) -> None:
    """Attendance of the sessions held so far, as their leader marked it: most members came,
    for the whole session, now and then one from home; one row per member, written at once."""
    now = timezone.now()
    rows = [
        Attendance(
            session=session,
            participant=person,
            present=(week + index) % 5 != 0,
            hours=session.length_hours if (week + index) % 5 != 0 else Decimal(0),
            mode=AttendanceMode.REMOTE if (week + index) % 7 == 3 else AttendanceMode.ON_SITE,
            recorded_by=session.leader,
            recorded_at=session.ends_at,
        )
        for week, session in enumerate(sorted(sessions, key=lambda session: session.starts_at))
        if session.ends_at < now
        for index, person in enumerate(members)
    ]
    Attendance.objects.bulk_create(rows, batch_size=500)
    log_bulk_create(rows, actor=None)
