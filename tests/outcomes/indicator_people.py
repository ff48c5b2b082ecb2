"""People enrolled, leaving and followed up, for the indicator tests: through the programmes'
services (so the entry snapshot is the real one) and the ORM for exits and follow-ups."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import time_machine
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.outcomes.indicators import months_later
from reintegra.outcomes.models import ExitRecord, FollowUp
from reintegra.programmes import services
from reintegra.programmes.models import Enrolment, Programme
from tests.factories import ParticipantFactory

AT_ENTRY = {
    "sex": "woman",
    "education": 3,
    "labour_status": "inactive",
    "disability": "no",
    "third_country_national": "no",
    "foreign_background": "no",
    "minority": "no",
    "homeless": "no",
    "degurba": 1,
}


def noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def enrol(programme: Programme, actor: User, *, on: date, age: int = 40, **characteristics: Any) -> Enrolment:
    """A person of ``age`` on ``on`` enrolled that day; characteristics override ``AT_ENTRY``."""
    person = ParticipantFactory(
        organisation=programme.organisation,
        birth_date=date(on.year - age, 1, 1),
        **{**AT_ENTRY, **characteristics},
    )
    with time_machine.travel(noon(on), tick=False):
        enrolment = services.enrolment_apply(actor=actor, programme=programme, participant=person)
        enrolment = services.enrolment_assess(actor=actor, enrolment=enrolment)
        return services.enrolment_enrol(actor=actor, enrolment=enrolment)


def leave(enrolment: Enrolment, actor: User, *, on: date, **situation: bool) -> ExitRecord:
    """The person leaves on ``on`` with an exit record naming the situation (``other_situation``
    when none is given)."""
    with time_machine.travel(noon(on), tick=False):
        services.enrolment_leave(actor=actor, enrolment=enrolment, exit_reason="completed", left_on=on)
    return ExitRecord.objects.create(
        enrolment=enrolment,
        left_on=on,
        planned_completion=True,
        recorded_at=noon(on),
        other_situation=not any(situation.values()),
        **situation,
    )


def follow_up(
    enrolment: Enrolment,
    *,
    status: str = "done",
    employed: bool = False,
    improvement: str = "",
    months: int = 6,
) -> FollowUp:
    """The follow-up ``months`` after the exit, recorded (or due, or unreachable)."""
    left_on = enrolment.exit_record.left_on
    due_on = months_later(left_on, months)
    return FollowUp.objects.create(
        enrolment=enrolment,
        months=months,
        due_on=due_on,
        status=status,
        contacted_on=due_on if status == "done" else None,
        channel="phone" if status == "done" else "",
        employed=employed,
        improvement=improvement,
        recorded_at=noon(due_on) if status == "done" else None,
    )
