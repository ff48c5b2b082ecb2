"""Writes to staff training: each a transaction, checked against the policy, audited
(django-auditlog).

The rules these services enforce:

* a training belongs to one organisation, whose administrators and coordinators set it up; its
  name is unique in the organisation; its modules are numbered in the order they are added;
* a session belongs to a module and ends after it starts, on the same day;
* attendance is marked for members of the training organisation's team, everyone at once; the
  marks replace the earlier ones;
* a staff member completes a training only after attending a session of every module of it
  (the refusal names the modules still missing), once per training, on a day not in the
  future; the certificate's number is unique in the organisation (given, or the next free
  ``<year>/<n>``);
* a supervision session (000) is held for the organisation's staff, names which of them took
  part and no participant;
* a programme requires a training of its own organisation for one of its model's roles; from
  then on that role is given (``programmes.services.programme_staff_add``) and lets its holder
  lead sessions (``programmes.services.may_lead`` and the session leader's check in activities)
  only to someone who completed the training by the day. The check is registered with the access
  policy (``policy.register_qualification_check``) in ``apps.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, User
from reintegra.collation import by_name
from reintegra.programmes.models import Programme, role_names
from reintegra.training.models import (
    Completion,
    Module,
    SupervisionSession,
    Training,
    TrainingAttendance,
    TrainingRequirement,
    TrainingSession,
)


def _require(actor: User | None, permission: str, obj: policy.Scoped) -> None:
    if actor is not None and not policy.can(actor, permission, obj):
        raise PermissionDenied


def person_name(user: User) -> str:
    return user.get_full_name() or user.username


def on_team(user: User, organisation_id: int, on: date | None = None) -> bool:
    """Whether the user is, on the day, an active member of the organisation's team."""
    return (
        user.is_active
        and user.memberships.in_force(on)
        .filter(organisation_id=organisation_id, role__in=policy.TEAM_ROLES)
        .exists()
    )


# --- Trainings and modules -----------------------------------------------------------------


@transaction.atomic
def training_create(
    *, actor: User | None, organisation: Organisation, name: str, description: str = ""
) -> Training:
    _require(actor, "training.manage", organisation)
    training = Training(organisation=organisation, name=name.strip(), description=description.strip())
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def module_add(
    *, actor: User | None, training: Training, title: str, hours: Decimal, topic: str = ""
) -> Module:
    """A module is added after the last one."""
    _require(actor, "training.manage", training)
    Training.objects.select_for_update().filter(pk=training.pk).first()
    last = training.modules.aggregate(last=Max("position"))["last"] or 0
    module = Module(
        training=training, position=last + 1, title=title.strip(), topic=topic.strip(), hours=hours
    )
    module.full_clean()
    module.save()
    return module


# --- Sessions and attendance ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SessionData:
    starts_at: datetime
    ends_at: datetime
    trainer: str
    place: str = ""


@transaction.atomic
def session_add(*, actor: User | None, module: Module, data: SessionData) -> TrainingSession:
    _require(actor, "training.manage", module)
    if data.ends_at <= data.starts_at:
        raise ValidationError({"ends_at": _("A session ends after it starts.")}, code="ends_first")
    if data.ends_at - data.starts_at > timedelta(hours=24):
        raise ValidationError({"ends_at": _("A session lasts at most a day.")}, code="too_long")
    session = TrainingSession(
        module=module,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        trainer=data.trainer.strip(),
        place=data.place.strip(),
    )
    session.full_clean()
    session.save()
    return session


def team(organisation_id: int, on: date | None = None) -> list[User]:
    """The active team of the organisation on the day, by name."""
    members = Membership.objects.in_force(on).filter(
        organisation_id=organisation_id, role__in=policy.TEAM_ROLES
    )
    return list(
        User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
            *by_name("last_name", "first_name"), "pk"
        )
    )


def attendable_staff(session: TrainingSession) -> list[User]:
    """Who may be marked: the team of the training's organisation on the session's day."""
    return team(session.module.training.organisation_id, timezone.localtime(session.starts_at).date())


@transaction.atomic
def attendance_record(
    *, actor: User | None, session: TrainingSession, present: Sequence[User]
) -> list[TrainingAttendance]:
    """Who was present, everyone at once; the marks replace the earlier ones."""
    _require(actor, "training.manage", session)
    allowed = {user.pk for user in attendable_staff(session)}
    strangers = [user for user in present if user.pk not in allowed]
    if strangers:
        raise ValidationError(
            {
                "present": _("%(person)s is not on the staff of the organisation that runs the training.")
                % {"person": person_name(strangers[0])}
            },
            code="not_staff",
        )
    wanted = {user.pk for user in present}
    for mark in session.attendances.exclude(user_id__in=wanted):
        mark.delete()
    kept = set(session.attendances.values_list("user_id", flat=True))
    now = timezone.now()
    for user_id in sorted(wanted - kept):
        TrainingAttendance.objects.create(
            session=session, user_id=user_id, recorded_by=actor, recorded_at=now
        )
    return list(session.attendances.all())


# --- Completion ----------------------------------------------------------------------------


def modules_missing(training: Training, user: User) -> list[Module]:
    """The modules of the training of which the user attended no session, in their order."""
    attended = TrainingAttendance.objects.filter(user=user, session__module__training=training).values(
        "session__module_id"
    )
    return list(training.modules.exclude(pk__in=attended).order_by("position", "pk"))


