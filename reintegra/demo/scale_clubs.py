"""A year of two KARnet15+ clubs at the pilot's size (``seed_demo --karnet-scale``).

The pilot of seed 000 (Wrocław and Poznań, October 2013 to September 2014): 656 young people,
47 activities they proposed and chose, 1,059 meetings of five kinds — activity meetings,
workshops with the group-process leader (LPG) and with the labour-market guide (PpRP), meetings
with employers, individual consultations. Here the two clubs are the demo's, in Zalesie and in
Jarzębina, each with a programme of its own for the twelve months up to today.

Written in bulk, a few statements a table, and without audit entries (synthetic load, as the
other fills), but as the services would write it: the people are 15 to 24, enrolled in the
club; each quarter the members vote on proposals (one vote a person a proposal, within the
round's fortnight) and the most wanted become the club's activities; every session is led by a
holder of a role that leads its kind, and attendance is marked only for members enrolled by
then, with hours within the session's length. Deterministic for a given seed; a second run
finds the programmes and writes nothing.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.activities.models import (
    Activity,
    Attendance,
    AttendanceMode,
    Proposal,
    ProposalStatus,
    Session,
    Venue,
    Vote,
    VotingRound,
)
from reintegra.activities.services import attendance_months_rebuild
from reintegra.demo.activities import CLUBS, ClubSpec
from reintegra.demo.scale_people import (
    COMMON_F,
    COMMON_M,
    ENDINGS_F,
    ENDINGS_M,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    SYLLABLES_1,
    SYLLABLES_2,
    pesel_for,
)
from reintegra.people.identifiers import search_key
from reintegra.people.models import LabourStatus, Participant, Sex
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme, ProgrammeTemplate

PEOPLE, ACTIVITIES, MEETINGS = 656, 47, 1_059
# How the pilot's meetings might have split by kind (the report gives only the total).
KIND_SHARES = {
    "activity": 520,
    "group_workshop": 170,
    "labour_market_workshop": 150,
    "employer_meeting": 60,
    "consultation": 159,
}
HOURS = {  # kind: (start hour, length in hours)
    "activity": (16, 2),
    "group_workshop": (16, 2),
    "labour_market_workshop": (17, 2),
    "employer_meeting": (15, 2),
    "consultation": (14, 1),
}
ROUNDS = 4  # a vote each quarter
DECLINED = 2  # proposals not chosen in each round
BATCH = 2_000
SERIAL = 4_000  # PESEL serials above those of the other fills, so no one clashes with them


@dataclass(frozen=True)
class Filled:
    people: int
    activities: int
    meetings: int
    attendance: int
    votes: int


def pilot_code(spec: ClubSpec) -> str:
    return spec.programme.replace("-2026", "-pilotaz")


def split(total: int, shares: list[int]) -> list[int]:
    """``total`` in parts proportional to ``shares`` (largest remainder): they sum to ``total``."""
    whole = sum(shares)
    parts = [total * share // whole for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda index: -(total * shares[index] % whole))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


@transaction.atomic
def fill_clubs(
    *, people: int = PEOPLE, activities: int = ACTIVITIES, meetings: int = MEETINGS, seed: int = 2013
) -> Filled:
    """The two clubs at the pilot's size (or smaller, for tests); nothing when they exist."""
    if Programme.objects.filter(code__in=[pilot_code(spec) for spec in CLUBS]).exists():
        return Filled(0, 0, 0, 0, 0)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    kinds = dict(zip(KIND_SHARES, split(meetings, list(KIND_SHARES.values())), strict=True))
    halves = [split(people, [1, 1]), split(activities, [1, 1])]
    totals = Counter[str]()
    for position, spec in enumerate(CLUBS):
        club_kinds = {kind: split(count, [1, 1])[position] for kind, count in kinds.items()}
        filled = _club(spec, rng, halves[0][position], halves[1][position], club_kinds)
        totals.update(filled)
    # The marks are written in bulk: the months the reports read are counted again once.
    attendance_months_rebuild()
    return Filled(
        totals["people"], totals["activities"], totals["meetings"], totals["attendance"], totals["votes"]
    )


