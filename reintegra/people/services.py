"""Writes to participants, their family and consents: validated, audited, one transaction each."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.people import identifiers
from reintegra.people.models import Consent, ConsentKind, FamilyMember, Participant, TercUnit

PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "pesel",
    "birth_date",
    "identity_document_type",
    "identity_document_number",
    "sex",
    "phone",
    "email",
    "gmina",
    "locality",
    "postal_code",
    "street_address",
    "degurba",
    "education",
    "labour_status",
    "pup_registration_date",
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
)


def participant_build(*, organisation: Organisation, data: dict[str, Any]) -> Participant:
    """An unsaved, fully validated participant (imports validate a whole file before saving)."""
    unknown = set(data) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown participant fields: {sorted(unknown)}")
    participant = Participant(organisation=organisation, **data)
    if participant.pesel and not participant.birth_date:
        with contextlib.suppress(ValueError):  # full_clean names the invalid PESEL
            participant.birth_date = identifiers.pesel_birth_date(participant.pesel)
    _default_degurba(participant)
    # The organisation and gmina arrive as loaded rows, and clean() enforces the rule of the
    # PESEL-or-document constraint: skip the per-row queries that would check them again
    # (an import validates 100,000 rows; the database still enforces both on save).
    trusted = ["organisation"] + (["gmina"] if isinstance(data.get("gmina"), TercUnit) else [])
    participant.full_clean(exclude=trusted, validate_constraints=False)
    return participant


def _default_degurba(participant: Participant) -> bool:
    """The area of residence follows the gmina when nobody gave it (EFS+ asks for DEGURBA)."""
    if participant.degurba is None and participant.gmina is not None and participant.gmina.degurba:
        participant.degurba = participant.gmina.degurba
        return True
    return False


@transaction.atomic
def participant_create(
    *, actor: User | None, organisation: Organisation, data: dict[str, Any]
) -> Participant:
    """Only staff of the organisation may register a participant in it (None: a system job)."""
    if actor is not None and not policy.can(actor, "participant.create", organisation):
        raise PermissionDenied
    participant = participant_build(organisation=organisation, data=data)
    participant.created_by = actor
    participant.save()
    return participant


@transaction.atomic
def participant_update(*, actor: User, participant: Participant, data: dict[str, Any]) -> Participant:
    """Staff of the participant's organisation may change the record; only changed fields are saved."""
    if not policy.can(actor, "participant.change", participant):
        raise PermissionDenied
    unknown = set(data) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown participant fields: {sorted(unknown)}")
    # Compare with the stored row, not the instance: a ModelForm has already written to that.
    stored = Participant.objects.select_for_update().get(pk=participant.pk)
    changed = [
        field for field in PARTICIPANT_FIELDS if field in data and getattr(stored, field) != data[field]
    ]
    for field in changed:
        setattr(stored, field, data[field])
    if _default_degurba(stored):
        changed.append("degurba")
    if changed:
        stored.full_clean()
        stored.save(update_fields=[*changed, "updated_at"])
    return stored


FAMILY_FIELDS = (
    "first_name",
    "last_name",
    "relation",
    "birth_date",
    "phone",
    "shares_household",
    "receives_support",
    "notes",
)


def _check_change(actor: User, participant: Participant) -> None:
    if not policy.can(actor, "participant.change", participant):
        raise PermissionDenied


@transaction.atomic
def family_member_add(*, actor: User, participant: Participant, data: dict[str, Any]) -> FamilyMember:
    """Staff of the participant's organisation record the family and close contacts."""
    _check_change(actor, participant)
    member = FamilyMember(participant=participant, **{k: v for k, v in data.items() if k in FAMILY_FIELDS})
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def family_member_update(*, actor: User, member: FamilyMember, data: dict[str, Any]) -> FamilyMember:
    _check_change(actor, member.participant)
    stored = FamilyMember.objects.select_for_update().get(pk=member.pk)
    changed = [field for field in FAMILY_FIELDS if field in data and getattr(stored, field) != data[field]]
    for field in changed:
        setattr(stored, field, data[field])
    if changed:
        stored.full_clean()
        stored.save(update_fields=changed)
    return stored


@transaction.atomic
def family_member_remove(*, actor: User, member: FamilyMember) -> None:
    _check_change(actor, member.participant)
    member.delete()


@transaction.atomic
def consent_record(
    *, actor: User, participant: Participant, kind: str, given_on: date, document: str
) -> Consent:
    """A consent (or a delivered information notice), on a document; one in force per kind."""
    _check_change(actor, participant)
    consent = Consent(
        participant=participant, kind=kind, given_on=given_on, document=document, recorded_by=actor
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: date, note: str = "") -> Consent:
    """A withdrawal is recorded on the consent, never deleted; from that day it no longer counts."""
    _check_change(actor, consent.participant)
    stored = Consent.objects.select_for_update().get(pk=consent.pk)
    if stored.withdrawn_on is not None:
        raise ValidationError(_("This consent has already been withdrawn."), code="already_withdrawn")
    if withdrawn_on < stored.given_on:
        raise ValidationError(
            {"withdrawn_on": _("A consent cannot be withdrawn before it was given.")}, code="before_given"
        )
    stored.withdrawn_on = withdrawn_on
    stored.withdrawal_recorded_by = actor
    stored.withdrawal_note = note
    stored.full_clean()
    stored.save(update_fields=["withdrawn_on", "withdrawal_recorded_by", "withdrawal_note"])
    return stored


def consent_in_force(participant: Participant, kind: ConsentKind | str) -> bool:
    """Whether the person's consent of this kind is given and not withdrawn; features must honour it."""
    return participant.consents.filter(kind=kind, withdrawn_on__isnull=True).exists()
