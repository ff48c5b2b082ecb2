"""Each way to a person's case work logs what it shows, by record (issue 9): a page of meetings,
a meeting with its next steps, its PDF, a page of services, a service, the person's case workers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.casework.models import CaseAssignment
from reintegra.casework.services import NextStepData
from reintegra.people.models import Participant
from tests.casework.conftest import at, meeting_for
from tests.casework.test_services import a_dentist_visit
from tests.conftest import client_for
from tests.reads import read, reads_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 10)


def test_a_page_of_meetings_logs_the_person_and_each_meeting_on_it(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    meetings = [meeting_for(ours, caseworker, at(TODAY - timedelta(days=day))) for day in range(22)]
    client = client_for(coordinator)

    client.get(reverse("casework:meetings", args=[ours.pk]))
    assert reads_of(coordinator) == read(ours, *meetings[:20])
    client.get(reverse("casework:meetings", args=[ours.pk]), {"page": 2})

    assert reads_of(coordinator) == read(ours, *meetings) + read(ours)


def test_a_meeting_and_its_summary_log_the_meeting_and_its_next_steps(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    steps = [NextStepData("Zadzwonić do PUP"), NextStepData("Umówić lekarza", due_on=TODAY)]
    meeting = meeting_for(ours, caseworker, at(TODAY), next_steps=steps)
    client = client_for(coordinator)

    client.get(reverse("casework:meeting_detail", args=[meeting.pk]))
    assert reads_of(coordinator) == read(meeting, *meeting.next_steps.all())
    client.get(reverse("casework:meeting_pdf", args=[meeting.pk]))

    shown = read(meeting, *meeting.next_steps.all())
    assert reads_of(coordinator) == shown + shown


def test_the_services_page_and_a_service_log_what_they_show(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    visits = [a_dentist_visit(ours, caseworker) for _ in range(2)]
    client = client_for(coordinator)

    client.get(reverse("casework:services", args=[ours.pk]))
    assert reads_of(coordinator) == read(ours, *visits)
    client.get(reverse("casework:service_detail", args=[visits[0].pk]))

    assert reads_of(coordinator) == read(ours, *visits) + read(visits[0])


def test_a_persons_case_workers_page_logs_the_person_and_the_assignments(
    in_care: CaseAssignment, coordinator: User
) -> None:
    client_for(coordinator).get(reverse("casework:assignments", args=[in_care.participant.pk]))

    assert reads_of(coordinator) == read(in_care.participant, in_care)