def _club(
    spec: ClubSpec, rng: random.Random, people: int, activities: int, kinds: dict[str, int]
) -> Counter[str]:
    venue = Venue.objects.select_related("organisation").get(name=spec.venue)
    organisation = venue.organisation
    coordinator = User.objects.get(username=spec.coordinator)
    leader = User.objects.get(username=spec.leader)
    today = timezone.localdate()
    start = today - timedelta(days=364)
    programme = programme_services.programme_create_from_template(
        actor=None,
        organisation=organisation,
        template=ProgrammeTemplate.objects.get(code="karnet15"),
        data=programme_services.ProgrammeData(
            name=f"KARnet15+ – pilotaż: {spec.venue}",
            code=pilot_code(spec),
            start_date=start,
            end_date=today,
            places=people,
            venues=f"{spec.venue}, {spec.street}, {spec.town}",
            funding_source="PO KL, projekt innowacyjny testujący",
            staff=(coordinator,),
        ),
    )
    for user, role in ((coordinator, "club_coordinator"), (coordinator, "pprp"), (leader, "lpg")):
        programme_services.programme_staff_add(
            actor=None,
            programme=programme,
            data=programme_services.StaffRoleData(user=user, role=role, starts_on=start),
        )
    members = _members(programme, organisation, venue, rng, people, start)
    chosen = _votes(programme, members, rng, activities, start)
    sessions = _sessions(programme, venue, coordinator, leader, chosen, kinds, start)
    attendance = _attendance(sessions, members, rng)
    return Counter(
        people=len(members),
        activities=len(chosen),
        meetings=len(sessions),
        attendance=attendance,
        votes=Vote.objects.filter(proposal__round__programme=programme).count(),
    )


def _members(
    programme: Programme,
    organisation: Organisation,
    venue: Venue,
    rng: random.Random,
    count: int,
    start: date,
) -> list[tuple[Participant, date]]:
    """The club's young people, 15 to 24 on the first day, each with the day they joined."""
    serials: Counter[tuple[date, bool]] = Counter()
    people = []
    for _index in range(count):
        female = rng.random() < 0.5
        birth = start - timedelta(days=rng.randrange(15 * 365 + 4, 25 * 365 - 4))
        serial = SERIAL + serials[birth, female]
        serials[birth, female] += 1
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = _surname(rng, female)
        people.append(
            Participant(
                organisation=organisation,
                first_name=first,
                last_name=last,
                pesel=pesel_for(birth, serial, female),
                birth_date=birth,
                sex=Sex.WOMAN if female else Sex.MAN,
                labour_status=rng.choice([LabourStatus.INACTIVE, LabourStatus.UNEMPLOYED]),
                gmina=venue.gmina,
                search_key=search_key(last, first),
            )
        )
    people = Participant.objects.bulk_create(people, batch_size=BATCH)
    # Most join in the first months, some later (the clubs were open all year).
    joined = sorted(start + timedelta(days=min(int(rng.expovariate(1 / 60)), 300)) for _person in people)
    zone = timezone.get_current_timezone()
    Enrolment.objects.bulk_create(
        (
            Enrolment(
                programme=programme,
                participant=person,
                status=EnrolmentStatus.ENROLLED,
                applied_at=datetime.combine(on - timedelta(days=3), time(12), tzinfo=zone),
                enrolled_on=on,
            )
            for person, on in zip(people, joined, strict=True)
        ),
        batch_size=BATCH,
    )
    return list(zip(people, joined, strict=True))


def _surname(rng: random.Random, female: bool) -> str:
    if rng.random() < 0.1:
        return rng.choice(COMMON_F if female else COMMON_M)
    ending = rng.choice(ENDINGS_F if female else ENDINGS_M)
    return rng.choice(SYLLABLES_1) + rng.choice(SYLLABLES_2) + ending


def _votes(
    programme: Programme, members: list[tuple[Participant, date]], rng: random.Random, count: int, start: date
) -> list[tuple[Activity, date]]:
    """Each quarter a round: proposals of members, votes of those who were members by then, the
    proposals with most votes in favour accepted as activities (from the day after the close)."""
    zone = timezone.get_current_timezone()
    chosen: list[tuple[Activity, date]] = []
    for number, accepted in enumerate(split(count, [1] * ROUNDS)):
        closes_on = start + timedelta(days=91 * number)
        opens_at = datetime.combine(closes_on - timedelta(days=14), time(9), tzinfo=zone)
        closes_at = datetime.combine(closes_on, time(9), tzinfo=zone)
        voting = VotingRound.objects.create(
            programme=programme,
            title=f"Głosowanie {number + 1}: co robimy w klubie",
            opens_at=opens_at,
            closes_at=closes_at,
            published_at=closes_at + timedelta(hours=8),
        )
        voters = [person for person, joined in members if joined <= closes_on] or [members[0][0]]
        proposals = Proposal.objects.bulk_create(
            Proposal(
                round=voting,
                title=f"Aktywność {number + 1}.{index + 1}",
                description="Zaproponowana przez członka klubu.",
                builds_towards="Kompetencje społeczne i zawodowe.",
                proposed_by=rng.choice(voters),
            )
            for index in range(accepted + DECLINED)
        )
        voting.proposals.update(created_at=opens_at + timedelta(days=1))
        appeal = {proposal.pk: rng.random() for proposal in proposals}
        votes = [
            Vote(
                proposal=proposal,
                participant=person,
                in_favour=rng.random() < appeal[proposal.pk],
                cast_at=opens_at + timedelta(days=2, minutes=index),
            )
            for index, person in enumerate(voters)
            if rng.random() < 0.4
            for proposal in proposals
        ]
        Vote.objects.bulk_create(votes, batch_size=BATCH)
        yes = Counter(vote.proposal_id for vote in votes if vote.in_favour)
        winners = sorted(proposals, key=lambda proposal: (-yes[proposal.pk], proposal.pk))[:accepted]
        activities = Activity.objects.bulk_create(
            Activity(
                programme=programme,
                title=proposal.title,
                description=proposal.description,
                builds_towards=proposal.builds_towards,
            )
            for proposal in winners
        )
        for proposal, activity in zip(winners, activities, strict=True):
            proposal.status, proposal.activity = ProposalStatus.ACCEPTED, activity
        for proposal in proposals:
            if proposal not in winners:
                proposal.status = ProposalStatus.DECLINED
        Proposal.objects.bulk_update(proposals, ["status", "activity"])
        chosen += [(activity, closes_on + timedelta(days=1)) for activity in activities]
    return chosen


