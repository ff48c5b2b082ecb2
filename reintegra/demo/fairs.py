"""The demo's job fairs (*Ryneczek pracy*) and the contest for a socially responsible employer,
both run by the PUP.

The ``seed_fairs`` step of ``manage.py seed_demo``, after the employers. Today's fair in Zalesie
has the three employers' stands, seven of the PUP's people invited, five of them checked in at
the door and one walk-in, short interviews at the stands and what followed (an invitation to an
interview at the logistics centre, an internship at the bakery). The spring fair in Borówkowo
takes sign-ups: the logistics centre has its stand, the bakery may sign up (``pracodawca``).
The contest of 2026 has three criteria, a jury of three of the PUP's staff, the three employers
nominated and scored, and its result published. Idempotent: a fair is looked up by its
organiser and title, the contest by its organiser, year and title.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.demo.context import DemoContext
from reintegra.demo.employers import (
    BAKERY_INTERNSHIP,
    JOINERY_TRIAL,
    WAREHOUSE_JOB,
    employer_of,
    offer_titled,
    person,
)
from reintegra.employers.fairs import contest as contest_services
from reintegra.employers.fairs import services
from reintegra.employers.models import Contest, FairGuest, JobFair, OutcomeKind

ORGANISER, COORDINATOR, RECORDER = "pup", "koordynator.pup", "doradca.pup"
TODAY_FAIR = "Ryneczek pracy w Zalesiu"
SPRING_FAIR = "Ryneczek pracy w Borówkowie"
INVITED = (0, 1, 3, 5, 6, 8, 9)  # the PUP's people, by pk
CAME = (1, 3, 5, 8, 9)
WALK_IN = 4
# (person, stand's employer, note of the interview, what followed and the offer's title)
INTERVIEWS: tuple[tuple[int, str, str, tuple[OutcomeKind, str] | None], ...] = (
    (
        9,
        "logistyka",
        "Pracowała w sortowni paczek; chce pracować na rannej zmianie.",
        (OutcomeKind.INTERVIEW_INVITATION, WAREHOUSE_JOB),
    ),
    (
        1,
        "piekarnia",
        "Zainteresowany stażem od przyszłego miesiąca; może pracować w nocy.",
        (OutcomeKind.INTERNSHIP, BAKERY_INTERNSHIP),
    ),
    (5, "stolarnia", "Pytał o próbę pracy; prosi o informację o dojeździe.", None),
    (8, "logistyka", "Zostawiła CV; zadzwonią po sezonie.", None),
)

CONTEST_YEAR = 2026
CONTEST_TITLE = "Pracodawca Odpowiedzialny Społecznie Powiatu Zalesiańskiego"
CRITERIA: tuple[tuple[str, str], ...] = (
    ("Zatrudnianie i staże dla osób zagrożonych wykluczeniem", "0.5"),
    ("Opieka mentorska i warunki pracy", "0.3"),
    ("Zaangażowanie w życie lokalnej społeczności", "0.2"),
)
JURY = ("koordynator.pup", "admin.pup", "doradca.pup")
# employer → (who nominated, why, each juror's points on each criterion)
NOMINATIONS: tuple[tuple[str, str, str, tuple[tuple[int, ...], ...]], ...] = (
    (
        "piekarnia",
        "doradca.pup",
        "Co roku przyjmuje stażystów z PUP i CIS; dwie stażystki zatrudniła na stałe.",
        ((5, 4, 4), (5, 5, 3), (4, 4, 5)),
    ),
    (
        "stolarnia",
        "posrednik.pup",
        "Prowadzi próby pracy dla uczestników CIS; mistrz stolarski jest ich mentorem.",
        ((4, 5, 3), (4, 4, 4), (3, 5, 3)),
    ),
    (
        "logistyka",
        "posrednik.pup",
        "Zatrudnia osoby długotrwale bezrobotne i organizuje dowóz pracowników z Borówkowa.",
        ((4, 3, 4), (3, 3, 5), (4, 3, 4)),
    ),
)


def seed_fairs(ctx: DemoContext) -> None:
    organisation = ctx.organisations[ORGANISER]
    for title, make in ((TODAY_FAIR, _today_fair), (SPRING_FAIR, _spring_fair)):
        exists = JobFair.objects.filter(organisation=organisation, title=title).exists()
        ctx.count_created("job fairs", not exists)
        if not exists:
            make(ctx)
    exists = Contest.objects.filter(
        organisation=organisation, year=CONTEST_YEAR, title=CONTEST_TITLE
    ).exists()
    ctx.count_created("contests", not exists)
    if not exists:
        _contest(ctx)


def _today_fair(ctx: DemoContext) -> None:
    coordinator, recorder = ctx.users[COORDINATOR], ctx.users[RECORDER]
    today = timezone.localdate()
    fair = services.fair_create(
        actor=coordinator,
        organisation=ctx.organisations[ORGANISER],
        data=services.FairData(
            title=TODAY_FAIR,
            held_on=today,
            starts_at=time(10),
            ends_at=time(14),
            sign_up_until=today - timedelta(days=7),
            address="Hala sportowa ZSZ nr 1, ul. Polna 15, 06-420 Zalesie",
            description="Stoiska pracodawców powiatu, rozmowy na miejscu, pomoc w pisaniu CV.",
        ),
    )
    offers = {
        "piekarnia": [offer_titled(ctx, "piekarnia", BAKERY_INTERNSHIP)],
        "logistyka": [offer_titled(ctx, "logistyka", WAREHOUSE_JOB)],
        "stolarnia": [offer_titled(ctx, "stolarnia", JOINERY_TRIAL)],
    }
    stands = {
        key: services.stand_add(
            actor=coordinator,
            fair=fair,
            data=services.StandData(employer=employer_of(ctx, key), offers=shown, offering=str(shown[0])),
        )
        for key, shown in offers.items()
    }
    services.guests_invite(
        actor=recorder, fair=fair, people=[person(ctx, ORGANISER, index) for index in INVITED]
    )
    for index in CAME:
        services.guest_check_in(actor=recorder, fair=fair, participant=person(ctx, ORGANISER, index))
    services.walk_in_add(actor=recorder, fair=fair, participant=person(ctx, ORGANISER, WALK_IN))
    for index, key, note, outcome in INTERVIEWS:
        guest = FairGuest.objects.get(fair=fair, participant=person(ctx, ORGANISER, index))
        services.interview_record(actor=recorder, guest=guest, stand=stands[key], note=note)
        if outcome is not None:
            kind, title = outcome
            services.outcome_record(
                actor=recorder,
                guest=guest,
                data=services.OutcomeData(stand=stands[key], kind=kind, offer=offer_titled(ctx, key, title)),
            )


def _spring_fair(ctx: DemoContext) -> None:
    coordinator = ctx.users[COORDINATOR]
    today = timezone.localdate()
    fair = services.fair_create(
        actor=coordinator,
        organisation=ctx.organisations[ORGANISER],
        data=services.FairData(
            title=SPRING_FAIR,
            held_on=today + timedelta(days=30),
            starts_at=time(9),
            ends_at=time(13),
            sign_up_until=today + timedelta(days=20),
            address="Gminny Ośrodek Kultury, ul. Młyńska 2, 06-432 Borówkowo",
        ),
    )
    services.stand_add(
        actor=coordinator,
        fair=fair,
        data=services.StandData(
            employer=employer_of(ctx, "logistyka"),
            offers=[offer_titled(ctx, "logistyka", WAREHOUSE_JOB)],
            offering="Praca w magazynie, dowóz z Borówkowa",
        ),
    )


def _contest(ctx: DemoContext) -> None:
    coordinator = ctx.users[COORDINATOR]
    contest = contest_services.contest_create(
        actor=coordinator,
        organisation=ctx.organisations[ORGANISER],
        year=CONTEST_YEAR,
        title=CONTEST_TITLE,
        description="Konkurs dla pracodawców, którzy dają pracę i staż osobom w trudnej sytuacji.",
    )
    criteria = [
        contest_services.criterion_add(
            actor=coordinator,
            contest=contest,
            data=contest_services.CriterionData(name=name, weight=Decimal(weight)),
        )
        for name, weight in CRITERIA
    ]
    for username in JURY:
        contest_services.juror_add(actor=coordinator, contest=contest, juror=ctx.users[username])
    sheets: dict[str, list[contest_services.ScoreEntry]] = {username: [] for username in JURY}
    for key, nominator, justification, points in NOMINATIONS:
        nomination = contest_services.nomination_create(
            actor=ctx.users[nominator],
            contest=contest,
            employer=employer_of(ctx, key),
            justification=justification,
        )
        for username, juror_points in zip(JURY, points, strict=True):
            sheets[username] += [
                contest_services.ScoreEntry(
                    nomination_id=nomination.pk, criterion_id=criterion.pk, points=score
                )
                for criterion, score in zip(criteria, juror_points, strict=True)
            ]
    for username, entries in sheets.items():
        contest_services.scores_record(juror=ctx.users[username], contest=contest, entries=entries)
    contest_services.contest_close(actor=coordinator, contest=contest)
    contest_services.contest_publish(actor=coordinator, contest=contest)
