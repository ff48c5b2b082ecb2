"""The demo's case work: a caseload for the MOPS case worker ``pracownik.mops``.

Called by the ``seed_casework`` step of ``manage.py seed_demo``, after participants. Dates are
relative to the day of seeding, so the caseload shows meetings today and this week, a person
not contacted for more than 30 days and an overdue next step. Idempotent: when the worker
already has a caseload, nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.casework import plan_services, services
from reintegra.casework.models import (
    CaseAssignment,
    CaseworkSettings,
    IndividualPlan,
    MeetingKind,
    ServiceKind,
)
from reintegra.casework.plan_services import ActionData, GoalData
from reintegra.casework.services import NextStepData
from reintegra.people.models import Participant
from reintegra.questionnaires.models import Response

if TYPE_CHECKING:
    from reintegra.accounts.management.commands.seed_demo import DemoContext

CASELOAD_SIZE = 8


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _another_day_this_week(today: date) -> date:
    return today + timedelta(days=2) if today.weekday() < 4 else today - timedelta(days=2)


def seed_casework(ctx: DemoContext) -> None:
    worker = ctx.users["pracownik.mops"]
    coordinator = ctx.users["koordynator.mops"]
    organisation = ctx.organisations["mops"]
    CaseworkSettings.objects.get_or_create(organisation=organisation)
    if CaseAssignment.objects.filter(worker=worker).exists():
        return
    people = list(Participant.objects.filter(organisation=organisation).order_by("pk")[:CASELOAD_SIZE])
    today = timezone.localdate()
    for person in people:
        services.assignment_create(
            actor=coordinator, participant=person, worker=worker, on=today - timedelta(days=60)
        )
        ctx.count_created("case assignments", True)
    plan = [
        # (person, when, minutes, kind, notes, next steps)
        (0, _at(today, 9), 60, MeetingKind.INDIVIDUAL_CONSULTATION, "Rozmowa o sytuacji mieszkaniowej.", []),
        (1, _at(today, 14, 30), 45, MeetingKind.VOCATIONAL_COUNSELLING, "", []),
        (2, _at(_another_day_this_week(today), 11), 90, MeetingKind.HOME_VISIT, "", []),
        (
            3,
            _at(today - timedelta(days=10), 10),
            60,
            MeetingKind.SOCIAL_WORK,
            "Omówienie dokumentów do zasiłku; pani zgłasza ból zęba.",
            [
                NextStepData("Złożyć wniosek o zasiłek celowy", today - timedelta(days=3)),
                NextStepData("Umówić wizytę u dentysty", today + timedelta(days=5)),
            ],
        ),
        (4, _at(today - timedelta(days=40), 12), 45, MeetingKind.ACCOMPANIMENT, "Wspólna wizyta w PUP.", []),
        (5, _at(today - timedelta(days=6), 13), 50, MeetingKind.PSYCHOLOGICAL_COUNSELLING, "", []),
        (6, _at(today - timedelta(days=15), 9, 30), 30, MeetingKind.INDIVIDUAL_CONSULTATION, "", []),
    ]
    for index, starts_at, minutes, kind, notes, steps in plan:
        if index >= len(people):
            continue
        services.meeting_record(
            actor=worker,
            participant=people[index],
            data={"starts_at": starts_at, "duration_minutes": minutes, "kind": kind, "notes": notes},
            next_steps=steps,
        )
        ctx.count_created("meetings", True)
    _seed_services(ctx, people, today)


def _seed_services(ctx: DemoContext, people: list[Participant], today: date) -> None:
    worker = ctx.users["pracownik.mops"]
    deliveries = [
        (3, ServiceKind.DENTIST, "Gabinet Stomatologiczny „Uśmiech”, Zalesie", Decimal("280.00"), 2),
        (3, ServiceKind.BEAUTICIAN, "Salon Kosmetyczny „Róża”", Decimal("120.00"), 20),
        (5, ServiceKind.LEGAL_ADVICE, "Nieodpłatna pomoc prawna, Starostwo Powiatowe", Decimal("0.00"), 8),
    ]
    for index, kind, provider, cost, days_ago in deliveries:
        if index >= len(people):
            continue
        services.service_record(
            actor=worker,
            participant=people[index],
            data={
                "kind": kind,
                "provider_name": provider,
                "delivered_on": today - timedelta(days=days_ago),
                "cost": cost,
            },
        )
        ctx.count_created("services", True)


def seed_plans(ctx: DemoContext) -> None:
    """Plans for pracownik.mops's people: an agreed IPD with an earlier version, a draft IPZS, an IPWzB.

    Idempotent: when the worker's people already have plans, nothing is written.
    """
    worker = ctx.users["pracownik.mops"]
    people = [
        assignment.participant
        for assignment in CaseAssignment.objects.filter(worker=worker, ended_on__isnull=True)
        .select_related("participant")
        .order_by("participant_id")[:3]
    ]
    if len(people) < 3 or IndividualPlan.objects.filter(participant__in=people).exists():
        return
    today = timezone.localdate()
    _seed_ipd(ctx, worker, people[0], today)
    ipzs = plan_services.plan_create(
        actor=worker, participant=people[1], plan_type_code="ipzs", starts_on=today
    )
    plan_services.plan_save(
        actor=worker,
        plan=ipzs,
        revision=ipzs.revision,
        data={
            **plan_services.plan_data(ipzs),
            "extra": {"referred_by": "MOPS Zalesie", "workshop": "Gastronomia"},
        },
        goals=[GoalData("Nabycie umiejętności pracy w kuchni")],
        actions=[ActionData("Warsztat gastronomiczny w CIS", worker=worker, starts_on=today)],
    )
    ctx.count_created("plans", True)
    ipwzb = plan_services.plan_create(
        actor=worker, participant=people[2], plan_type_code="ipwzb", starts_on=today - timedelta(days=20)
    )
    plan_services.plan_save(
        actor=worker,
        plan=ipwzb,
        revision=ipwzb.revision,
        data={
            **plan_services.plan_data(ipwzb),
            "support": "Miejsce w schronisku, pomoc w wyrobieniu dowodu.",
        },
        goals=[GoalData("Samodzielne mieszkanie treningowe")],
        actions=[
            ActionData(
                "Wyrobienie dowodu osobistego", responsible="Uczestnik", deadline=today - timedelta(days=2)
            ),
            ActionData(
                "Zgłoszenie do mieszkania treningowego", worker=worker, deadline=today + timedelta(days=30)
            ),
        ],
    )
    ctx.count_created("plans", True)


def _seed_ipd(ctx: DemoContext, worker: User, person: Participant, today: date) -> None:
    response = Response.objects.filter(participant=person).order_by("-filled_on").first()
    plan = plan_services.plan_create(
        actor=worker,
        participant=person,
        plan_type_code="ipd",
        starts_on=today - timedelta(days=45),
        source_response=response,
    )
    goals = [GoalData("Podjęcie zatrudnienia w handlu")]
    actions = [
        ActionData("Szkolenie: obsługa kasy fiskalnej", worker=worker, deadline=today - timedelta(days=15)),
        ActionData("Przegląd ofert pracy", responsible="Uczestniczka", starts_on=today - timedelta(days=45)),
    ]
    plan = plan_services.plan_save(
        actor=worker,
        plan=plan,
        revision=plan.revision,
        data={**plan_services.plan_data(plan), "extra": {"contact_form": "in_person"}},
        goals=goals,
        actions=actions,
    )
    _sign_all(worker, plan, person)
    plan.refresh_from_db()
    newer = plan_services.plan_save(
        actor=worker,
        plan=plan,
        revision=plan.revision,
        data={**plan_services.plan_data(plan), "support": "Zwrot kosztów dojazdu na szkolenie."},
        goals=[*goals, GoalData("Prawo jazdy kat. B")],
        actions=actions,
    )
    _sign_all(worker, newer, person)
    ctx.count_created("plans", True)


def _sign_all(worker: User, plan: IndividualPlan, person: Participant) -> None:
    names = {"participant": str(person)}
    for signatory in plan.type.signatories:
        plan_services.plan_sign(
            actor=worker, plan=plan, role=signatory.role, name=names.get(signatory.role, str(worker))
        )