def next_certificate_number(organisation: Organisation, on: date) -> str:
    taken = set(
        Completion.objects.filter(
            organisation=organisation, certificate_number__startswith=f"{on.year}/"
        ).values_list("certificate_number", flat=True)
    )
    number = len(taken) + 1
    while f"{on.year}/{number}" in taken:
        number += 1
    return f"{on.year}/{number}"


@transaction.atomic
def completion_record(
    *,
    actor: User | None,
    training: Training,
    user: User,
    completed_on: date,
    certificate_number: str = "",
) -> Completion:
    """The person completed the training: only after a session of every module."""
    _require(actor, "training.manage", training)
    Training.objects.select_for_update().filter(pk=training.pk).first()
    if not training.modules.exists():
        raise ValidationError({"user": _("The training has no modules yet.")}, code="no_modules")
    missing = modules_missing(training, user)
    if missing:
        raise ValidationError(
            {
                "user": _("%(person)s has not attended a session of every module yet; missing: %(modules)s.")
                % {"person": person_name(user), "modules": ", ".join(f"„{m.title}”" for m in missing)}
            },
            code="modules_missing",
        )
    if Completion.objects.filter(training=training, user=user).exists():
        raise ValidationError(
            {"user": _("%(person)s has already completed this training.") % {"person": person_name(user)}},
            code="completed",
        )
    number = certificate_number.strip() or next_certificate_number(training.organisation, completed_on)
    if Completion.objects.filter(
        organisation_id=training.organisation_id, certificate_number=number
    ).exists():
        raise ValidationError(
            {"certificate_number": _("The organisation has already issued a certificate of this number.")},
            code="number_taken",
        )
    completion = Completion(
        training=training,
        organisation_id=training.organisation_id,
        user=user,
        completed_on=completed_on,
        certificate_number=number,
        issued_by=actor,
    )
    completion.full_clean()
    try:
        with transaction.atomic():
            completion.save()
    except IntegrityError as error:  # a concurrent certificate took the number
        raise ValidationError(
            {"certificate_number": _("The organisation has already issued a certificate of this number.")},
            code="number_taken",
        ) from error
    return completion


# --- Supervision ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SupervisionData:
    held_on: date
    supervisor: str
    topic: str
    duration_minutes: int
    programme: Programme | None = None


@transaction.atomic
def supervision_record(
    *, actor: User | None, organisation: Organisation, data: SupervisionData, staff: Sequence[User]
) -> SupervisionSession:
    """A supervision of the organisation's staff; it names the staff who took part, no participant."""
    _require(actor, "training.manage", organisation)
    if data.programme is not None and data.programme.organisation_id != organisation.pk:
        raise ValidationError({"programme": _("Choose a programme of the organisation.")}, code="programme")
    if not staff:
        raise ValidationError({"staff": _("Choose who took part.")}, code="no_staff")
    for user in staff:
        if not on_team(user, organisation.pk, data.held_on):
            raise ValidationError(
                {
                    "staff": _("%(person)s is not on the staff of %(organisation)s.")
                    % {"person": person_name(user), "organisation": organisation}
                },
                code="not_staff",
            )
    supervision = SupervisionSession(
        organisation=organisation,
        programme=data.programme,
        held_on=data.held_on,
        supervisor=data.supervisor.strip(),
        topic=data.topic.strip(),
        duration_minutes=data.duration_minutes,
        recorded_by=actor,
    )
    supervision.full_clean()
    supervision.save()
    supervision.staff.set(staff)
    return supervision


# --- Requirements --------------------------------------------------------------------------


@transaction.atomic
def requirement_add(
    *, actor: User | None, programme: Programme, role: str, training: Training
) -> TrainingRequirement:
    """A role of the programme requires a completed training of the programme's organisation."""
    _require(actor, "training.manage", programme)
    if role not in role_names(programme.template):
        raise ValidationError({"role": _("Choose a role this programme's model names.")}, code="unknown_role")
    if training.organisation_id != programme.organisation_id:
        raise ValidationError(
            {"training": _("Choose a training of the organisation that runs the programme.")},
            code="other_organisation",
        )
    requirement = TrainingRequirement(programme=programme, role=role, training=training)
    requirement.full_clean()
    requirement.save()
    return requirement


@transaction.atomic
def requirement_remove(*, actor: User | None, requirement: TrainingRequirement) -> None:
    _require(actor, "training.manage", requirement)
    requirement.delete()


def missing_training(user: Any, programme: Any, role: str, on: date) -> str | None:
    """The access policy's qualification check: the first training the programme requires for
    the role that the user had not completed by the day, as a message naming it."""
    required = TrainingRequirement.objects.filter(programme=programme, role=role).select_related("training")
    completed = set(
        Completion.objects.filter(user=user, completed_on__lte=on).values_list("training_id", flat=True)
    )
    for requirement in required.order_by("training__name", "pk"):
        if requirement.training_id not in completed:
            return _(
                "%(person)s has not completed the training „%(training)s”, which the programme "
                "requires for the role „%(role)s”."
            ) % {
                "person": person_name(user),
                "training": requirement.training.name,
                "role": role_names(programme.template).get(role, role),
            }
    return None
