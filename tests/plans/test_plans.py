"""Individual plans: types with their own fields and signatories, the workflow, versions, conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan, PlanAction, PlanStatus
from reintegra.plans.services import ActionData, GoalData, PlanConflictError, PlanData
from reintegra.plans.workflow import IllegalPlanMoveError

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)


def an_ipzs(participant: Participant, actor: User) -> IndividualPlan:
    return plan_services.plan_create(
        actor=actor, participant=participant, plan_type_code="ipzs", starts_on=START
    )


def save(plan: IndividualPlan, actor: User, *, revision: int | None = None, **changes: Any) -> IndividualPlan:
    return plan_services.plan_save(
        actor=actor,
        plan=plan,
        revision=plan.revision if revision is None else revision,
        data=replace(PlanData.of(plan), **changes),
        goals=[GoalData("Podjęcie zatrudnienia")],
        actions=[
            ActionData("Warsztat gastronomiczny", worker=actor, starts_on=START, deadline=date(2026, 5, 29))
        ],
    )


def agree(plan: IndividualPlan, actor: User) -> IndividualPlan:
    plan_services.plan_sign(actor=actor, plan=plan, role="participant", name="Łucja Żółkiewska")
    plan_services.plan_sign(actor=actor, plan=plan, role="cis_director", name="Jan Kierownik")
    return IndividualPlan.objects.get(pk=plan.pk)


def test_a_new_plan_is_a_draft_reviewed_after_its_types_interval(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)

    assert (plan.status, plan.number, plan.review_on) == (PlanStatus.DRAFT, 1, date(2026, 4, 1))
    assert plan.organisation_id == ours.organisation_id
    assert AuditEntry.objects.get_for_object(plan).filter(action=AuditEntry.Action.CREATE).exists()


def test_a_field_of_the_plan_type_with_a_wrong_value_is_refused_naming_the_field(
    ours: Participant, caseworker: User
) -> None:
    plan = an_ipzs(ours, caseworker)

    with pytest.raises(ValidationError) as error:
        save(plan, caseworker, extra={"referred_on": "jutro"})

    assert "Data skierowania" in str(error.value.message_dict["extra"])


def test_a_plan_with_a_field_it_does_not_have_is_refused(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)
    changes: dict[str, Any] = {"status": PlanStatus.AGREED}

    with pytest.raises(TypeError, match="status"):
        save(plan, caseworker, **changes)
    assert IndividualPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_a_save_from_the_plan_changes_only_the_replaced_field(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)

    saved = save(plan, caseworker, support="Doradca zawodowy")

    entry = AuditEntry.objects.get_for_object(saved).filter(action=AuditEntry.Action.UPDATE).latest("pk")
    assert set(entry.changes) - {"revision", "updated_at"} == {"support"}


def test_an_action_whose_deadline_is_before_its_start_is_refused_naming_the_deadline(
    ours: Participant, caseworker: User
) -> None:
    plan = an_ipzs(ours, caseworker)

    with pytest.raises(ValidationError) as error:
        plan_services.plan_save(
            actor=caseworker,
            plan=plan,
            revision=plan.revision,
            data=PlanData.of(plan),
            goals=[],
            actions=[ActionData("Kurs", starts_on=date(2026, 4, 1), deadline=date(2026, 3, 1))],
        )

    assert "deadline" in error.value.message_dict
    assert not PlanAction.objects.exists()


def test_the_plan_is_agreed_once_every_signatory_of_its_type_has_signed(
    ours: Participant, caseworker: User
) -> None:
    plan = an_ipzs(ours, caseworker)
    plan_services.plan_sign(actor=caseworker, plan=plan, role="participant", name="Łucja Żółkiewska")

    with pytest.raises(ValidationError, match="Kierownik Centrum Integracji Społecznej"):
        plan_services.plan_move(actor=caseworker, plan=plan, to_status=PlanStatus.AGREED)

    assert agree_rest(plan, caseworker).status == PlanStatus.AGREED


def agree_rest(plan: IndividualPlan, actor: User) -> IndividualPlan:
    plan_services.plan_sign(actor=actor, plan=plan, role="cis_director", name="Jan Kierownik")
    return IndividualPlan.objects.get(pk=plan.pk)


def test_a_party_the_type_does_not_name_cannot_sign(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)

    with pytest.raises(ValidationError) as error:
        plan_services.plan_sign(actor=caseworker, plan=plan, role="pcpr_director", name="Ktoś")

    assert "role" in error.value.message_dict


def test_an_illegal_move_is_refused(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)

    with pytest.raises(IllegalPlanMoveError):
        plan_services.plan_move(actor=caseworker, plan=plan, to_status=PlanStatus.UNDER_REVIEW)


def test_the_review_takes_an_agreed_plan_back_to_agreed_with_a_later_review_date(
    ours: Participant, caseworker: User
) -> None:
    plan = agree(an_ipzs(ours, caseworker), caseworker)
    plan_services.plan_move(actor=caseworker, plan=plan, to_status=PlanStatus.UNDER_REVIEW)

    reviewed = plan_services.plan_move(actor=caseworker, plan=plan, to_status=PlanStatus.AGREED)

    assert reviewed.status == PlanStatus.AGREED
    assert reviewed.review_on is not None
    assert reviewed.review_on > date(2026, 4, 1)


def test_a_change_after_agreement_is_a_new_version_and_the_old_one_stays_as_it_was(
    ours: Participant, caseworker: User
) -> None:
    plan = save(an_ipzs(ours, caseworker), caseworker)
    plan = agree(plan, caseworker)
    old_action = plan.actions.get()

    new = plan_services.plan_save(
        actor=caseworker,
        plan=plan,
        revision=plan.revision,
        data=replace(PlanData.of(plan), support="Wsparcie psychologa"),
        goals=[GoalData("Podjęcie zatrudnienia", pk=plan.goals.get().pk), GoalData("Prawo jazdy")],
        actions=[ActionData("Warsztat gastronomiczny – poziom 2", pk=old_action.pk)],
    )

    assert (new.number, new.previous, new.status, new.series) == (2, plan, PlanStatus.DRAFT, plan.series)
    assert [g.text for g in new.goals.all()] == ["Podjęcie zatrudnienia", "Prawo jazdy"]
    old = IndividualPlan.objects.get(pk=plan.pk)
    assert (old.status, old.support, old.revision) == (PlanStatus.AGREED, "", plan.revision)
    assert [a.what for a in old.actions.all()] == ["Warsztat gastronomiczny"]
    assert old.signatures.count() == 2
    assert new.signatures.count() == 0


def test_the_second_of_two_workers_saving_a_draft_at_once_gets_a_conflict_and_the_first_save_stays(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    plan = an_ipzs(ours, caseworker)
    opened_at = plan.revision  # both opened the form at this revision

    save(plan, caseworker, revision=opened_at, support="Doradztwo zawodowe")
    with pytest.raises(PlanConflictError):
        save(plan, coordinator, revision=opened_at, support="Coś innego")

    stored = IndividualPlan.objects.get(pk=plan.pk)
    assert (stored.support, stored.revision) == ("Doradztwo zawodowe", opened_at + 1)


def test_two_workers_changing_an_agreed_plan_at_once_make_one_new_version(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    plan = agree(save(an_ipzs(ours, caseworker), caseworker), caseworker)

    save(plan, caseworker, support="Pierwsza zmiana")
    with pytest.raises(PlanConflictError):
        save(plan, coordinator, support="Druga zmiana")

    assert IndividualPlan.objects.filter(series=plan.series).count() == 2


def test_a_worker_of_another_organisation_cannot_write_a_plan(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    plan = an_ipzs(ours, caseworker)

    with pytest.raises(PermissionDenied):
        save(plan, outsider, support="Nie moje")


def test_saving_a_partly_signed_draft_clears_its_signatures(ours: Participant, caseworker: User) -> None:
    plan = an_ipzs(ours, caseworker)
    plan_services.plan_sign(actor=caseworker, plan=plan, role="participant", name="Łucja Żółkiewska")

    saved = save(IndividualPlan.objects.get(pk=plan.pk), caseworker, support="Zmienione wsparcie")

    assert saved.signatures.count() == 0
    assert saved.status == PlanStatus.DRAFT
