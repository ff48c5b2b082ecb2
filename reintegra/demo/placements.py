"""The demo's placements: people of the MOPS, the PUP and the CIS proposed for the employers'
offers, in every state of the workflow, with a mentor, mentoring meetings, feedback both ways
and a retention follow-up due.

The ``seed_placements`` step of ``manage.py seed_demo``, after the employers and the fairs. Each
placement is moved by whoever moves it in life: the person's case worker proposes and records
that the person agreed to meet; the employer's contact accepts, starts, ends and gives feedback.

* Łucja Żółkiewska (MOPS) is proposed for the work trial at the bakery's shop: the bakery sees
  a profile without her name.
* Agnieszka Malisz (PUP), whom the logistics centre invited to an interview at today's fair,
  agreed to meet it and was accepted for the warehouse job.
* Bianka Łuckiewicz (MOPS) started the bakery's internship five weeks ago with the master baker
  as her mentor, who has met her three times.
* Piotr Maślankiewicz (CIS) finished a month's work trial at the joinery; the joinery and he
  each said how it went.
* Adam Steinke (PUP) broke the bakery's internship off after two weeks, for a reason.
* Albert Pindral (MOPS) started the warehouse job forty days ago: the follow-up a month on is due.

Dates follow the day of seeding, since a move is dated no later than the day it is recorded;
a placement that started weeks ago has its proposal and moves dated before its start.
Idempotent: the placements are written only when the demo's employers have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.demo.context import DemoContext
from reintegra.demo.employers import (
    BAKERY_INTERNSHIP,
    JOINERY_TRIAL,
    RURAL_WOMAN,
    SHOP_TRIAL,
    WAREHOUSE_JOB,
    employer_of,
    offer_titled,
    person,
)
from reintegra.employers.models import Mentor, Placement, PlacementMove, PlacementStatus
from reintegra.employers.placements import services

S = PlacementStatus
MENTOR = "Henryk Kłos"


@dataclass(frozen=True)
class DemoPlacement:
    person: tuple[str, int]  # organisation key, index of its people by pk
    case_worker: str
    employer: str
    offer: str
    contact: str  # the employer's contact who answers
    status: S
    started_days_ago: int | None = None
    ended_days_ago: int | None = None
    reason: str = ""
    employer_feedback: tuple[str, int] | None = None
    participant_feedback: str = ""
    mentored: bool = False
    note: str = ""


PLACEMENTS: tuple[DemoPlacement, ...] = (
    DemoPlacement(
        RURAL_WOMAN,
        "pracownik.mops",
        "piekarnia",
        SHOP_TRIAL,
        "pracodawca",
        S.PROPOSED,
        note="Sklep jest przy przystanku autobusu z jej wsi; może pracować od 7:00 do 14:00.",
    ),
    DemoPlacement(
        ("pup", 9),
        "doradca.pup",
        "logistyka",
        WAREHOUSE_JOB,
        "pracodawca.logistyka",
        S.ACCEPTED,
        note="Zaproszona na rozmowę na ryneczku pracy w Zalesiu.",
    ),
    DemoPlacement(
        ("mops", 2),
        "pracownik.mops",
        "piekarnia",
        BAKERY_INTERNSHIP,
        "pracodawca",
        S.STARTED,
        started_days_ago=35,
        mentored=True,
    ),
    DemoPlacement(
        ("cis", 3),
        "instruktor.cis",
        "stolarnia",
        JOINERY_TRIAL,
        "pracodawca.stolarnia",
        S.FINISHED,
        started_days_ago=45,
        ended_days_ago=14,
        employer_feedback=("Dokładny i punktualny; samodzielnie szlifuje i składa fronty szuflad.", 5),
        participant_feedback="Dobra atmosfera w warsztacie; chciałby zostać, gdy zwolni się etat.",
    ),
    DemoPlacement(
        ("pup", 3),
        "doradca.pup",
        "piekarnia",
        BAKERY_INTERNSHIP,
        "pracodawca",
        S.BROKEN_OFF,
        started_days_ago=35,
        ended_days_ago=21,
        reason="Podjął pracę sezonową za granicą; staż przerwany za porozumieniem stron.",
        employer_feedback=("Chętny do pracy, ale często spóźniał się na nocną zmianę.", 3),
    ),
    DemoPlacement(
        ("mops", 11),
        "pracownik.mops",
        "logistyka",
        WAREHOUSE_JOB,
        "pracodawca.logistyka",
        S.STARTED,
        started_days_ago=40,
        participant_feedback="Praca mu odpowiada; dojeżdża rowerem.",
    ),
)
MEETINGS: tuple[tuple[int, int, str], ...] = (  # days after the start, minutes, notes
    (2, 60, "Pierwszy dzień: zasady BHP i higieny, oprowadzenie po zakładzie."),
    (14, 45, "Samodzielnie przygotowuje ciasto na bułki; ćwiczy formowanie chleba."),
    (28, 30, "Pracuje na nocnej zmianie z zespołem; rozmowa o zatrudnieniu po stażu."),
)


def seed_placements(ctx: DemoContext) -> None:
    employers = [employer_of(ctx, spec.employer) for spec in PLACEMENTS]
    exists = Placement.objects.filter(offer__employer__in=employers).exists()
    ctx.count_created("placements", not exists)
    if exists:
        return
    mentor = services.mentor_create(
        actor=ctx.users["pracodawca"],
        employer=employer_of(ctx, "piekarnia"),
        data=services.MentorData(name=MENTOR, job_title="Mistrz piekarski", phone="+48 600 100 200"),
    )
    for spec in PLACEMENTS:
        seed_placement(ctx, spec, mentor)


def seed_placement(ctx: DemoContext, spec: DemoPlacement, mentor: Mentor | None) -> None:
    today = timezone.localdate()
    worker, contact = ctx.users[spec.case_worker], ctx.users[spec.contact]
    placement = services.placement_propose(
        actor=worker,
        participant=person(ctx, *spec.person),
        offer=offer_titled(ctx, spec.employer, spec.offer),
        note=spec.note,
    )
    if spec.status == S.PROPOSED:
        return
    services.placement_meeting_agreed(actor=worker, placement=placement)
    placement = services.placement_move(actor=contact, placement=placement, to_status=S.ACCEPTED)
    if spec.mentored:
        placement = services.placement_terms_set(
            actor=contact,
            placement=placement,
            terms=services.PlacementTerms(
                starts_on=placement.starts_on,
                ends_on=placement.ends_on,
                hours_per_week=placement.hours_per_week,
                mentor=mentor,
            ),
        )
    if spec.started_days_ago is None:
        return
    started = today - timedelta(days=spec.started_days_ago)
    placement = services.placement_move(actor=contact, placement=placement, to_status=S.STARTED, on=started)
    if spec.mentored:
        for days, minutes, notes in MEETINGS:
            services.mentoring_meeting_record(
                actor=contact,
                placement=placement,
                data=services.MentoringMeetingData(
                    held_on=started + timedelta(days=days), duration_minutes=minutes, notes=notes
                ),
            )
    if spec.ended_days_ago is not None:
        placement = services.placement_move(
            actor=contact,
            placement=placement,
            to_status=spec.status,
            reason=spec.reason,
            on=today - timedelta(days=spec.ended_days_ago),
        )
    _feedback(spec, placement, worker, contact)
    _backdate(placement, started)


def _backdate(placement: Placement, started: date) -> None:
    """The services stamp the proposal, the agreement to meet and each move with the moment of
    seeding; a placement that started weeks ago was proposed and answered before that."""
    tz = timezone.get_current_timezone()

    def at(day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=tz)

    proposed, agreed = at(started - timedelta(days=12), 10), at(started - timedelta(days=9), 12)
    Placement.objects.filter(pk=placement.pk).update(proposed_at=proposed, meeting_agreed_at=agreed)
    for status, moment in (
        (S.PROPOSED, proposed),
        (S.ACCEPTED, at(started - timedelta(days=7), 9)),
        (S.STARTED, at(started, 8)),
    ):
        PlacementMove.objects.filter(placement=placement, to_status=status).update(changed_at=moment)
    if placement.ended_on is not None:
        PlacementMove.objects.filter(placement=placement, to_status=placement.status).update(
            changed_at=at(placement.ended_on, 15)
        )


def _feedback(spec: DemoPlacement, placement: Placement, worker: User, contact: User) -> None:
    if spec.employer_feedback is not None:
        feedback, rating = spec.employer_feedback
        services.placement_employer_feedback(
            actor=contact, placement=placement, feedback=feedback, rating=rating
        )
    if spec.participant_feedback:
        services.placement_participant_feedback(
            actor=worker, placement=placement, feedback=spec.participant_feedback
        )
