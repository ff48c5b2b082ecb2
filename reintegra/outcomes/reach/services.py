"""Writes of reach records: each a transaction, checked against the policy, audited
(django-auditlog, ``outcomes.audit_registration``).

The rules kept here:

* only the staff of the organisation that runs the programme record a participant's reach
  (``reach.record``), and only of a person who took part: enrolled, or left after taking part;
* the people told and the people who applied are counts from 0 (at most ``MOST_TOLD`` at once),
  and no more can have applied than were told;
* the date is not in the future.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.outcomes.models import ReachRecord
from reintegra.programmes.models import Enrolment, EnrolmentStatus

TOOK_PART = (EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT)


@dataclass(frozen=True)
class ReachData:
    recorded_on: date
    people_told: int
    applied: int = 0
    note: str = ""


@transaction.atomic
def reach_record(*, actor: User | None, enrolment: Enrolment, data: ReachData) -> ReachRecord:
    """Adds what a participant told since her last record; ``actor`` None is the system (demo)."""
    if actor is not None and not policy.can(actor, "reach.record", enrolment.programme):
        raise PermissionDenied
    if enrolment.status not in TOOK_PART or enrolment.enrolled_on is None:
        raise ValidationError(
            {"enrolment": _("Reach is recorded for a person who takes or took part in the programme.")},
            code="not_a_participant",
        )
    record = ReachRecord(
        enrolment=enrolment,
        recorded_on=data.recorded_on,
        people_told=data.people_told,
        applied=data.applied,
        note=data.note,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    record.full_clean()
    record.save()
    return record
