"""A coordinator gives people case workers and hands them over; every move is recorded and audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services
from reintegra.casework.models import CaseAssignment, CaseworkSettings
from reintegra.casework.services import NextStepData
from reintegra.people.models import Participant
from tests.casework.conftest import at, meeting_for
from tests.conftest import client_for
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_a_coordinator_assigns_a_case_worker_to_a_person(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    response = client_for(coordinator).post(
        reverse("casework:assignments", args=[ours.pk]), {"worker": caseworker.pk}
    )

    assert response.status_code == 302
    assignment = CaseAssignment.objects.get(participant=ours)
    assert (assignment.worker, assignment.assigned_by, assignment.ended_on) == (caseworker, coordinator, None)
    assert assignment.assigned_on == timezone.localdate()


def test_a_worker_of_another_organisation_cannot_be_assigned(
    ours: Participant, outsider: User, coordinator: User
) -> None:
    response = client_for(coordinator).post(
        reverse("casework:assignments", args=[ours.pk]), {"worker": outsider.pk}
    )

    assert response.status_code == 200
    assert "worker" in response.context["form"].errors
    assert not CaseAssignment.objects.exists()


def test_a_participant_account_of_the_organisation_cannot_be_assigned(
    ours: Participant, participant: User, coordinator: User
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.assignment_create(actor=coordinator, participant=ours, worker=participant)

    assert "worker" in raised.value.message_dict


def test_reassigning_ends_the_old_assignment_and_both_moves_are_audited(
    in_care: CaseAssignment, organisation: Organisation, coordinator: User
) -> None:
    colleague = member(organisation, Role.CASE_WORKER, username="pracownik2")
    url = reverse("casework:assignment_reassign", args=[in_care.participant_id, in_care.pk])

    response = client_for(coordinator).post(url, {"worker": colleague.pk})

    assert response.status_code == 302
    in_care.refresh_from_db()
    assert in_care.ended_on == timezone.localdate()
    assert in_care.ended_by == coordinator
    new = CaseAssignment.objects.get(participant=in_care.participant, ended_on__isnull=True)
    assert new.worker == colleague
    ended = AuditEntry.objects.get_for_object(in_care).filter(action=AuditEntry.Action.UPDATE).get()
    assert ended.actor == coordinator
    assert "ended_on" in ended.changes_dict
    created = AuditEntry.objects.get_for_object(new).get(action=AuditEntry.Action.CREATE)
    assert created.actor == coordinator
    assert list(created.organisations.all()) == [organisation]


def test_a_case_worker_reads_who_looks_after_the_person_but_cannot_assign_or_reassign(
    in_care: CaseAssignment, caseworker: User
) -> None:
    client = client_for(caseworker)

    page = client.get(reverse("casework:assignments", args=[in_care.participant_id]))
    assign = client.post(
        reverse("casework:assignments", args=[in_care.participant_id]), {"worker": caseworker.pk}
    )
    reassign = client.post(
        reverse("casework:assignment_reassign", args=[in_care.participant_id, in_care.pk]),
        {"worker": caseworker.pk},
    )

    assert page.status_code == 200
    assert [a.pk for a in page.context["assignments"]] == [in_care.pk]
    html = page.content.decode()
    assert reverse("casework:assignment_reassign", args=[in_care.participant_id, in_care.pk]) not in html
    assert 'name="worker"' not in html
    assert assign.status_code == reassign.status_code == 403
    assert CaseAssignment.objects.filter(participant=in_care.participant).count() == 1


def test_a_coordinator_of_another_organisation_gets_404_for_the_case_workers_page(
    ours: Participant, other_organisation: Organisation
) -> None:
    stranger = member(other_organisation, Role.COORDINATOR, username="obca.koordynatorka")

    response = client_for(stranger).get(reverse("casework:assignments", args=[ours.pk]))

    assert response.status_code == 404


def test_a_coordinator_sees_the_team_with_counts_and_opens_a_workers_caseload(
    in_care: CaseAssignment, caseworker: User, coordinator: User
) -> None:
    client = client_for(coordinator)
    today = timezone.localdate()
    meeting_for(in_care.participant, caseworker, at(today, 0, 5))
    meeting_for(
        in_care.participant,
        caseworker,
        at(today - timedelta(days=10)),
        next_steps=[NextStepData("Wniosek", today - timedelta(days=1)), NextStepData("Bez terminu")],
    )

    team = client.get(reverse("casework:team"))
    caseload = client.get(reverse("casework:team_member", args=[caseworker.pk]))

    counts = {m.worker: (m.people, m.meetings_this_week, m.overdue_steps) for m in team.context["team"]}
    assert counts[caseworker] == (1, 1, 1)
    assert counts[coordinator] == (0, 0, 0)
    assert caseload.context["caseload"].people_count == 1
    assert caseload.context["caseload"].overdue_steps.count == 1
    people = client.get(reverse("casework:team_member_section", args=[caseworker.pk, "people"]))
    assert [person.participant_id for person in people.context["rows"]] == [in_care.participant_id]


def test_a_coordinator_gets_404_for_a_worker_outside_the_team(coordinator: User, outsider: User) -> None:
    response = client_for(coordinator).get(reverse("casework:team_member", args=[outsider.pk]))

    assert response.status_code == 404


def test_a_coordinator_sets_how_often_people_must_be_contacted(
    organisation: Organisation, coordinator: User, other_organisation: Organisation
) -> None:
    client = client_for(coordinator)

    saved = client.post(reverse("casework:settings", args=[organisation.pk]), {"contact_interval_days": 14})
    refused = client.post(reverse("casework:settings", args=[organisation.pk]), {"contact_interval_days": 0})
    foreign = client.get(reverse("casework:settings", args=[other_organisation.pk]))

    assert saved.status_code == 302
    assert CaseworkSettings.objects.get(organisation=organisation).contact_interval_days == 14
    assert "contact_interval_days" in refused.context["form"].errors
    assert foreign.status_code == 404


def test_the_case_workers_page_lists_current_and_past_assignments_and_the_staff_to_choose(
    in_care: CaseAssignment, caseworker: User, coordinator: User, outsider: User
) -> None:
    services.assignment_end(actor=coordinator, assignment=in_care)
    services.assignment_create(actor=coordinator, participant=in_care.participant, worker=caseworker)

    response = client_for(coordinator).get(reverse("casework:assignments", args=[in_care.participant_id]))

    assert [a.ended_on is None for a in response.context["assignments"]] == [True, False]
    assert caseworker in response.context["staff"]
    assert outsider not in response.context["staff"]
    assert "Żółkiewska" in response.content.decode()
