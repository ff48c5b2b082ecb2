"""A programme of the mobile-activation model, and helpers that enrol people in it and record
what they told."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.models import ReachRecord
from reintegra.outcomes.reach.services import ReachData, reach_record
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.factories import ParticipantFactory, ProgrammeFactory, ProgrammeTemplateFactory

TODAY = timezone.localdate()


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(
        organisation=organisation,
        template=ProgrammeTemplateFactory(code="mobile-activation", name="MCAZ"),
        code="mcaz-test",
        start_date=date(TODAY.year, 1, 1),
        end_date=date(TODAY.year, 12, 31),
    )


def enrol(programme: Programme, *, status: str = EnrolmentStatus.ENROLLED, **person: object) -> Enrolment:
    participant: Participant = ParticipantFactory(organisation=programme.organisation, **person)
    return Enrolment.objects.create(
        programme=programme,
        participant=participant,
        status=status,
        applied_at=timezone.now() - timedelta(days=30),
        enrolled_on=TODAY - timedelta(days=20) if status == EnrolmentStatus.ENROLLED else None,
    )


def told(enrolment: Enrolment, people: int, applied: int = 0, *, actor: User | None = None) -> ReachRecord:
    return reach_record(
        actor=actor,
        enrolment=enrolment,
        data=ReachData(recorded_on=TODAY, people_told=people, applied=applied),
    )
