"""Meetings with a person or their family: recorded, planned or held, with next steps; audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services
from reintegra.casework.models import Meeting, MeetingKind, MeetingStatus, NextStep
from reintegra.casework.services import NextStepData
from reintegra.people.models import FamilyMember, Participant
from tests.casework.conftest import at, meeting_for
from tests.conftest import client_for
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen_now() -> Any:
    with time_machine.travel(at(TODAY, 12), tick=False):
        yield


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "starts_at": "2026-03-10T09:30",
        "duration_minutes": "45",
        "kind": MeetingKind.VOCATIONAL_COUNSELLING,
        "family_member": "",
        "notes": "Rozmowa o kursie spawacza.",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-0-text": "Zapisać się na kurs",
        "steps-0-due_on": "2026-03-20",
        "steps-1-text": "",
        "steps-1-due_on": "",
        "steps-2-text": "",
        "steps-2-due_on": "",
    }
    return {**data, **overrides}


def test_a_caseworker_records_a_past_meeting_as_held_with_its_next_steps(
    ours: Participant, caseworker: User
) -> None:
    response = client_for(caseworker).post(reverse("casework:meeting_create", args=[ours.pk]), form_data())

    meeting = Meeting.objects.get(participant=ours)
    assert response.status_code == 302
    assert (meeting.status, meeting.worker, meeting.duration_minutes) == (MeetingStatus.HELD, caseworker, 45)
    assert [(s.text, s.due_on) for s in meeting.next_steps.all()] == [
        ("Zapisać się na kurs", date(2026, 3, 20))
    ]
    created = AuditEntry.objects.get_for_object(meeting).get(action=AuditEntry.Action.CREATE)
    assert created.actor == caseworker


def test_a_meeting_in_the_future_is_planned_and_later_recorded_as_held(
    ours: Participant, caseworker: User
) -> None:
    client = client_for(caseworker)
    client.post(reverse("casework:meeting_create", args=[ours.pk]), form_data(starts_at="2026-03-11T15:00"))
    meeting = Meeting.objects.get(participant=ours)
    assert meeting.status == MeetingStatus.PLANNED

    too_early = client.post(reverse("casework:meeting_mark_held", args=[meeting.pk]), {"notes": "x"})
    meeting.refresh_from_db()
    assert too_early.status_code == 302
    assert meeting.status == MeetingStatus.PLANNED

    with time_machine.travel(at(TODAY, 16), tick=False):
        client.post(reverse("casework:meeting_mark_held", args=[meeting.pk]), {"notes": "Odbyło się."})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.notes) == (MeetingStatus.HELD, "Odbyło się.")
    changed = AuditEntry.objects.get_for_object(meeting).filter(action=AuditEntry.Action.UPDATE).get()
    assert changed.actor == caseworker


def test_a_next_step_due_before_the_meeting_is_refused_naming_the_due_date(
    ours: Participant, caseworker: User
) -> None:
    response = client_for(caseworker).post(
        reverse("casework:meeting_create", args=[ours.pk]), form_data(**{"steps-0-due_on": "2026-03-01"})
    )

    assert response.status_code == 200
    errors = response.context["steps"].forms[0].errors
    assert "due_on" in errors
    assert "2026-03-01" in errors["due_on"][0]
    assert "2026-03-10" in errors["due_on"][0]
    assert not Meeting.objects.exists()


def test_a_meeting_without_a_positive_duration_is_refused_naming_the_field(
    ours: Participant, caseworker: User
) -> None:
    response = client_for(caseworker).post(
        reverse("casework:meeting_create", args=[ours.pk]), form_data(duration_minutes="0")
    )

    assert "duration_minutes" in response.context["form"].errors
    assert not Meeting.objects.exists()


def test_a_meeting_with_a_family_member_of_another_person_is_refused(
    ours: Participant, theirs: Participant, caseworker: User
) -> None:
    stranger = FamilyMember.objects.create(participant=theirs, first_name="Jan", relation="spouse")

    response = client_for(caseworker).post(
        reverse("casework:meeting_create", args=[ours.pk]), form_data(family_member=str(stranger.pk))
    )

    assert "family_member" in response.context["form"].errors


def test_a_home_visit_with_a_family_member_is_recorded(ours: Participant, caseworker: User) -> None:
    mother = FamilyMember.objects.create(participant=ours, first_name="Halina", relation="parent")

    client_for(caseworker).post(
        reverse("casework:meeting_create", args=[ours.pk]),
        form_data(family_member=str(mother.pk), kind=MeetingKind.HOME_VISIT),
    )

    assert Meeting.objects.get(participant=ours).family_member == mother


def test_reading_a_meeting_and_the_list_is_audited(ours: Participant, caseworker: User) -> None:
    meeting = meeting_for(ours, caseworker, at(TODAY - timedelta(days=3)))
    client = client_for(caseworker)

    client.get(reverse("casework:meeting_detail", args=[meeting.pk]))
    client.get(reverse("casework:meetings", args=[ours.pk]))

    reads = AuditEntry.objects.get_for_object(meeting).filter(
        action=AuditEntry.Action.ACCESS, actor=caseworker
    )
    assert reads.count() == 2
    assert all(list(entry.organisations.all()) == [ours.organisation] for entry in reads)


def test_a_worker_of_another_organisation_gets_404_for_the_meetings_of_our_person(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    meeting = meeting_for(ours, caseworker, at(TODAY - timedelta(days=3)))
    client = client_for(outsider)

    pages = [
        client.get(reverse("casework:meetings", args=[ours.pk])),
        client.get(reverse("casework:meeting_create", args=[ours.pk])),
        client.post(reverse("casework:meeting_create", args=[ours.pk]), form_data()),
        client.get(reverse("casework:meeting_detail", args=[meeting.pk])),
        client.post(reverse("casework:meeting_mark_held", args=[meeting.pk])),
        client.post(reverse("casework:next_step_add", args=[meeting.pk]), {"text": "x"}),
        client.get(reverse("casework:meeting_detail", args=[meeting.pk + 1000])),
    ]

    assert [page.status_code for page in pages] == [404] * 7
    assert Meeting.objects.count() == 1
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=outsider).exists()


def test_a_next_step_is_added_and_ticked_off(ours: Participant, caseworker: User) -> None:
    meeting = meeting_for(ours, caseworker, at(TODAY - timedelta(days=3)))
    client = client_for(caseworker)

    refused = client.post(
        reverse("casework:next_step_add", args=[meeting.pk]), {"text": "Wniosek", "due_on": "2026-03-01"}
    )
    client.post(
        reverse("casework:next_step_add", args=[meeting.pk]), {"text": "Wniosek", "due_on": "2026-03-15"}
    )
    step = NextStep.objects.get(meeting=meeting)
    client.post(reverse("casework:next_step_toggle", args=[meeting.pk, step.pk]), {"done": "1"})

    assert "due_on" in refused.context["step_form"].errors
    step.refresh_from_db()
    assert (step.done, step.done_on) == (True, TODAY)
    assert (
        AuditEntry.objects.get_for_object(step)
        .filter(action=AuditEntry.Action.UPDATE, actor=caseworker)
        .exists()
    )


def test_the_meetings_list_is_paginated(ours: Participant, caseworker: User) -> None:
    for day in range(25):
        meeting_for(ours, caseworker, at(TODAY - timedelta(days=day + 1)))

    first = client_for(caseworker).get(reverse("casework:meetings", args=[ours.pk]))
    second = client_for(caseworker).get(reverse("casework:meetings", args=[ours.pk]), {"page": 2})

    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 5


def test_the_list_of_meetings_links_to_recording_one_on_its_own_page(
    ours: Participant, caseworker: User
) -> None:
    client = client_for(caseworker)

    listing = client.get(reverse("casework:meetings", args=[ours.pk]))
    recording = client.get(reverse("casework:meeting_create", args=[ours.pk]))

    assert reverse("casework:meeting_create", args=[ours.pk]) in listing.content.decode()
    assert "form" not in listing.context
    assert recording.status_code == 200
    assert 'name="starts_at"' in recording.content.decode()


def test_the_persons_last_contact_follows_their_latest_held_meeting(
    ours: Participant, caseworker: User
) -> None:
    def last_contact() -> Any:
        ours.refresh_from_db(fields=["last_contact_at"])
        return ours.last_contact_at

    assert last_contact() is None
    week_ago = meeting_for(ours, caseworker, at(TODAY - timedelta(days=7), 10))
    assert last_contact() == week_ago.starts_at
    meeting_for(ours, caseworker, at(TODAY - timedelta(days=20), 10))  # recorded later, held earlier
    assert last_contact() == week_ago.starts_at
    planned = meeting_for(ours, caseworker, at(TODAY, 15))
    assert (planned.status, last_contact()) == (MeetingStatus.PLANNED, week_ago.starts_at)

    with time_machine.travel(at(TODAY, 16), tick=False):
        services.meeting_mark_held(actor=caseworker, meeting=planned)

    assert last_contact() == planned.starts_at


def test_a_meeting_summary_prints_with_its_next_steps(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    meeting = meeting_for(
        ours,
        caseworker,
        at(date(2026, 2, 2)),
        next_steps=[NextStepData("Złożyć CV w piekarni")],
        notes="Rozmowa",
    )

    reply = client_for(caseworker).get(reverse("casework:meeting_pdf", args=[meeting.pk]))

    assert reply["Content-Type"] == "application/pdf"
    text = pdf_text(reply.content)
    assert "Żółkiewska" in text
    assert "Złożyć CV w piekarni" in text
    assert client_for(outsider).get(reverse("casework:meeting_pdf", args=[meeting.pk])).status_code == 404


def test_a_correction_of_a_meeting_keeps_its_status_and_a_worker_of_another_organisation_cannot(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    meeting = meeting_for(ours, caseworker, at(TODAY - timedelta(days=1)))

    services.meeting_update(
        actor=caseworker,
        meeting=meeting,
        data=replace(services.MeetingData.of(meeting), duration_minutes=90, kind=MeetingKind.HOME_VISIT),
    )
    with pytest.raises(PermissionDenied):
        services.meeting_update(
            actor=outsider, meeting=meeting, data=replace(services.MeetingData.of(meeting), notes="Cudze")
        )

    meeting.refresh_from_db()
    assert (meeting.status, meeting.duration_minutes, meeting.notes) == (MeetingStatus.HELD, 90, "")
    [change] = AuditEntry.objects.get_for_object(meeting).filter(action=AuditEntry.Action.UPDATE)
    assert set(change.changes) == {"duration_minutes", "kind"}
