"""Group action plans (model 004): a plan for a programme's group, with the same workflow."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan, PlanStatus
from reintegra.plans.services import ActionData, GoalData, PlanData
from reintegra.programmes.models import Group, Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(organisation: Organisation) -> Group:
    programme: Programme = ProgrammeFactory(organisation=organisation, name="Mobilne Centrum Aktywizacji")
    return Group.objects.create(programme=programme, name="Kobiety z gminy Źródła")


def test_a_caseworker_creates_a_group_plan_from_the_groups_page(group: Group, caseworker: User) -> None:
    client = client_for(caseworker)
    assert "Kobiety z gminy Źródła" in client.get(reverse("plans:groups")).content.decode()

    reply = client.post(
        reverse("plans:group_plans", args=[group.pk]),
        {"plan_type_code": "group_plan", "starts_on": "2026-03-02"},
    )

    plan = IndividualPlan.objects.get(group=group)
    assert reply["Location"] == reverse("plans:plan_edit", args=[plan.pk])
    assert (plan.participant, plan.programme, plan.status) == (None, group.programme, PlanStatus.DRAFT)


def test_a_group_plan_is_edited_signed_and_agreed_like_a_persons(group: Group, caseworker: User) -> None:
    plan = plan_services.plan_create_for_group(
        actor=caseworker, group=group, plan_type_code="group_plan", starts_on=date(2026, 3, 2)
    )
    plan = plan_services.plan_save(
        actor=caseworker,
        plan=plan,
        revision=plan.revision,
        data=replace(PlanData.of(plan), extra={"childcare": "yes"}),
        goals=[GoalData("Każda uczestniczka ma CV")],
        actions=[ActionData("Warsztat pisania CV w świetlicy", worker=caseworker)],
    )
    for signatory in plan.type.signatories:
        plan_services.plan_sign(actor=caseworker, plan=plan, role=signatory.role, name="Zofia Żak")

    page = client_for(caseworker).get(reverse("plans:plan_detail", args=[plan.pk]))

    assert IndividualPlan.objects.get(pk=plan.pk).status == PlanStatus.AGREED
    assert "Warsztat pisania CV w świetlicy" in page.content.decode()
    text = " ".join(
        pdf_text(client_for(caseworker).get(reverse("plans:plan_pdf", args=[plan.pk])).content).split()
    )
    assert "Kobiety z gminy Źródła" in text
    assert "Przedstawicielka grupy" in text


def test_a_persons_plan_type_cannot_be_a_groups_plan(group: Group, caseworker: User) -> None:
    with pytest.raises(ValidationError) as error:
        plan_services.plan_create_for_group(
            actor=caseworker, group=group, plan_type_code="ipd", starts_on=date(2026, 3, 2)
        )

    assert "plan_type" in error.value.message_dict


def test_a_worker_of_another_organisation_gets_404_for_a_groups_plans(
    group: Group, caseworker: User, outsider: User
) -> None:
    plan = plan_services.plan_create_for_group(
        actor=caseworker, group=group, plan_type_code="group_plan", starts_on=date(2026, 3, 2)
    )
    client = client_for(outsider)

    assert client.get(reverse("plans:group_plans", args=[group.pk])).status_code == 404
    assert client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 404
    assert "Kobiety" not in client.get(reverse("plans:groups")).content.decode()
