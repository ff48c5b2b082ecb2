"""Writes to participants, their family and consents: validated, audited, one transaction each."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, Role, User
from reintegra.people import identifiers
from reintegra.people.models import (
    DOCUMENT_TAKEN,
    PESEL_TAKEN,
    Consent,
    ConsentKind,
    FamilyMember,
    Participant,
    TercUnit,
)


@dataclass(frozen=True, kw_only=True)
class ParticipantData:
    """A participant's own fields, as a form or an import gives them (an unknown field is a
    ``TypeError``). A field left out takes the value a new record would have: empty text, no
    date or number, no gmina; a PESEL gives the birth date."""

    first_name: str
    last_name: str
    pesel: str = ""
    birth_date: date | None = None
    identity_document_type: str = ""
    identity_document_number: str = ""
    sex: str = ""
    phone: str = ""
    email: str = ""
    gmina: TercUnit | None = None
    locality: str = ""
    postal_code: str = ""
    street_address: str = ""
    degurba: int | None = None
    education: int | None = None
    labour_status: str = ""
    pup_registration_date: date | None = None
    disability: str = ""
    third_country_national: str = ""
    foreign_background: str = ""
    minority: str = ""
    homeless: str = ""

    @classmethod
    def of(cls, participant: Participant) -> ParticipantData:
        """The record as it is: what an update starts from, ``dataclasses.replace``-ing the changes."""
        return cls(**{name: getattr(participant, name) for name in PARTICIPANT_FIELDS})

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in PARTICIPANT_FIELDS}


PARTICIPANT_FIELDS = tuple(field.name for field in fields(ParticipantData))


def participant_build(*, organisation: Organisation, data: ParticipantData) -> Participant:
    """An unsaved, fully validated participant (imports validate a whole file before saving)."""
    participant = Participant(organisation=organisation, **data.values())
    _birth_date_from_pesel(participant)
    _default_degurba(participant)
    # The organisation and gmina arrive as loaded rows, and clean() enforces the rule of the
    # PESEL-or-document constraint: skip the per-row queries that would check them again
    # (an import validates 100,000 rows; the database still enforces both on save).
    trusted = ["organisation"] + (["gmina"] if data.gmina is not None else [])
    participant.full_clean(exclude=trusted, validate_constraints=False)
    return participant


def _birth_date_from_pesel(participant: Participant) -> bool:
    """A birth date nobody gave is the PESEL's."""
    if participant.pesel and not participant.birth_date:
        with contextlib.suppress(ValueError):  # full_clean names the invalid PESEL
            participant.birth_date = identifiers.pesel_birth_date(participant.pesel)
            return True
    return False


def _default_degurba(participant: Participant) -> bool:
    """The area of residence follows the gmina when nobody gave it (EFS+ asks for DEGURBA)."""
    if participant.degurba is None and participant.gmina is not None and participant.gmina.degurba:
        participant.degurba = participant.gmina.degurba
        return True
    return False


@transaction.atomic
def participant_create(
    *, actor: User | None, organisation: Organisation, data: ParticipantData
) -> Participant:
    """Only staff of the organisation may register a participant in it (None: a system job)."""
    if actor is not None and not policy.can(actor, "participant.create", organisation):
        raise PermissionDenied
    participant = participant_build(organisation=organisation, data=data)
    participant.created_by = actor
    _save_once(participant)
    return participant


def _save_once(participant: Participant, **options: Any) -> None:
    """Saves the record, refusing a second record of one person in the organisation on its field.

    The database's unique constraints decide, so a form sent twice at once (or two workers
    registering the same person) leaves one record and a clear message, never a 500.
    """
    try:
        with transaction.atomic():
            participant.save(**options)
    except IntegrityError:
        refusal = _twin_refusal(participant)
        if refusal is None:
            raise
        raise refusal from None


def _twin_refusal(participant: Participant) -> ValidationError | None:
    others = Participant.objects.filter(organisation_id=participant.organisation_id).exclude(
        pk=participant.pk
    )
    if participant.pesel and others.filter(pesel=participant.pesel).exists():
        return ValidationError({"pesel": ValidationError(PESEL_TAKEN, code="pesel_taken")})
    document = {
        "identity_document_type": participant.identity_document_type,
        "identity_document_number": participant.identity_document_number,
    }
    if participant.identity_document_number and others.filter(**document).exists():
        return ValidationError(
            {"identity_document_number": ValidationError(DOCUMENT_TAKEN, code="document_taken")}
        )
    return None


