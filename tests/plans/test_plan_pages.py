"""The plan pages: create from a questionnaire, edit with goals and actions, sign, version, print."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services
from reintegra.casework.services import NextStepData
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan, PlanAction, PlanStatus
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, Response, VersionStatus
from tests.casework.conftest import at, meeting_for
from tests.conftest import client_for
from tests.pdf import pdf_text
from tests.reads import read, reads_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

START = date(2026, 3, 2)
DIAGNOSIS = {
    "scored": False,
    "sections": [
        {
            "key": "situation",
            "title": "Sytuacja",
            "questions": [
                {"key": "strengths", "label": "Mocne strony", "kind": "text"},
                {"key": "ready", "label": "Gotowa do podjęcia pracy", "kind": "yes_no"},
            ],
        }
    ],
}


def a_diagnosis(participant: Participant, worker: User) -> Response:
    questionnaire = Questionnaire.objects.create(
        code="diagnoza", name="Diagnoza kobiet z obszarów wiejskich", organisation=participant.organisation
    )
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, status=VersionStatus.PUBLISHED, definition=DIAGNOSIS
    )
    return Response.objects.create(
        participant=participant,
        version=version,
        filled_by=worker,
        filled_on=date(2026, 2, 20),
        answers={"strengths": "Gotowanie, opieka nad dziećmi", "ready": True},
    )


def a_plan(participant: Participant, worker: User, code: str = "ipd") -> IndividualPlan:
    return plan_services.plan_create(
        actor=worker, participant=participant, plan_type_code=code, starts_on=START
    )


def edit_data(
    plan: IndividualPlan, *, actions: list[dict[str, str]] | None = None, **fields: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "revision": plan.revision,
        "starts_on": plan.starts_on.isoformat(),
        "review_on": plan.review_on.isoformat() if plan.review_on else "",
        "ends_on": "",
        "diagnosis": plan.diagnosis,
        "support": plan.support,
        "goals-TOTAL_FORMS": 1,
        "goals-INITIAL_FORMS": 0,
        "goals-0-text": "Podjęcie pracy w gastronomii",
    }
    rows = actions if actions is not None else [{"what": "Kurs kucharza", "starts_on": "2026-03-09"}]
    data |= {"actions-TOTAL_FORMS": len(rows), "actions-INITIAL_FORMS": 0}
    for index, row in enumerate(rows):
        data |= {f"actions-{index}-{key}": value for key, value in {"status": "planned", **row}.items()}
    return data | fields


def sign_all(plan: IndividualPlan, worker: User) -> IndividualPlan:
    for signatory in plan.type.signatories:
        plan_services.plan_sign(actor=worker, plan=plan, role=signatory.role, name="Łucja Żółkiewska")
    return IndividualPlan.objects.get(pk=plan.pk)


def test_a_caseworker_creates_an_ipd_from_the_diagnosis_questionnaire(
    ours: Participant, caseworker: User
) -> None:
    response = a_diagnosis(ours, caseworker)

    reply = client_for(caseworker).post(
        reverse("plans:plans", args=[ours.pk]),
        {"plan_type": "ipd", "starts_on": "2026-03-02", "programme": "", "source_response": response.pk},
    )

    plan = IndividualPlan.objects.get(participant=ours)
    assert reply.status_code == 302
    assert reply["Location"] == reverse("plans:plan_edit", args=[plan.pk])
    assert (plan.plan_type, plan.status, plan.source_response) == ("ipd", PlanStatus.DRAFT, response)
    assert "Mocne strony: Gotowanie, opieka nad dziećmi" in plan.diagnosis
    assert "Diagnoza kobiet z obszarów wiejskich" in plan.diagnosis


def test_the_persons_plans_are_listed_on_their_case_file(ours: Participant, caseworker: User) -> None:
    a_plan(ours, caseworker, "ipzs")

    page = client_for(caseworker).get(reverse("plans:plans", args=[ours.pk])).content.decode()
    file = client_for(caseworker).get(reverse("people:participant_detail", args=[ours.pk])).content.decode()

    assert "Indywidualny Program Zatrudnienia Socjalnego" in page
    assert reverse("plans:plans", args=[ours.pk]) in file


def test_a_caseworker_saves_goals_and_actions_of_a_draft(ours: Participant, caseworker: User) -> None:
    plan = a_plan(ours, caseworker)
    data = edit_data(
        plan, support="Doradztwo zawodowe", actions=[{"what": "Kurs kucharza", "worker": str(caseworker.pk)}]
    )

    reply = client_for(caseworker).post(reverse("plans:plan_edit", args=[plan.pk]), data)

    assert reply.status_code == 302
    plan.refresh_from_db()
    assert plan.support == "Doradztwo zawodowe"
    assert [(a.what, a.worker) for a in plan.actions.all()] == [("Kurs kucharza", caseworker)]
    assert [g.text for g in plan.goals.all()] == ["Podjęcie pracy w gastronomii"]


def test_a_deadline_before_the_start_is_refused_on_that_actions_deadline(
    ours: Participant, caseworker: User
) -> None:
    plan = a_plan(ours, caseworker)
    data = edit_data(plan, actions=[{"what": "Kurs", "starts_on": "2026-04-01", "deadline": "2026-03-01"}])

    reply = client_for(caseworker).post(reverse("plans:plan_edit", args=[plan.pk]), data)

    assert reply.status_code == 400
    assert "deadline" in reply.context["actions"].forms[0].errors
    assert not PlanAction.objects.exists()


def test_the_second_of_two_workers_saving_at_once_sees_a_conflict_and_keeps_their_input(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    plan = a_plan(ours, caseworker)
    url = reverse("plans:plan_edit", args=[plan.pk])
    first = edit_data(plan, support="Wsparcie pierwszej osoby")
    second = edit_data(plan, support="Wsparcie drugiej osoby – ąęł")  # opened at the same revision

    assert client_for(caseworker).post(url, first).status_code == 302
    reply = client_for(coordinator).post(url, second)

    assert reply.status_code == 409
    page = reply.content.decode()
    assert "Someone else saved this plan" in page
    assert "Wsparcie drugiej osoby – ąęł" in page
    assert IndividualPlan.objects.get(pk=plan.pk).support == "Wsparcie pierwszej osoby"
    resubmitted = client_for(coordinator).post(
        url, {**second, "revision": reply.context["form"]["revision"].value()}
    )
    assert resubmitted.status_code == 302
    assert IndividualPlan.objects.get(pk=plan.pk).support == "Wsparcie drugiej osoby – ąęł"


def test_signing_every_party_on_the_page_agrees_the_plan(ours: Participant, caseworker: User) -> None:
    plan = a_plan(ours, caseworker)
    client = client_for(caseworker)
    url = reverse("plans:plan_sign", args=[plan.pk])

    client.post(url, {"role": "participant", "name": "Łucja Żółkiewska", "signed_on": "2026-03-02"})
    assert IndividualPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    client.post(url, {"role": "case_worker", "name": "Anna Doradczyni", "signed_on": "2026-03-02"})

    assert IndividualPlan.objects.get(pk=plan.pk).status == PlanStatus.AGREED


def test_changing_an_agreed_plan_on_the_page_makes_a_new_version_and_the_old_one_stays_readable(
    ours: Participant, caseworker: User
) -> None:
    plan = sign_all(a_plan(ours, caseworker), caseworker)
    client = client_for(caseworker)

    reply = client.post(reverse("plans:plan_edit", args=[plan.pk]), edit_data(plan, support="Nowe wsparcie"))

    new = IndividualPlan.objects.get(previous=plan)
    assert reply["Location"] == reverse("plans:plan_detail", args=[new.pk])
    old_page = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert old_page.status_code == 200
    assert old_page.context["is_current"] is False
    assert IndividualPlan.objects.get(pk=plan.pk).support == ""


def test_the_workflow_buttons_move_the_plan_and_refuse_an_unsigned_agreement(
    ours: Participant, caseworker: User
) -> None:
    plan = a_plan(ours, caseworker)
    client = client_for(caseworker)

    reply = client.post(reverse("plans:plan_move", args=[plan.pk]), {"to": "agreed"}, follow=True)

    assert "Doradca klienta" in reply.content.decode()
    assert IndividualPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT
    client.post(reverse("plans:plan_move", args=[plan.pk]), {"to": "closed", "confirmed": "1"})
    assert IndividualPlan.objects.get(pk=plan.pk).status == PlanStatus.CLOSED


def test_opening_a_plan_audits_the_plan_and_its_actions_as_read(ours: Participant, caseworker: User) -> None:
    plan = a_plan(ours, caseworker)
    client_for(caseworker).post(reverse("plans:plan_edit", args=[plan.pk]), edit_data(plan))
    action = PlanAction.objects.get()

    client_for(caseworker).get(reverse("plans:plan_detail", args=[plan.pk]))

    for record in (plan, action):
        reads = AuditEntry.objects.get_for_object(record).filter(
            action=AuditEntry.Action.ACCESS, actor=caseworker
        )
        assert reads.exists(), record


def test_a_plan_its_pdf_and_a_persons_plans_log_what_they_show_by_record(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    plan = a_plan(ours, caseworker)
    client_for(caseworker).post(reverse("plans:plan_edit", args=[plan.pk]), edit_data(plan))
    other = a_plan(ours, caseworker, code="ipzs")
    action = PlanAction.objects.get()
    goals = list(plan.goals.all())
    client = client_for(coordinator)

    client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert reads_of(coordinator) == read(plan, *goals, action)
    client.get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert reads_of(coordinator) == read(plan, *goals, action) + read(plan, *goals, action)
    client.get(reverse("plans:plans", args=[ours.pk]))

    assert reads_of(coordinator) == read(plan, *goals, action) + read(plan, *goals, action) + read(
        ours, plan, other
    )


def test_a_worker_of_another_organisation_gets_404_for_a_plan_and_its_pages(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    plan = a_plan(ours, caseworker)
    client = client_for(outsider)

    for name in ("plan_detail", "plan_edit", "plan_pdf"):
        assert client.get(reverse(f"plans:{name}", args=[plan.pk])).status_code == 404, name
    assert client.get(reverse("plans:plans", args=[ours.pk])).status_code == 404
    assert client.post(reverse("plans:plan_move", args=[plan.pk]), {"to": "closed"}).status_code == 404


def test_the_plan_pdf_has_the_persons_name_and_a_signature_box_per_signatory(
    ours: Participant, caseworker: User
) -> None:
    ours.first_name, ours.last_name = "Źdźbło", "Ąćęłńóśźż"
    ours.save(update_fields=["first_name", "last_name"])
    plan = a_plan(ours, caseworker, "ipu")

    reply = client_for(caseworker).get(reverse("plans:plan_pdf", args=[plan.pk]))

    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    text = pdf_text(reply.content)
    assert "Ąćęłńóśźż" in text
    for label in (
        "Osoba usamodzielniana",
        "Opiekun usamodzielnienia",
        "Kierownik Powiatowego Centrum Pomocy Rodzinie",
    ):
        assert label in " ".join(text.split()), label
    read = AuditEntry.objects.get_for_object(plan).filter(action=AuditEntry.Action.ACCESS, actor=caseworker)
    assert read.exists()


def test_a_next_step_of_a_meeting_becomes_an_action_of_the_persons_open_plan(
    ours: Participant, caseworker: User
) -> None:
    plan = a_plan(ours, caseworker)
    due = timezone.localdate() + timedelta(days=7)
    meeting = meeting_for(
        ours, caseworker, at(date(2026, 2, 2)), next_steps=[NextStepData("Zapisać się na kurs", due)]
    )
    step = meeting.next_steps.get()
    client = client_for(caseworker)
    assert (
        "Add to the plan"
        in client.get(reverse("casework:meeting_detail", args=[meeting.pk])).content.decode()
    )

    reply = client.post(reverse("casework:next_step_to_plan", args=[meeting.pk, step.pk]), {"plan": plan.pk})

    assert reply.status_code == 302
    action = plan.actions.get()
    assert (action.what, action.deadline, action.next_step) == ("Zapisać się na kurs", due, step)
    services.next_step_set_done(actor=caseworker, step=step, done=True)  # the step itself lives on


@pytest.mark.parametrize(
    "code", ["ipd", "ipzs", "ipu", "ipwzb", "ipr", "passport_plan", "family_plan", "generic"]
)
def test_every_persons_plan_type_shows_its_own_fields_on_the_edit_page(
    ours: Participant, caseworker: User, code: str
) -> None:
    plan = a_plan(ours, caseworker, code)

    page = client_for(caseworker).get(reverse("plans:plan_edit", args=[plan.pk]))

    assert page.status_code == 200
    for field in plan.type.fields:
        assert field.label in page.content.decode(), field.key


def test_a_next_step_added_to_an_agreed_plan_makes_a_new_version_with_that_action(
    ours: Participant, caseworker: User
) -> None:
    plan = sign_all(a_plan(ours, caseworker), caseworker)
    meeting = meeting_for(
        ours, caseworker, at(date(2026, 2, 2)), next_steps=[NextStepData("Odebrać zaświadczenie")]
    )
    step = meeting.next_steps.get()

    client_for(caseworker).post(
        reverse("casework:next_step_to_plan", args=[meeting.pk, step.pk]), {"plan": plan.pk}
    )

    new = IndividualPlan.objects.get(previous=plan)
    assert [a.next_step for a in new.actions.all()] == [step]
    assert not plan.actions.exists()
