"""Writes to programmes and recruitment: each a transaction, each move recorded with who and why.

The rules these services enforce:

* a place is held by an enrolment that is *enrolled* or *offered*; at most ``places`` of them,
  counted under a lock of the programme row, so two coordinators cannot both take the last one;
* the reserve list is ranked by priority points (descending), then by the time of application,
  then by the enrolment's number (``RESERVE_ORDER``);
* when a place frees, it is offered at once to the first on the reserve list, and the
  programme's coordinators are notified;
* at enrolment the person's EFS+ characteristics are frozen in an ``EntrySnapshot``;
* a staff role in a programme is one of the roles its template names, held by a member of the
  programme organisation's team, from a date (and until one, not before it); a coordinator
  assigns and removes it; a session of a kind the template reserves for some roles
  (``led_by``) is led only by a holder of one of them, any other kind by a holder of any role
  (``may_lead``);
* a role for which the programme requires a qualification (a completed training, registered
  with the access policy by the training app) is given only to someone who has it by the day
  the role starts, and lets its holder lead a session only on a day they have it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Field, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.bulk import log_bulk_create
from reintegra.notifications.services import notify
from reintegra.people.models import Participant
from reintegra.programmes import eligibility
from reintegra.programmes.models import (
    Enrolment,
    EnrolmentStatus,
    EnrolmentStatusChange,
    EntrySnapshot,
    ExitReason,
    Group,
    Programme,
    ProgrammeStaff,
    ProgrammeTemplate,
    role_names,
)
from reintegra.programmes.workflow import HOLDS_A_PLACE, check_move, exit_reasons_from

S = EnrolmentStatus
RESERVE_ORDER = ("-priority", "applied_at", "pk")
TEMPLATES_FILE = Path(__file__).resolve().parent / "data" / "templates.json"


@dataclass(frozen=True, kw_only=True)
class ProgrammeData:
    """A programme's own fields with its staff and partners (an unknown field is a ``TypeError``);
    a field left out is empty, as on a new programme."""

    name: str
    code: str
    start_date: date
    end_date: date
    places: int
    venues: str = ""
    funding_source: str = ""
    contact_interval_days: int | None = None
    staff: tuple[User, ...] = ()
    partners: tuple[Organisation, ...] = ()

    @classmethod
    def of(cls, programme: Programme) -> ProgrammeData:
        """The programme as it is: what an update starts from, ``dataclasses.replace``-ing the changes."""
        return cls(
            **{name: getattr(programme, name) for name in PROGRAMME_FIELDS},
            staff=tuple(programme.staff.all()),
            partners=tuple(programme.partners.all()),
        )


# The programme's own columns; staff and partners are its many-to-many relations.
PROGRAMME_FIELDS = tuple(
    field.name for field in fields(ProgrammeData) if field.name not in {"staff", "partners"}
)


def _require(actor: User | None, permission: str, programme: Programme) -> None:
    if actor is not None and not policy.can(actor, permission, programme):
        raise PermissionDenied


# --- Templates and programmes ------------------------------------------------------------


def templates_load() -> int:
    """Creates or updates the shipped templates from ``data/templates.json`` (the demo and tests
    call it after a flush; the data migration does the same for a fresh database)."""
    items = json.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
    for item in items:
        ProgrammeTemplate.objects.update_or_create(
            code=item["code"],
            defaults={key: item[key] for key in ("name", "summary", "target_group", "definition")},
        )
    return len(items)


@transaction.atomic
def programme_create_from_template(
    *, actor: User | None, organisation: Organisation, template: ProgrammeTemplate, data: ProgrammeData
) -> Programme:
    """A programme of the organisation, copying the template's eligibility and priority rules."""
    if actor is not None and not policy.can(actor, "programme.manage", organisation):
        raise PermissionDenied
    definition = template.definition or {}
    programme = Programme(
        organisation=organisation,
        template=template,
        eligibility_rules=list(definition.get("eligibility_rules", [])),
        priority_rules=list(definition.get("priority_rules", [])),
        created_by=actor,
        **{name: getattr(data, name) for name in PROGRAMME_FIELDS},
    )
    _check_period(programme)
    programme.full_clean()
    programme.save()
    programme.staff.set(data.staff)
    programme.partners.set(data.partners)
    return programme


