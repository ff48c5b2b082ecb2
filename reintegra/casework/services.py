"""Writes of case work: assignments, meetings with their next steps, services delivered.

Each is one transaction, checks the access policy, validates with ``full_clean`` and is recorded
in the audit log by django-auditlog (the request's user is the actor).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.accounts.selectors import is_staff_of
from reintegra.casework.models import (
    CaseAssignment,
    CaseworkSettings,
    Meeting,
    MeetingStatus,
    NextStep,
    ServiceDelivery,
)
from reintegra.people.models import FamilyMember, Participant


@dataclass(frozen=True, kw_only=True)
class MeetingData:
    """A meeting as the worker records it (an unknown field is a ``TypeError``)."""

    family_member: FamilyMember | None = None  # None: the person themselves
    starts_at: datetime
    duration_minutes: int
    kind: str
    notes: str = ""

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingData:
        """The meeting as it is: what a correction starts from, ``dataclasses.replace``-ing the changes."""
        return cls(**{name: getattr(meeting, name) for name in MEETING_FIELDS})


@dataclass(frozen=True, kw_only=True)
class ServiceData:
    """A service delivered to the person (an unknown field is a ``TypeError``)."""

    kind: str
    provider_name: str = ""
    provider_organisation: Organisation | None = None
    delivered_on: date
    cost: Decimal = Decimal("0.00")
    notes: str = ""

    @classmethod
    def of(cls, service: ServiceDelivery) -> ServiceData:
        """The record as it is: what a correction starts from, ``dataclasses.replace``-ing the changes."""
        return cls(**{name: getattr(service, name) for name in SERVICE_FIELDS})


MEETING_FIELDS = tuple(field.name for field in fields(MeetingData))
SERVICE_FIELDS = tuple(field.name for field in fields(ServiceData))


@dataclass(frozen=True)
class NextStepData:
    text: str
    due_on: date | None = None


def _check(actor: User, permission: str, participant: Participant) -> None:
    if not policy.can(actor, permission, participant):
        raise PermissionDenied


# --- Assignments ------------------------------------------------------------------------


@transaction.atomic
def assignment_create(
    *, actor: User, participant: Participant, worker: User, on: date | None = None
) -> CaseAssignment:
    """A coordinator gives the person a case worker, who must be staff of the person's organisation."""
    _check(actor, "casework.assign", participant)
    if not is_staff_of(worker, participant.organisation_id):
        raise ValidationError(
            {"worker": _("Only staff of the person's organisation can look after them.")},
            code="worker_not_staff",
        )
    assignment = CaseAssignment(
        participant=participant, worker=worker, assigned_on=on or timezone.localdate(), assigned_by=actor
    )
    if CaseAssignment.objects.filter(participant=participant, worker=worker, ended_on__isnull=True).exists():
        raise ValidationError(
            {"worker": _("This case worker already looks after this person.")}, code="already_assigned"
        )
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def assignment_end(*, actor: User, assignment: CaseAssignment, on: date | None = None) -> CaseAssignment:
    """The assignment is closed with a date and who closed it; it stays in the file."""
    _check(actor, "casework.assign", assignment.participant)
    stored = CaseAssignment.objects.select_for_update().select_related("participant").get(pk=assignment.pk)
    if stored.ended_on is not None:
        raise ValidationError(_("This assignment has already ended."), code="already_ended")
    stored.ended_on = on or timezone.localdate()
    stored.ended_by = actor
    stored.full_clean()
    stored.save(update_fields=["ended_on", "ended_by"])
    return stored


@transaction.atomic
def assignment_reassign(
    *, actor: User, assignment: CaseAssignment, to_worker: User, on: date | None = None
) -> CaseAssignment:
    """Hand the person over: the old assignment ends and the new one begins on the same day."""
    if to_worker.pk == assignment.worker_id:
        raise ValidationError(
            {"worker": _("Choose a different case worker than the current one.")}, code="same_worker"
        )
    day = on or timezone.localdate()
    assignment_end(actor=actor, assignment=assignment, on=day)
    return assignment_create(actor=actor, participant=assignment.participant, worker=to_worker, on=day)


# --- Meetings ---------------------------------------------------------------------------


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    participant: Participant,
    data: MeetingData,
    next_steps: list[NextStepData] | None = None,
    worker: User | None = None,
) -> Meeting:
    """A meeting dated in the future is planned; one dated now or earlier is recorded as held."""
    _check(actor, "casework.record", participant)
    meeting = Meeting(
        participant=participant,
        worker=worker or actor,
        **{name: getattr(data, name) for name in MEETING_FIELDS},
    )
    if meeting.starts_at is not None:
        meeting.status = MeetingStatus.PLANNED if meeting.starts_at > timezone.now() else MeetingStatus.HELD
    meeting.full_clean()
    meeting.save()
    if meeting.status == MeetingStatus.HELD:
        _contacted(meeting)
    _add_steps(meeting, next_steps or [])
    return meeting


def _contacted(meeting: Meeting) -> None:
    """The person's last contact moves to this meeting if it is the latest held (an atomic max)."""
    Participant.objects.filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=meeting.starts_at), pk=meeting.participant_id
    ).update(last_contact_at=meeting.starts_at)


