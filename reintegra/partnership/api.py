"""API operations on referrals: the receiver's inbox, pending first, each row's read audited.

A row carries the referral's snapshot (only the fields the sender chose), never the id of the
sender's participant record. Once the sender withdraws a referral, its row keeps the state, the
organisations and the dates, but ``data`` is empty and ``reason`` blank (see ``workflow.py``).
A group whose consent the person has withdrawn since is left out of ``data`` and named in
``withdrawn_fields``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from reintegra.accounts.policy import requires_api
from reintegra.partnership import selectors
from reintegra.partnership.models import Referral

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