@transaction.atomic
def programme_update(*, actor: User | None, programme: Programme, data: ProgrammeData) -> Programme:
    """Changes a running programme; more places go at once to the reserve list, in its order.

    ``data`` is the whole programme, staff and partners included: a field left at its default
    is cleared, not kept; a caller changing a few starts from ``ProgrammeData.of(programme)``.
    Places cannot drop below the places already held (enrolled or offered): nobody loses a place
    by an edit. The change is audited field by field (django-auditlog), staff and partners too.
    """
    _require(actor, "programme.manage", programme)
    programme = _lock_programme(programme)
    for name in PROGRAMME_FIELDS:
        setattr(programme, name, getattr(data, name))
    held = _places_held(programme)
    if programme.places < held:
        raise ValidationError(
            {
                "places": _("%(held)s places are already taken; the programme cannot have fewer.")
                % {"held": held}
            },
            code="fewer_places_than_taken",
        )
    _check_period(programme)
    programme.full_clean()
    programme.save()
    programme.staff.set(data.staff)
    programme.partners.set(data.partners)
    _offer_free_places(actor=actor, programme=programme)
    return programme


def _check_period(programme: Programme) -> None:
    if programme.start_date and programme.end_date and programme.end_date < programme.start_date:
        raise ValidationError(
            {"end_date": _("The end of the programme cannot be before its start.")}, code="ends_before_start"
        )


@transaction.atomic
def programme_update_rules(
    *, actor: User | None, programme: Programme, eligibility_rules: list[dict[str, Any]]
) -> Programme:
    """Replaces the eligibility rules; people already assessed keep their assessment until reassessed."""
    _require(actor, "programme.manage", programme)
    _validate_rules(eligibility_rules)
    programme.eligibility_rules = eligibility_rules
    programme.save(update_fields=["eligibility_rules"])
    return programme


def _validate_rules(rules: list[dict[str, Any]]) -> None:
    for rule in rules:
        if rule.get("kind") not in eligibility.CHECKS:
            raise ValidationError(_("Unknown kind of rule: %(kind)s") % {"kind": rule.get("kind")})


def rules_preview(
    *, programme: Programme, eligibility_rules: list[dict[str, Any]]
) -> eligibility.PreviewCounts:
    """How many of the programme's current applicants (all who have not left) the proposed rules
    would admit or exclude compared with the rules in force."""
    people = [
        participant_facts(enrolment.participant)
        for enrolment in programme.enrolments.exclude(status=S.LEFT).select_related("participant__gmina")
    ]
    return eligibility.preview(programme.eligibility_rules, eligibility_rules, people, timezone.localdate())


# --- Facts, reasons and the entry snapshot -----------------------------------------------


def participant_facts(participant: Participant) -> dict[str, Any]:
    return {
        "birth_date": participant.birth_date,
        "sex": participant.sex,
        "labour_status": participant.labour_status,
        "gmina_code": participant.gmina_id,
        "degurba": participant.degurba,
        "education": participant.education,
        "pup_registration_date": participant.pup_registration_date,
        "disability": participant.disability,
        "third_country_national": participant.third_country_national,
        "foreign_background": participant.foreign_background,
        "minority": participant.minority,
        "homeless": participant.homeless,
    }


def rule_label(rule: dict[str, Any]) -> str:
    """The rule itself in words, e.g. "Age between 15 and 25"."""
    kind = rule.get("kind")
    if kind == "age_between":
        return _("Age between %(min)s and %(max)s") % {"min": rule["min"], "max": rule["max"]}
    if kind == "sex_in":
        return _("Sex: %(values)s") % {"values": ", ".join(_choice_labels("sex", rule["values"]))}
    if kind == "labour_status_in":
        return _("Labour-market status: %(values)s") % {
            "values": ", ".join(_choice_labels("labour_status", rule["values"]))
        }
    if kind == "rural_residence":
        return _("Lives in a rural area")
    if kind == "answer_is":
        return _("%(field)s: %(value)s") % {
            "field": _field_label(rule["field"]),
            "value": _choice_labels(rule["field"], [rule["value"]])[0],
        }
    if kind == "education_at_most":
        return _("Education at most ISCED %(max)s") % {"max": rule["max"]}
    if kind == "registered_at_pup_for_days":
        return _("Registered at the PUP for at least %(min)s days") % {"min": rule["min"]}
    return str(kind)