@transaction.atomic
def participant_update(*, actor: User, participant: Participant, data: ParticipantData) -> Participant:
    """Staff of the participant's organisation may change the record; only changed fields are saved.

    ``data`` is the whole record: a field left at its default is cleared, not kept. A caller
    changing a few fields starts from ``ParticipantData.of(participant)`` and replaces them.
    """
    if not policy.can(actor, "participant.change", participant):
        raise PermissionDenied
    # Compare with the stored row, not the instance: a ModelForm has already written to that.
    stored = Participant.objects.select_for_update().get(pk=participant.pk)
    values = data.values()
    changed = [name for name, value in values.items() if getattr(stored, name) != value]
    for name in changed:
        setattr(stored, name, values[name])
    if _birth_date_from_pesel(stored):
        changed.append("birth_date")
    if _default_degurba(stored):
        changed.append("degurba")
    if changed:
        # The constraints are the database's to check (_save_once names the field they refuse).
        stored.full_clean(validate_constraints=False)
        _save_once(stored, update_fields=[*dict.fromkeys(changed), "updated_at"])
    return stored


@dataclass(frozen=True, kw_only=True)
class FamilyMemberData:
    """A family member's or close contact's fields (an unknown field is a ``TypeError``); a field
    left out is empty, as on a new record."""

    first_name: str
    last_name: str = ""
    relation: str
    birth_date: date | None = None
    phone: str = ""
    shares_household: bool = False
    receives_support: bool = False
    notes: str = ""

    @classmethod
    def of(cls, member: FamilyMember) -> FamilyMemberData:
        """The record as it is: what an update starts from, ``dataclasses.replace``-ing the changes."""
        return cls(**{name: getattr(member, name) for name in FAMILY_FIELDS})

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FAMILY_FIELDS}


FAMILY_FIELDS = tuple(field.name for field in fields(FamilyMemberData))


def _check_change(actor: User, participant: Participant) -> None:
    if not policy.can(actor, "participant.change", participant):
        raise PermissionDenied


@transaction.atomic
def family_member_add(*, actor: User, participant: Participant, data: FamilyMemberData) -> FamilyMember:
    """Staff of the participant's organisation record the family and close contacts."""
    _check_change(actor, participant)
    member = FamilyMember(participant=participant, **data.values())
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def family_member_update(*, actor: User, member: FamilyMember, data: FamilyMemberData) -> FamilyMember:
    """``data`` is the whole record (start from ``FamilyMemberData.of(member)``); only changes are saved."""
    _check_change(actor, member.participant)
    stored = FamilyMember.objects.select_for_update().get(pk=member.pk)
    values = data.values()
    changed = [name for name, value in values.items() if getattr(stored, name) != value]
    for name in changed:
        setattr(stored, name, values[name])
    if changed:
        stored.full_clean()
        stored.save(update_fields=changed)
    return stored


@transaction.atomic
def family_member_remove(*, actor: User, member: FamilyMember, on: date | None = None) -> FamilyMember:
    """The member leaves the file's lists but is kept, marked removed (with the day and by whom):
    meetings held with them and the audit log still refer to the record."""
    _check_change(actor, member.participant)
    stored = FamilyMember.objects.select_for_update().get(pk=member.pk)
    if stored.removed_on is not None:
        raise ValidationError(_("This person has already been removed."), code="already_removed")
    stored.removed_on = on or timezone.localdate()
    stored.removed_by = actor
    stored.save(update_fields=["removed_on", "removed_by"])
    return stored


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


@transaction.atomic
def participant_account_link(*, actor: User, participant: Participant, account: User | None) -> Participant:
    """Links the person's own account (a participant of the record's organisation) to the
    record, or unlinks it with ``None``; the change is audited with the record."""
    _check_change(actor, participant)
    stored = Participant.objects.select_for_update().get(pk=participant.pk)
    if account is not None and not participant_account_choices(participant).filter(pk=account.pk).exists():
        raise ValidationError(
            {"account": _("Choose an account of a participant of this organisation that is not linked yet.")}
        )
    stored.account = account
    stored.save(update_fields=["account", "updated_at"])
    return stored


def participant_account_choices(participant: Participant) -> QuerySet[User]:
    """Accounts that may be linked to the record: a participant's membership in force in its
    organisation, and not linked to another record."""
    return (
        User.objects.filter(
            memberships__in=Membership.objects.in_force().filter(
                organisation_id=participant.organisation_id, role=Role.PARTICIPANT
            ),
            is_active=True,
        )
        .filter(Q(participant_record__isnull=True) | Q(participant_record=participant))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
