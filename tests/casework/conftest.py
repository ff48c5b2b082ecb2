"""Case-work fixtures: a person of our organisation in the caseworker's care, and one of theirs."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.casework import services
from reintegra.casework.models import CaseAssignment, Meeting, MeetingKind
from reintegra.people.models import Participant
from tests.factories import ParticipantFactory


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """A moment on a Warsaw calendar day."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def meeting_for(
    participant: Participant,
    worker: User,
    starts_at: datetime,
    next_steps: list[services.NextStepData] | None = None,
    **fields: Any,
) -> Meeting:
    return services.meeting_record(
        actor=worker,
        participant=participant,
        data=services.MeetingData(
            **{"duration_minutes": 60, "kind": MeetingKind.SOCIAL_WORK, **fields}, starts_at=starts_at
        ),
        next_steps=next_steps,
    )


@pytest.fixture
def ours(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Łucja", last_name="Żółkiewska")


@pytest.fixture
def theirs(other_organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=other_organisation, first_name="Irena", last_name="Obca")


@pytest.fixture
def in_care(ours: Participant, caseworker: User, coordinator: User) -> CaseAssignment:
    return services.assignment_create(
        actor=coordinator, participant=ours, worker=caseworker, on=date(2026, 1, 5)
    )
