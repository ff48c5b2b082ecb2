"""The demo's case work: a caseload for the MOPS case worker ``pracownik.mops``.

The ``seed_casework`` step of ``manage.py seed_demo``, after participants. Dates are
relative to the day of seeding, so the caseload shows meetings today and this week, a person
not contacted for more than 30 days and an overdue next step. Idempotent: when the worker
already has a caseload, nothing is written.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from reintegra.casework import services
from reintegra.casework.models import (
    CaseAssignment,
    CaseworkSettings,
    MeetingKind,
    ServiceKind,
)
from reintegra.casework.services import MeetingData, NextStepData, ServiceData
from reintegra.demo.context import DemoContext
from reintegra.people.models import Participant

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
            data=MeetingData(starts_at=starts_at, duration_minutes=minutes, kind=kind, notes=notes),
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
            data=ServiceData(
                kind=kind, provider_name=provider, delivered_on=today - timedelta(days=days_ago), cost=cost
            ),
        )
        ctx.count_created("services", True)
