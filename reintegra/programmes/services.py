"""Writes to programmes and recruitment: each a transaction, each move recorded with who and why."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, EnrolmentStatusChange, Programme
from reintegra.programmes.workflow import check_move


@transaction.atomic
def enrolment_apply(
    *, actor: User | None, programme: Programme, participant: Participant, reason: str = ""
) -> Enrolment:
    """A person applies to a programme of the organisation that keeps their record."""
    if actor is not None and not policy.can(actor, "programme.view", programme):
        raise PermissionDenied
    if participant.organisation_id != programme.organisation_id:
        raise ValidationError(
            {"participant": _("The person is registered with another organisation.")},
            code="other_organisation",
        )
    if Enrolment.objects.filter(programme=programme, participant=participant).exists():
        raise ValidationError(
            {"participant": _("This person has already applied to this programme.")}, code="already_applied"
        )
    enrolment = Enrolment.objects.create(
        programme=programme,
        participant=participant,
        status=EnrolmentStatus.APPLIED,
        applied_at=timezone.now(),
    )
    _record(enrolment, from_status="", actor=actor, reason=reason)
    return enrolment


def enrolment_move(
    *, actor: User | None, enrolment: Enrolment, to_status: str, reason: str = ""
) -> Enrolment:
    """Moves an enrolment along the workflow (inside the caller's transaction) and records it."""
    from_status = enrolment.status
    check_move(from_status, to_status)
    enrolment.status = to_status
    enrolment.save(update_fields=["status"])
    _record(enrolment, from_status=from_status, actor=actor, reason=reason)
    return enrolment


def _record(enrolment: Enrolment, *, from_status: str, actor: User | None, reason: str) -> None:
    EnrolmentStatusChange.objects.create(
        enrolment=enrolment,
        from_status=from_status,
        to_status=enrolment.status,
        changed_at=timezone.now(),
        changed_by=actor,
        reason=reason,
    )