def result_reason(result: dict[str, Any]) -> str:
    """Why a rule passed or failed, in the user's language, from a stored result's code and params."""
    code, params, passed = result["code"], result.get("params", {}), result["passed"]
    if code == eligibility.NO_DATA:
        return _("No data: %(fact)s is not recorded.") % {"fact": _field_label(params["fact"])}
    if code == "age":
        return _("Age %(age)s (required %(min)s–%(max)s).") % params
    if code in {"sex", "labour_status"}:
        value = _choice_labels(code, [params["value"]])[0]
        return (_("Is %(value)s.") if passed else _("Is %(value)s, which the rule does not admit.")) % {
            "value": value
        }
    if code == "rural":
        return _("Lives in a rural area.") if passed else _("Does not live in a rural area.")
    if code == "answer":
        return _("%(field)s: %(value)s.") % {
            "field": _field_label(params["field"]),
            "value": _choice_labels(params["field"], [params["value"]])[0],
        }
    if code == "education":
        return _("ISCED level %(level)s (at most %(max)s).") % params
    if code == "pup_days":
        return _("Registered at the PUP for %(days)s days (at least %(min)s).") % params
    return code


def _field_label(name: str) -> str:
    field_name = "gmina" if name == "gmina_code" else name
    return str(_participant_field(field_name).verbose_name)


def _participant_field(name: str) -> Field[Any, Any]:
    field = Participant._meta.get_field(name)
    assert isinstance(field, Field)
    return field


def _choice_labels(name: str, values: list[Any]) -> list[str]:
    choices = dict(_participant_field(name).flatchoices)
    return [str(choices.get(value, value)) for value in values]


def _snapshot_data(participant: Participant, on_date: date) -> dict[str, Any]:
    gmina_code = participant.gmina_id or ""
    return {
        "age_at_entry": eligibility.age_on(participant.birth_date, on_date),
        "sex": participant.sex,
        "education": participant.education,
        "labour_status": participant.labour_status,
        "pup_registration_date": (
            participant.pup_registration_date.isoformat() if participant.pup_registration_date else None
        ),
        "disability": participant.disability,
        "third_country_national": participant.third_country_national,
        "foreign_background": participant.foreign_background,
        "minority": participant.minority,
        "homeless": participant.homeless,
        "degurba": participant.degurba,
        "gmina_terc": gmina_code,
        "rural": eligibility.is_rural(gmina_code, participant.degurba),
    }


def entry_characteristics(participant: Participant, on_date: date) -> dict[str, Any]:
    """The characteristics an entry snapshot keeps, as the person's record gives them today, with
    the age on ``on_date``: what outcomes fills a snapshot's missing ones from."""
    return _snapshot_data(participant, on_date)


# --- Recruitment ---------------------------------------------------------------------------


@transaction.atomic
def enrolment_apply(
    *, actor: User | None, programme: Programme, participant: Participant, reason: str = ""
) -> Enrolment:
    """A person applies to a programme of the organisation that keeps their record."""
    _require(actor, "programme.view", programme)
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
        status=S.APPLIED,
        applied_at=timezone.now(),
    )
    _record(enrolment, from_status="", actor=actor, reason=reason)
    return enrolment


def enrolments_apply_in_bulk(
    *, actor: User | None, programme: Programme, participants: list[Participant], reason: str = ""
) -> list[Enrolment]:
    """Many applications at once (an import that checked them all first), audited row by row.

    The caller has checked that the people belong to the programme's organisation and have not
    applied yet; the unique constraint still refuses a second application.
    """
    _require(actor, "programme.manage", programme)
    now = timezone.now()
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(programme=programme, participant=person, status=S.APPLIED, applied_at=now)
            for person in participants
        ],
        batch_size=2_000,
    )
    EnrolmentStatusChange.objects.bulk_create(
        [
            EnrolmentStatusChange(
                enrolment=enrolment,
                from_status="",
                to_status=S.APPLIED,
                changed_at=now,
                changed_by=actor,
                reason=reason,
            )
            for enrolment in enrolments
        ],
        batch_size=2_000,
    )
    log_bulk_create(enrolments, actor=actor)
    return enrolments


