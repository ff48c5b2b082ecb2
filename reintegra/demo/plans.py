"""The demo's individual plans, for the people in the care of ``pracownik.mops``.

The ``seed_plans`` step of ``manage.py seed_demo``, after case work and questionnaires (the IPD
starts from a filled questionnaire).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.casework.models import CaseAssignment
from reintegra.demo.context import DemoContext
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan
from reintegra.plans.services import ActionData, GoalData, PlanData
from reintegra.questionnaires.models import Response


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
        data=replace(PlanData.of(ipzs), extra={"referred_by": "MOPS Zalesie", "workshop": "Gastronomia"}),
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
        data=replace(PlanData.of(ipwzb), support="Miejsce w schronisku, pomoc w wyrobieniu dowodu."),
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
        data=replace(PlanData.of(plan), extra={"contact_form": "in_person"}),
        goals=goals,
        actions=actions,
    )
    _sign_all(worker, plan, person)
    plan.refresh_from_db()
    newer = plan_services.plan_save(
        actor=worker,
        plan=plan,
        revision=plan.revision,
        data=replace(PlanData.of(plan), support="Zwrot kosztów dojazdu na szkolenie."),
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
