"""A programme of our organisation with people who left it in the first half of 2026, and the
survey's answers as a worker records them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.evaluation import services
from reintegra.outcomes.models import EvaluationResponse
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.factories import ParticipantFactory, ProgrammeFactory

SKILLS = (
    "komunikacja",
    "praca_w_zespole",
    "pewnosc_siebie",
    "organizacja_czasu",
    "szukanie_pracy",
    "radzenie_sobie",
)


def ratings(**given: int) -> dict[str, Any]:
    """Every skill rated 3, but those given."""
    return {key: given.get(key, 3) for key in SKILLS}


def enrol(programme: Programme, *, left_on: date | None = None, **person: object) -> Enrolment:
    participant: Participant = ParticipantFactory(organisation=programme.organisation, **person)
    return Enrolment.objects.create(
        programme=programme,
        participant=participant,
        status=EnrolmentStatus.LEFT if left_on else EnrolmentStatus.ENROLLED,
        applied_at=datetime(2025, 9, 1, 10, tzinfo=timezone.get_current_timezone()),
        enrolled_on=date(2025, 9, 15),
        left_on=left_on,
    )


def survey(
    worker: User, enrolment: Enrolment, moment: str, answers: dict[str, Any], on: date
) -> EvaluationResponse:
    return services.evaluation_record(
        actor=worker, enrolment=enrolment, moment=moment, answers=answers, filled_on=on
    )


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(
        organisation=organisation,
        code="cis-zalesie",
        name="CIS Zalesie",
        start_date=date(2025, 9, 1),
        end_date=date(2026, 12, 31),
    )


@pytest.fixture
def ania(programme: Programme) -> Enrolment:
    return enrol(programme, left_on=date(2026, 3, 31), first_name="Anna", last_name="Wiśniewska")