def enrolment_move(
    *,
    actor: User | None,
    enrolment: Enrolment,
    to_status: str,
    reason: str = "",
    extra_fields: tuple[str, ...] = (),
) -> Enrolment:
    """Moves an enrolment along the workflow (inside the caller's transaction) and records it."""
    from_status = enrolment.status
    check_move(from_status, to_status)
    enrolment.status = to_status
    enrolment.save(update_fields=["status", *extra_fields])
    _record(enrolment, from_status=from_status, actor=actor, reason=reason)
    return enrolment


@transaction.atomic
def enrolment_assess(*, actor: User | None, enrolment: Enrolment) -> Enrolment:
    """Evaluates the programme's eligibility rules for the person, stores every result with its
    reason and moves the enrolment to eligible or not eligible; priority points are recomputed."""
    programme = enrolment.programme
    _require(actor, "programme.manage", programme)
    enrolment = _locked(enrolment)
    today = timezone.localdate()
    facts = participant_facts(enrolment.participant)
    results = eligibility.evaluate(programme.eligibility_rules, facts, today)
    enrolment.eligibility = [
        {"rule": r.rule, "passed": r.passed, "code": r.code, "params": _jsonable(r.params)} for r in results
    ]
    enrolment.priority = eligibility.priority_points(programme.priority_rules, facts, today)
    eligible = eligibility.is_eligible(results)
    failed = [rule_label(r.rule) for r in results if not r.passed]
    reason = (
        _("Meets every eligibility rule.")
        if eligible
        else _("Does not meet: %(rules)s") % {"rules": "; ".join(failed)}
    )
    to_status = S.ELIGIBLE if eligible else S.NOT_ELIGIBLE
    if to_status == enrolment.status:
        enrolment.save(update_fields=["eligibility", "priority"])
        return enrolment
    return enrolment_move(
        actor=actor,
        enrolment=enrolment,
        to_status=to_status,
        reason=reason[:300],
        extra_fields=("eligibility", "priority"),
    )


ASSESSABLE = frozenset({S.APPLIED, S.ELIGIBLE, S.NOT_ELIGIBLE})


@transaction.atomic
def enrolments_assess(
    *, actor: User | None, programme: Programme, enrolments: list[Enrolment]
) -> list[Enrolment]:
    """Assesses many applicants at once, each by ``enrolment_assess`` (its results, reasons and
    audit entries), all or none: one who no longer waits for an assessment (enrolled, on the
    reserve list, gone) refuses the whole batch, naming them."""
    _require(actor, "programme.manage", programme)
    if not enrolments:
        raise ValidationError({"enrolment": _("Choose at least one applicant.")}, code="none_chosen")
    others = [e for e in enrolments if e.programme_id != programme.pk]
    if others:
        raise ValidationError(
            {"enrolment": _("Choose applicants of this programme.")}, code="other_programme"
        )
    settled = [str(e.participant) for e in enrolments if e.status not in ASSESSABLE]
    if settled:
        raise ValidationError(
            {"enrolment": _("Not waiting for an assessment: %(people)s.") % {"people": ", ".join(settled)}},
            code="not_assessable",
        )
    return [enrolment_assess(actor=actor, enrolment=enrolment) for enrolment in enrolments]


def _jsonable(params: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, date) else value for key, value in params.items()}


@transaction.atomic
def enrolment_enrol(*, actor: User | None, enrolment: Enrolment) -> Enrolment:
    """An eligible person takes a free place (enrolled, with the entry snapshot) or, when every
    place is held, goes to the reserve list."""
    programme = _lock_programme(enrolment.programme)
    _require(actor, "programme.manage", programme)
    enrolment = _locked(enrolment)
    if enrolment.status == S.OFFERED:  # the place is already held for them
        return _take_place(actor=actor, enrolment=enrolment, reason=_("Accepted the offered place."))
    check_move(enrolment.status, S.ENROLLED)  # only eligible or reserve may go on
    if _places_held(programme) < programme.places:
        return _take_place(actor=actor, enrolment=enrolment, reason=_("A place was free."))
    if enrolment.status == S.RESERVE:
        raise ValidationError(_("Every place is taken; the person stays on the reserve list."), code="full")
    return enrolment_move(
        actor=actor, enrolment=enrolment, to_status=S.RESERVE, reason=_("Every place is taken.")
    )


