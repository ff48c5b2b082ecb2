"""API operations on referrals: the receiver's inbox, pending first, each row's read audited.

A row carries the referral's snapshot (only the fields the sender chose), never the id of the
sender's participant record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from reintegra.accounts.policy import requires_api
from reintegra.audit.bulk import log_reads
from reintegra.partnership import selectors

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


class ReferralPage(Schema):
    items: list[ReferralOut]
    page: int
    has_next: bool


@router.get("/referrals", response=ReferralPage)
@requires_api("referral.view")
def referral_inbox(request: HttpRequest, page: int = 1) -> dict[str, Any]:
    """Referrals received by the user's organisations, those waiting for an answer first."""
    page = max(page, 1)
    start = (page - 1) * PAGE_SIZE
    rows = list(selectors.referral_inbox(request.user)[start : start + PAGE_SIZE + 1])  # type: ignore[arg-type]
    shown = rows[:PAGE_SIZE]
    log_reads(shown, actor=request.user)  # type: ignore[arg-type]
    items = [
        {
            "id": referral.pk,
            "status": referral.status,
            "from_organisation": referral.from_organisation.name,
            "to_organisation": referral.to_organisation.name,
            "sent_at": referral.sent_at,
            "reason": referral.reason,
            "fields": referral.fields,
            "data": referral.snapshot,
            "legal_basis": referral.legal_basis,
            "consent_withdrawn": bool(referral.consent and referral.consent.withdrawn_on),
        }
        for referral in shown
    ]
    return {"items": items, "page": page, "has_next": len(rows) > PAGE_SIZE}
