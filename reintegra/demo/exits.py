"""The demo's exits and follow-ups: people who left the demo programmes, their situation on
leaving and what the follow-ups after it found, so the reports have outcomes to count.

The ``seed_exits`` step of ``manage.py seed_demo``, after the programmes. A mix of situations:

* among the MOPS's family carers (animators), one finished seven months ago and went on to a
  course (her 3-month follow-up is recorded, the 6-month one is overdue); another resigned
  almost six months ago (not reached at 3 months; her 6-month follow-up is due within days); a
  third finished two weeks ago and seeks work;
* in the CIS partnership, one finished seven months ago with a job and a forklift licence
  (followed up at 3 and 6 months: still employed);
* in the PUP's mobile centre, the woman who found a job on the day of seeding has it recorded;
* at the shelter's point, a man who left seven months ago seeking work had started his own
  business by the 6-month follow-up, which he sent in himself.

The demo programmes enrol everyone on the day of seeding; a person who left months ago has her
enrolment (and its entry snapshot) dated three months before her exit. So that each programme
still shows a reserve list, one more person who fits it applies before someone leaves where the
list is short, and the first on the list is offered the place. The clubs, whose
sessions have their members' attendance, keep their members. Every record goes through the
services. Idempotent: written only when the demo programmes have no exits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.demo.context import DemoContext
from reintegra.demo.programmes import PROGRAMMES, _demo_person
from reintegra.outcomes.exits import services
from reintegra.outcomes.exits.services import Employment, FollowUpAnswer, Situation
from reintegra.outcomes.models import EmploymentForm, ExitRecord, FollowUp, FollowUpChannel
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Enrolment, EnrolmentStatus, EntrySnapshot, ExitReason, Programme

CONTRACT_40 = Employment(employed=True, form=EmploymentForm.EMPLOYMENT_CONTRACT, weekly_hours=Decimal(40))
CIVIL_LAW_20 = Employment(employed=True, form=EmploymentForm.CIVIL_LAW, weekly_hours=Decimal(20))
OWN_BUSINESS = Employment(employed=True, form=EmploymentForm.SELF_EMPLOYMENT, weekly_hours=Decimal(30))

UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class DemoFollowUp:
    months: int
    channel: str = FollowUpChannel.PHONE
    employment: Employment = field(default_factory=Employment)
    job_seeking: bool = False
    in_education: bool = False
    outcome: str = ""  # UNREACHABLE: tried, not reached


@dataclass(frozen=True)
class DemoExit:
    programme: str  # its code
    index: int  # of its people enrolled at the time, by pk
    recorder: str  # who records the exit and the follow-ups
    left_days_ago: int
    reason: ExitReason
    planned: bool
    situation: Situation
    follow_ups: tuple[DemoFollowUp, ...] = field(default_factory=tuple)


SEVEN_MONTHS = 212
ALMOST_SIX_MONTHS = 178  # the 6-month follow-up falls due within the week

EXITS: tuple[DemoExit, ...] = (
    DemoExit(
        "animator-mops-2026",
        0,
        "koordynator.mops",
        SEVEN_MONTHS,
        ExitReason.COMPLETED,
        True,
        Situation(in_education=True),
        (DemoFollowUp(3, in_education=True),),
    ),
    DemoExit(
        "animator-mops-2026",
        0,
        "koordynator.mops",
        ALMOST_SIX_MONTHS,
        ExitReason.RESIGNED,
        False,
        Situation(other_situation=True),
        (DemoFollowUp(3, outcome=UNREACHABLE),),
    ),
    DemoExit(
        "cis-partnerstwo-2026",
        0,
        "koordynator.cis",
        SEVEN_MONTHS,
        ExitReason.COMPLETED,
        True,
        Situation(
            qualification_gained=True,
            qualification_document="Zaświadczenie UDT – operator wózków jezdniowych, nr 2026/114",
            employment=CONTRACT_40,
        ),
        (DemoFollowUp(3, employment=CONTRACT_40), DemoFollowUp(6, employment=CONTRACT_40)),
    ),
    DemoExit(
        "animator-mops-2026",
        0,
        "koordynator.mops",
        14,
        ExitReason.COMPLETED,
        True,
        Situation(job_seeking=True),
    ),
    DemoExit(
        "mcaz-2026",
        -1,  # the woman who left for a job when the programme was seeded
        "koordynator.pup",
        0,
        ExitReason.EMPLOYMENT,
        False,
        Situation(employment=CIVIL_LAW_20),
    ),
    DemoExit(
        "pab-zalesie-2026",
        0,
        "admin.ngo",
        SEVEN_MONTHS,
        ExitReason.COMPLETED,
        True,
        Situation(job_seeking=True),
        (
            DemoFollowUp(3, job_seeking=True),
            DemoFollowUp(6, channel=FollowUpChannel.BY_THE_PERSON, employment=OWN_BUSINESS),
        ),
    ),
)


def seed_exits(ctx: DemoContext) -> None:
    codes = {spec.programme for spec in EXITS}
    if ExitRecord.objects.filter(enrolment__programme__code__in=codes).exists():
        ctx.count_created("exits", False)
        return
    today = timezone.localdate()
    for number, spec in enumerate(EXITS):
        programme = Programme.objects.filter(code=spec.programme).first()
        if programme is None:
            continue
        enrolment = _enrolment(programme, spec)
        if enrolment is None:
            continue
        if enrolment.status == EnrolmentStatus.ENROLLED and _reserve(programme) < 2:
            _top_up_reserve(ctx, programme, spec, FIRST_NEWCOMER + number, today)
        _seed_exit(ctx, spec, enrolment, today)
        _accept_offers(ctx, programme, spec)
        ctx.count_created("exits", True)


FIRST_NEWCOMER = 50  # the newcomers' numbers among the people the programmes demo makes to fit


def _accept_offers(ctx: DemoContext, programme: Programme, spec: DemoExit) -> None:
    """Once nobody is left enrolled, those offered the places freed take them (elsewhere the
    places stay offered, so the steps before, which pick people enrolled, pick the same again)."""
    if programme.enrolments.filter(status=EnrolmentStatus.ENROLLED).exists():
        return
    for offered in programme.enrolments.filter(status=EnrolmentStatus.OFFERED):
        programme_services.enrolment_accept_offer(actor=ctx.users[spec.recorder], enrolment=offered)


def _reserve(programme: Programme) -> int:
    return programme.enrolments.filter(status=EnrolmentStatus.RESERVE).count()


def _top_up_reserve(ctx: DemoContext, programme: Programme, spec: DemoExit, number: int, today: date) -> None:
    """One more person who fits the programme applies (and waits on the reserve list)."""
    model = next(demo for demo in PROGRAMMES if demo.code == programme.code)
    person = _demo_person(programme.organisation, model, number, today)
    actor = ctx.users[spec.recorder]
    enrolment = programme_services.enrolment_apply(actor=actor, programme=programme, participant=person)
    enrolment = programme_services.enrolment_assess(actor=actor, enrolment=enrolment)
    if enrolment.status == EnrolmentStatus.ELIGIBLE:
        programme_services.enrolment_enrol(actor=actor, enrolment=enrolment)


def _enrolment(programme: Programme, spec: DemoExit) -> Enrolment | None:
    if spec.index < 0:
        return programme.enrolments.filter(status=EnrolmentStatus.LEFT, enrolled_on__isnull=False).first()
    enrolled = list(programme.enrolments.filter(status=EnrolmentStatus.ENROLLED).order_by("pk"))
    return enrolled[spec.index] if spec.index < len(enrolled) else None


def _seed_exit(ctx: DemoContext, spec: DemoExit, enrolment: Enrolment, today: date) -> None:
    actor = ctx.users[spec.recorder]
    left_on = today - timedelta(days=spec.left_days_ago)
    if enrolment.status == EnrolmentStatus.ENROLLED:
        _backdate(enrolment, left_on - relativedelta(months=3))
    services.exit_record(
        actor=actor,
        enrolment=enrolment,
        planned_completion=spec.planned,
        situation=spec.situation,
        left_on=left_on,
        exit_reason=spec.reason,
    )
    for answer in spec.follow_ups:
        _seed_follow_up(actor, FollowUp.objects.get(enrolment=enrolment, months=answer.months), answer, today)


def _backdate(enrolment: Enrolment, enrolled_on: date) -> None:
    """The person was enrolled (and her entry characteristics taken) on ``enrolled_on``."""
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_on=enrolled_on)
    EntrySnapshot.objects.filter(enrolment=enrolment).update(
        taken_at=timezone.make_aware(datetime.combine(enrolled_on, time(10)))
    )
    enrolment.enrolled_on = enrolled_on


def _seed_follow_up(actor: User, follow_up: FollowUp, answer: DemoFollowUp, today: date) -> None:
    contacted_on = min(follow_up.due_on + timedelta(days=3), today)
    if answer.outcome == UNREACHABLE:
        services.follow_up_unreachable(
            actor=actor, follow_up=follow_up, tried_on=contacted_on, channel=answer.channel
        )
        return
    services.follow_up_record(
        actor=actor,
        follow_up=follow_up,
        answer=FollowUpAnswer(
            contacted_on=contacted_on,
            channel=answer.channel,
            employment=answer.employment,
            job_seeking=answer.job_seeking,
            in_education=answer.in_education,
        ),
    )
