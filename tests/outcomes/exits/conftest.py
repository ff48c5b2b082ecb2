"""A programme of our organisation with people enrolled in March 2026; today is 3 December 2026."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.exits import services
from reintegra.outcomes.models import ExitRecord
from reintegra.people.models import Participant
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Enrolment, ExitReason, Programme
from tests.factories import ParticipantFactory, ProgrammeFactory

TODAY = date(2026, 12, 3)
ENROLLED_ON = date(2026, 3, 2)
LEFT_ON = date(2026, 5, 29)  # follow-ups due 29.8.2026 (overdue), 29.11.2026 (due), 29.5.2027


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture(autouse=True)
def frozen_now() -> Iterator[None]:
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(
        organisation=organisation, start_date=date(2026, 1, 1), end_date=date(2027, 12, 31), places=20
    )


@pytest.fixture
def other_programme(other_organisation: Organisation) -> Programme:
    return ProgrammeFactory(
        organisation=other_organisation, start_date=date(2026, 1, 1), end_date=date(2027, 12, 31)
    )


def enrol(programme: Programme, *, on: date = ENROLLED_ON, **fields: Any) -> Enrolment:
    """A person of the programme's organisation applies and is enrolled on ``on``."""
    person: Participant = ParticipantFactory(organisation=programme.organisation, **fields)
    with time_machine.travel(at(on), tick=False):
        enrolment = programme_services.enrolment_apply(actor=None, programme=programme, participant=person)
        programme_services.enrolment_assess(actor=None, enrolment=enrolment)
        return programme_services.enrolment_enrol(actor=None, enrolment=enrolment)


def job_seeking() -> services.Situation:
    return services.Situation(job_seeking=True)


def record_exit(enrolment: Enrolment, *, actor: User | None = None, **situation: Any) -> ExitRecord:
    return services.exit_record(
        actor=actor,
        enrolment=enrolment,
        planned_completion=True,
        situation=services.Situation(**situation) if situation else job_seeking(),
        left_on=LEFT_ON,
        exit_reason=ExitReason.COMPLETED,
    )


@pytest.fixture
def enrolled(programme: Programme) -> Enrolment:
    return enrol(programme, first_name="Łucja", last_name="Żółkiewska", labour_status="unemployed")


@pytest.fixture
def employed_at_entry(programme: Programme) -> Enrolment:
    return enrol(programme, first_name="Maria", last_name="Pracowita", labour_status="employed")


@pytest.fixture
def left(enrolled: Enrolment) -> Enrolment:
    """Łucja left on 29.5.2026 with her situation recorded: seeking work."""
    record_exit(enrolled)
    enrolled.refresh_from_db()
    return enrolled


@pytest.fixture
def outsiders_enrolment(other_programme: Programme) -> Enrolment:
    return enrol(other_programme, first_name="Obca", last_name="Osoba")