def _add_steps(meeting: Meeting, next_steps: list[NextStepData]) -> list[NextStep]:
    """Steps are validated one by one; an error says which (``step`` is its index)."""
    created = []
    for index, data in enumerate(next_steps):
        step = NextStep(meeting=meeting, participant=meeting.participant, text=data.text, due_on=data.due_on)
        try:
            step.full_clean()
        except ValidationError as error:
            for errors in error.error_dict.values():
                for item in errors:
                    item.params = {**(item.params or {}), "step": index}
            raise
        step.save()
        created.append(step)
    return created


@transaction.atomic
def meeting_mark_held(*, actor: User, meeting: Meeting, notes: str | None = None) -> Meeting:
    """A planned meeting is recorded as held once its time has come."""
    _check(actor, "casework.record", meeting.participant)
    stored = Meeting.objects.select_for_update().select_related("participant").get(pk=meeting.pk)
    if stored.status == MeetingStatus.HELD:
        raise ValidationError(_("This meeting is already recorded as held."), code="already_held")
    stored.status = MeetingStatus.HELD
    fields = ["status", "updated_at"]
    if notes is not None and notes != stored.notes:
        stored.notes = notes
        fields.append("notes")
    stored.full_clean()
    stored.save(update_fields=fields)
    _contacted(stored)
    return stored


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, data: MeetingData) -> Meeting:
    """Correct a meeting's record; ``data`` is the whole meeting (start from ``MeetingData.of``).

    The status stays: a planned meeting becomes held only by ``meeting_mark_held``, and a held one
    cannot be moved into the future. Only the fields that changed are saved. Moving a held
    meeting's date moves the person's last contact with it (to the latest held meeting).
    """
    _check(actor, "casework.record", meeting.participant)
    stored = Meeting.objects.select_for_update().select_related("participant").get(pk=meeting.pk)
    changed = _save_changes(
        stored, {name: getattr(data, name) for name in MEETING_FIELDS}, also=["updated_at"]
    )
    if "starts_at" in changed and stored.status == MeetingStatus.HELD:
        _recount_contact(stored.participant_id)
    return stored


def _recount_contact(participant_id: int) -> None:
    """The person's last contact is their latest held meeting (after a held meeting's date moved)."""
    latest = Meeting.objects.filter(participant_id=participant_id, status=MeetingStatus.HELD).aggregate(
        latest=Max("starts_at")
    )["latest"]
    Participant.objects.filter(pk=participant_id).update(last_contact_at=latest)


@transaction.atomic
def next_step_add(*, actor: User, meeting: Meeting, data: NextStepData) -> NextStep:
    _check(actor, "casework.record", meeting.participant)
    return _add_steps(meeting, [data])[0]


@transaction.atomic
def next_step_set_done(*, actor: User, step: NextStep, done: bool) -> NextStep:
    """Ticking a step off records the day; unticking clears it."""
    _check(actor, "casework.record", step.participant)
    stored = NextStep.objects.select_for_update().select_related("meeting", "participant").get(pk=step.pk)
    if stored.done == done:
        return stored
    stored.done = done
    stored.done_on = timezone.localdate() if done else None
    stored.full_clean()
    stored.save(update_fields=["done", "done_on"])
    return stored


# --- Services ---------------------------------------------------------------------------


@transaction.atomic
def service_record(*, actor: User, participant: Participant, data: ServiceData) -> ServiceDelivery:
    """A service delivered to the person, with its provider and its cost in PLN."""
    _check(actor, "casework.record", participant)
    service = ServiceDelivery(
        participant=participant,
        recorded_by=actor,
        **{name: getattr(data, name) for name in SERVICE_FIELDS},
    )
    service.full_clean()
    service.save()
    return service


@transaction.atomic
def service_update(*, actor: User, service: ServiceDelivery, data: ServiceData) -> ServiceDelivery:
    """Correct a service's record; ``data`` is the whole record (start from ``ServiceData.of``).
    Only the fields that changed are saved."""
    _check(actor, "casework.record", service.participant)
    stored = ServiceDelivery.objects.select_for_update().select_related("participant").get(pk=service.pk)
    _save_changes(stored, {name: getattr(data, name) for name in SERVICE_FIELDS})
    return stored


def _save_changes(
    stored: Meeting | ServiceDelivery, values: dict[str, Any], *, also: list[str] | None = None
) -> list[str]:
    """Save the values that differ from the locked row, checked; the names of those that did."""
    changed = [name for name, value in values.items() if getattr(stored, name) != value]
    if changed:
        for name in changed:
            setattr(stored, name, values[name])
        stored.full_clean()
        stored.save(update_fields=[*changed, *(also or [])])
    return changed


# --- Settings ---------------------------------------------------------------------------


@transaction.atomic
def settings_update(*, actor: User, organisation_id: int, contact_interval_days: int) -> CaseworkSettings:
    """An organisation's administrator or coordinator sets how often people must be contacted."""
    if organisation_id not in policy.organisation_ids_where(actor, "casework.assign"):
        raise PermissionDenied
    stored, _created = CaseworkSettings.objects.select_for_update().get_or_create(
        organisation_id=organisation_id
    )
    stored.contact_interval_days = contact_interval_days
    stored.full_clean()
    stored.save(update_fields=["contact_interval_days"])
    return stored