@transaction.atomic
def enrolment_accept_offer(*, actor: User | None, enrolment: Enrolment) -> Enrolment:
    """The person accepts the place offered to them: enrolled, with the entry snapshot."""
    if enrolment.status != S.OFFERED:
        raise ValidationError(_("Only an offered place can be accepted."), code="not_offered")
    return enrolment_enrol(actor=actor, enrolment=enrolment)


@transaction.atomic
def enrolment_decline_offer(
    *, actor: User | None, enrolment: Enrolment, on_date: date | None = None
) -> Enrolment:
    """The person declines the offered place: they leave (declined offer) and the next is offered."""
    if enrolment.status != S.OFFERED:
        raise ValidationError(_("Only an offered place can be declined."), code="not_offered")
    return enrolment_leave(
        actor=actor,
        enrolment=enrolment,
        exit_reason=ExitReason.DECLINED_OFFER,
        left_on=on_date or timezone.localdate(),
    )


@transaction.atomic
def enrolment_leave(
    *, actor: User | None, enrolment: Enrolment, exit_reason: str, left_on: date | None, note: str = ""
) -> Enrolment:
    """The person leaves, with a reason and a date; a place they held is offered at once to the
    first on the reserve list."""
    programme = _lock_programme(enrolment.programme)
    _require(actor, "programme.manage", programme)
    enrolment = _locked(enrolment)
    errors = {}
    if exit_reason not in ExitReason.values:
        errors["exit_reason"] = _("Choose why the person leaves.")
    elif enrolment.status != S.LEFT and exit_reason not in exit_reasons_from(enrolment.status):
        errors["exit_reason"] = _("“%(reason)s” does not fit a person who is %(status)s.") % {
            "reason": ExitReason(exit_reason).label,
            "status": enrolment.get_status_display(),
        }
    if left_on is None:
        errors["left_on"] = _("Give the date the person left.")
    if errors:
        raise ValidationError(errors, code="exit_incomplete")
    held_a_place = enrolment.status in HOLDS_A_PLACE
    enrolment.exit_reason, enrolment.left_on = exit_reason, left_on
    reason = str(ExitReason(exit_reason).label) + (f": {note}" if note else "")
    enrolment_move(
        actor=actor,
        enrolment=enrolment,
        to_status=S.LEFT,
        reason=reason[:300],
        extra_fields=("exit_reason", "left_on"),
    )
    if held_a_place:
        _offer_free_places(actor=actor, programme=programme)
    return enrolment


def _take_place(*, actor: User | None, enrolment: Enrolment, reason: str) -> Enrolment:
    today = timezone.localdate()
    enrolment.enrolled_on = today
    enrolment_move(
        actor=actor, enrolment=enrolment, to_status=S.ENROLLED, reason=reason, extra_fields=("enrolled_on",)
    )
    EntrySnapshot.objects.create(
        enrolment=enrolment, taken_at=timezone.now(), data=_snapshot_data(enrolment.participant, today)
    )
    return enrolment


def _offer_free_places(*, actor: User | None, programme: Programme) -> list[Enrolment]:
    """Offers every free place to the reserve list in its order; the caller holds the programme lock."""
    offered = []
    free = programme.places - _places_held(programme)
    for enrolment in reserve_list(programme)[: max(free, 0)]:
        enrolment.offered_at = timezone.now()
        enrolment_move(
            actor=actor,
            enrolment=enrolment,
            to_status=S.OFFERED,
            reason=_("A place became free; first on the reserve list."),
            extra_fields=("offered_at",),
        )
        offered.append(enrolment)
        _notify_coordinators(programme, enrolment)
    return offered


def _notify_coordinators(programme: Programme, enrolment: Enrolment) -> None:
    message = _("A place in %(programme)s was offered to %(person)s, first on the reserve list.") % {
        "programme": programme.name,
        "person": enrolment.participant,
    }
    url = reverse("programmes:detail", args=[programme.pk])
    for user in programme_coordinators(programme):
        notify(user, message, url)


def programme_coordinators(programme: Programme) -> list[User]:
    """The coordinators of the programme's organisation (its administrators when it has none)."""
    for role in (Role.COORDINATOR, Role.ORG_ADMIN):
        users = list(
            User.objects.filter(
                is_active=True, memberships__organisation=programme.organisation, memberships__role=role
            ).distinct()
        )
        if users:
            return users
    return []


def reserve_list(programme: Programme) -> list[Enrolment]:
    """The reserve list in its documented order: priority points, then application time, then number."""
    return list(
        programme.enrolments.filter(status=S.RESERVE).select_related("participant").order_by(*RESERVE_ORDER)
    )


