"""Writes of reach records: each a transaction, checked against the policy, audited
(django-auditlog, ``outcomes.audit_registration``).

The rules kept here:

* only the staff of the organisation that runs the programme record a participant's reach
  (``reach.record``), and only of a person who took part: enrolled, or left after taking part;
* the people told and the people who applied are counts from 0 (at most ``MOST_TOLD`` at once),
  and no more can have applied than were told;
* the date is not in the future;
* the person herself records her reach from her own page (``own_page.view``): only for her own
  enrolment, dated today, counts only (no note: whom she told is not written down);
* the staff who record reach also name, for an applicant, the participant who told her about the
  programme (``HeardFrom``): someone who takes or took part in the same programme, not the
  applicant herself; one teller per applicant, a second choice replaces the first, and a wrong
  link may be removed (the audit log keeps what it was).
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
from reintegra.outcomes.models import HeardFrom, ReachRecord
from reintegra.people.models import Participant
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
    return _save(enrolment, data, actor)


def is_own(actor: User, enrolment: Enrolment) -> bool:
    """The enrolment is of the person whose own account this is (as stored now, not as the
    caller's copy of her record says)."""
    return Participant.objects.filter(
        pk=enrolment.participant_id,
        account=actor,
        organisation_id__in=policy.organisation_ids_where(actor, "own_page.view"),
    ).exists()


@transaction.atomic
def reach_record_own(*, actor: User, enrolment: Enrolment, people_told: int, applied: int) -> ReachRecord:
    """The person records, from her own page, whom she told since her last record: today,
    under her own account."""
    if not is_own(actor, enrolment):
        raise PermissionDenied
    if enrolment.status not in TOOK_PART or enrolment.enrolled_on is None:
        raise ValidationError(
            _("You can tell us about this once you take part in the programme."), code="not_a_participant"
        )
    data = ReachData(recorded_on=timezone.localdate(), people_told=people_told, applied=applied)
    return _save(enrolment, data, actor)


def _save(enrolment: Enrolment, data: ReachData, actor: User | None) -> ReachRecord:
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


@transaction.atomic
def heard_from_record(*, actor: User | None, applicant: Enrolment, told_by: Enrolment) -> HeardFrom:
    """Records (or corrects) who told the applicant about the programme; ``actor`` None is the
    system (demo)."""
    if actor is not None and not policy.can(actor, "reach.record", applicant.programme):
        raise PermissionDenied
    if told_by.status not in TOOK_PART or told_by.enrolled_on is None:
        raise ValidationError(
            {"told_by": _("Choose a person who takes or took part in the programme.")},
            code="not_a_participant",
        )
    link = HeardFrom.objects.select_for_update().filter(enrolment=applicant).first()
    if link is None:
        link = HeardFrom(enrolment=applicant, told_by=told_by, recorded_by=actor, recorded_at=timezone.now())
        link.full_clean()
        link.save()
        return link
    link.told_by, link.recorded_by, link.recorded_at = told_by, actor, timezone.now()
    link.full_clean()
    link.save(update_fields=["told_by", "recorded_by", "recorded_at"])
    return link


@transaction.atomic
def heard_from_remove(*, actor: User, link: HeardFrom) -> None:
    """Removes a wrong link: the applicant came otherwise after all."""
    if not policy.can(actor, "reach.record", link.enrolment.programme):
        raise PermissionDenied
    link.delete()
