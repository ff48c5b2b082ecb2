"""Writes to participants, their family and consents: validated, audited, one transaction each."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.people.models import Participant

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
        from reintegra.people.identifiers import pesel_birth_date

        participant.birth_date = pesel_birth_date(participant.pesel)
    participant.full_clean()
    return participant


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