def _sessions(
    programme: Programme,
    venue: Venue,
    coordinator: User,
    leader: User,
    chosen: list[tuple[Activity, date]],
    kinds: dict[str, int],
    start: date,
) -> list[Session]:
    """Each kind's meetings spread evenly over the year, on weekdays; activity meetings take the
    club's activities in turn among those chosen by then. The LPG leads activities and its
    workshops; the coordinator, also the labour-market guide, the rest."""
    zone = timezone.get_current_timezone()
    sessions = []
    for kind, count in kinds.items():
        hour, length = HOURS[kind]
        for index in range(count):
            on = start + timedelta(days=index * 364 // count)
            on += timedelta(days={5: -1, 6: 1}.get(on.weekday(), 0))  # Saturday to Friday, Sunday to Monday
            on = min(on, start + timedelta(days=363))
            available = [activity for activity, since in chosen if since <= on]
            activity = available[index % len(available)] if kind == "activity" and available else None
            starts_at = datetime.combine(on, time(hour), tzinfo=zone)
            sessions.append(
                Session(
                    programme=programme,
                    kind=kind,
                    title=activity.title if activity else "",
                    activity=activity,
                    leader=leader if kind in {"activity", "group_workshop"} else coordinator,
                    venue=venue,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(hours=length),
                    planned_hours=Decimal(length),
                )
            )
    return Session.objects.bulk_create(sessions, batch_size=BATCH)


def _attendance(sessions: list[Session], members: list[tuple[Participant, date]], rng: random.Random) -> int:
    """Who came to each session held: one person to a consultation, eight to twenty-five to
    the rest, from the members enrolled by then; a few who signed up and did not come. Every
    member came at least once (the pilot's 656 are the young people who took part): one whom the
    draw left out comes to the first group session held after she joined."""
    rows: dict[tuple[int, int], Attendance] = {}
    now = timezone.now()
    held = [session for session in sessions if session.ends_at <= now]
    for session in held:
        on = timezone.localtime(session.starts_at).date()
        enrolled = [person for person, joined in members if joined <= on]
        if not enrolled:
            continue
        size = 1 if session.kind == "consultation" else min(len(enrolled), rng.randint(8, 25))
        came = rng.sample(enrolled, size)
        absent = [] if size == 1 else rng.sample(enrolled, min(2, len(enrolled)))
        marked = {person.pk: person for person in absent} | {person.pk: person for person in came}
        for person in marked.values():
            present = person in came
            hours = session.planned_hours - (Decimal("0.5") if present and rng.random() < 0.1 else 0)
            rows[session.pk, person.pk] = _mark(session, person, hours if present else None, rng)
    came_once = {person_pk for (_session, person_pk), row in rows.items() if row.present}
    group_sessions = sorted(
        (session for session in held if session.kind != "consultation"), key=lambda session: session.starts_at
    )
    for person, joined in members:
        if person.pk in came_once:
            continue
        first = next(
            (session for session in group_sessions if timezone.localtime(session.starts_at).date() >= joined),
            None,
        )
        if first is not None:
            rows[first.pk, person.pk] = _mark(first, person, first.planned_hours, rng)
    Attendance.objects.bulk_create(rows.values(), batch_size=BATCH)
    return len(rows)


def _mark(session: Session, person: Participant, hours: Decimal | None, rng: random.Random) -> Attendance:
    """A mark as the leader writes it: present for ``hours``, or absent (``None``)."""
    present = hours is not None
    return Attendance(
        session=session,
        participant=person,
        present=present,
        hours=hours if hours is not None else Decimal(0),
        mode=AttendanceMode.REMOTE if present and rng.random() < 0.05 else AttendanceMode.ON_SITE,
        recorded_by_id=session.leader_id,
        recorded_at=session.ends_at,
    )
