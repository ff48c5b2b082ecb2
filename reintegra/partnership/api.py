"""API operations on referrals: the receiver's inbox, pending first, each row's read audited.

A row carries the referral's snapshot (only the fields the sender chose), never the id of the
sender's participant record. Once the sender withdraws a referral, its row keeps the state, the
organisations and the dates, but ``data`` is empty and ``reason`` blank (see ``workflow.py``).
A group whose consent the person has withdrawn since is left out of ``data`` and named in
``withdrawn_fields``.

``POST /referrals`` sends one through the same service as the form, under the same rules: the
person's consent or a legal basis, each group's own consent, and an agreement with the receiver
in force today that covers every group sent; a refusal names the fields and the organisation.
"""

# No ``from __future__ import annotations``: django-ninja reads the operations' parameter types.

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from reintegra.accounts.models import User
from reintegra.accounts.policy import requires_api
from reintegra.api_errors import ErrorOut, Id, InvalidInputError, InvalidOut, Text, fields_named
from reintegra.partnership import selectors, services
from reintegra.partnership.models import Referral
from reintegra.partnership.snapshot import REFERABLE_FIELDS
from reintegra.people.selectors import participant_get_for_user
from reintegra.text import SHORT_TEXT

FieldCode = Annotated[Text, Field(max_length=20)]

router = Router(tags=["referrals"])
PAGE_SIZE = 25


class ReferralOut(Schema):
    id: int
    status: str
    from_organisation: str
    to_organisation: str
    sent_at: datetime
    reason: str
    fields: list[str]
    data: dict[str, Any]
    legal_basis: str
    consent_withdrawn: bool
    withdrawn_fields: list[str]


class ReferralPage(Schema):
    items: list[ReferralOut]
    page: int
    has_next: bool


@router.get("/referrals", response=ReferralPage)
@requires_api("referral.view")
def referral_inbox(request: HttpRequest, page: int = 1) -> dict[str, Any]:
    """Referrals received by the user's organisations, those waiting for an answer first."""
    shown = selectors.referral_inbox_page_for_user(request.user, max(page, 1), per_page=PAGE_SIZE)  # type: ignore[arg-type]
    withdrawn = selectors.referral_withdrawn_fields(shown)
    return {
        "items": [_item(referral, sorted(withdrawn.get(referral.pk, {}))) for referral in shown],
        "page": shown.number,
        "has_next": shown.has_next(),
    }


def _item(referral: Referral, withdrawn_fields: list[str]) -> dict[str, Any]:
    withheld = selectors.referral_data_withheld(referral, to_sender=False)
    return {
        "id": referral.pk,
        "status": referral.status,
        "from_organisation": referral.from_organisation.name,
        "to_organisation": referral.to_organisation.name,
        "sent_at": referral.sent_at,
        "reason": "" if withheld else referral.reason,
        "fields": referral.fields,
        "data": {}
        if withheld
        else {key: value for key, value in referral.snapshot.items() if key not in withdrawn_fields},
        "legal_basis": referral.legal_basis,
        "consent_withdrawn": bool(referral.consent and referral.consent.withdrawn_on),
        "withdrawn_fields": withdrawn_fields,
    }


class ReferralIn(Schema):
    participant_id: Id
    to_organisation_id: Id
    fields: list[FieldCode] = Field(..., max_length=len(REFERABLE_FIELDS))
    reason: Text = Field(..., max_length=SHORT_TEXT)
    legal_basis: Text = Field("", max_length=15)
    legal_basis_reference: Text = Field("", max_length=300)


class ReferralSentOut(Schema):
    id: int
    status: str
    to_organisation: str
    fields: list[str]
    sent_at: datetime


@router.post("/referrals", response={201: ReferralSentOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("referral.send")
@fields_named(to_organisation="to_organisation_id")
def referral_send(request: HttpRequest, payload: ReferralIn) -> object:
    """Refers a person of the user's organisation to a partner, with the chosen field groups."""
    user: User = request.user  # type: ignore[assignment]
    participant = participant_get_for_user(user, payload.participant_id, permission="referral.send")
    receiver = (
        selectors.referral_targets(participant.organisation_id).filter(pk=payload.to_organisation_id).first()
    )
    if receiver is None:
        raise InvalidInputError(
            {"to_organisation_id": [_("Choose one of the partnership's member organisations.")]}
        )
    referral = services.referral_send(
        actor=user,
        participant=participant,
        to_organisation=receiver,
        fields=payload.fields,
        reason=payload.reason,
        legal_basis=payload.legal_basis,
        legal_basis_reference=payload.legal_basis_reference,
    )
    return Status(
        201,
        {
            "id": referral.pk,
            "status": referral.status,
            "to_organisation": receiver.name,
            "fields": referral.fields,
            "sent_at": referral.sent_at,
        },
    )