def _places_held(programme: Programme) -> int:
    return programme.enrolments.filter(status__in=HOLDS_A_PLACE).count()


def _lock_programme(programme: Programme) -> Programme:
    # Every change of who holds a place locks the programme row first, so places are never oversold.
    return Programme.objects.select_for_update().get(pk=programme.pk)


def _locked(enrolment: Enrolment) -> Enrolment:
    # Lock only the enrolment row; the programme row is locked explicitly, always first.
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("participant", "programme")
        .get(pk=enrolment.pk)
    )


# --- Groups --------------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *, actor: User | None, programme: Programme, name: str, starts_on: date | None = None
) -> Group:
    _require(actor, "programme.manage", programme)
    group = Group(programme=programme, name=name, starts_on=starts_on)
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def enrolment_assign_group(*, actor: User | None, enrolment: Enrolment, group: Group | None) -> Enrolment:
    """Only an enrolled person joins a group, and only a group of their own programme."""
    _require(actor, "programme.manage", enrolment.programme)
    if group is not None and group.programme_id != enrolment.programme_id:
        raise ValidationError({"group": _("The group belongs to another programme.")}, code="other_programme")
    if enrolment.status != S.ENROLLED:
        raise ValidationError({"group": _("Only an enrolled person can join a group.")}, code="not_enrolled")
    enrolment.group = group
    enrolment.save(update_fields=["group"])
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


# --- Staff roles ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class StaffRoleData:
    user: User
    role: str
    starts_on: date
    ends_on: date | None = None


@transaction.atomic
def programme_staff_add(*, actor: User | None, programme: Programme, data: StaffRoleData) -> ProgrammeStaff:
    """A coordinator gives a member of the organisation's team one of the template's roles."""
    _require(actor, "programme.manage", programme)
    if data.role not in role_names(programme.template):
        raise ValidationError({"role": _("Choose a role this programme's model names.")}, code="unknown_role")
    on_team = data.user.memberships.in_force(data.starts_on).filter(
        organisation_id=programme.organisation_id, role__in=policy.TEAM_ROLES
    )
    if not data.user.is_active or not on_team.exists():
        raise ValidationError(
            {
                "user": _("Only a member of the staff of %(organisation)s can hold a role in its programme.")
                % {"organisation": programme.organisation}
            },
            code="not_staff",
        )
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise ValidationError({"ends_on": _("The role cannot end before it starts.")}, code="ends_before")
    missing = policy.missing_qualification(data.user, programme, data.role, data.starts_on)
    if missing is not None:
        raise ValidationError({"user": missing}, code="missing_qualification")
    assignment = ProgrammeStaff(
        programme=programme, user=data.user, role=data.role, starts_on=data.starts_on, ends_on=data.ends_on
    )
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def programme_staff_remove(*, actor: User | None, assignment: ProgrammeStaff) -> None:
    """A coordinator removes a role given by mistake (the audit log keeps that it was held)."""
    _require(actor, "programme.manage", assignment.programme)
    assignment.delete()


def staff_roles_in_force(programme: Programme, on: date | None = None) -> QuerySet[ProgrammeStaff]:
    day = on or timezone.localdate()
    return programme.staff_roles.filter(starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )


def roles_leading(programme: Programme, session_type: str) -> set[str] | None:
    """The roles that may lead a session of this kind, or None: any role of the programme."""
    led_by: set[str] = set()
    for item in (programme.template.definition or {}).get("session_types", []):
        if item.get("kind", item.get("code")) == session_type:
            led_by.update(item.get("led_by", []))
    return led_by or None


def may_lead(user: User, programme: Programme, session_type: str, on: date | None = None) -> bool:
    """Whether the user holds, on the day (today by default), a role of the programme that leads
    sessions of this kind, and has the qualification the programme requires for it (a role
    given before a training was required does not let an untrained person lead)."""
    day = on or timezone.localdate()
    roles = staff_roles_in_force(programme, day).filter(user=user)
    allowed = roles_leading(programme, session_type)
    if allowed is not None:
        roles = roles.filter(role__in=allowed)
    held = set(roles.values_list("role", flat=True))
    return any(policy.missing_qualification(user, programme, role, day) is None for role in held)
