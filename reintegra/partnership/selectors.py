"""Reads of partnerships and referrals, always scoped to the user's organisations.

A referral is visible to the staff of the organisation that sent it and to the staff and
partner viewers of the one that received it; to anyone else it answers ``Http404``, the same
as one that does not exist. Every read of a referral is written to the audit log, by the
function here that returns it (one referral, or a page of a list). The receiver
reads the referral's snapshot, until the sender withdraws it (``referral_data_withheld``); the
participant's file stays out of their reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Page
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation
from reintegra.audit.bulk import log_reads
from reintegra.collation import by_name
from reintegra.pagination import CappedPaginator
from reintegra.partnership.models import (
    Partnership,
    PartnershipMember,
    Referral,
    ReferralStatus,
    ReferralStatusChange,
)
from reintegra.partnership.workflow import DATA_WITHHELD_FROM_RECEIVER

if TYPE_CHECKING:
    from reintegra.accounts.models import User


def partnership_list_for_user(user: User) -> QuerySet[Partnership]:
    organisation_ids = policy.organisation_ids_where(user, "partnership.view")
    return (
        Partnership.objects.filter(members__organisation_id__in=organisation_ids)
        .distinct()
        .order_by(*by_name("name"))
    )


def partnership_get_for_user(user: User, pk: int) -> Partnership:
    partnership = partnership_list_for_user(user).filter(pk=pk).first()
    if partnership is None:
        raise Http404
    return partnership


def members_of(partnership: Partnership) -> QuerySet[PartnershipMember]:
    return partnership.members.select_related("organisation").order_by("role", *by_name("organisation__name"))


def member_get(partnership: Partnership, pk: int) -> PartnershipMember:
    member = partnership.members.filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def organisations_to_add(partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.exclude(partnership_memberships__partnership=partnership).order_by(
        *by_name("name")
    )


def referral_targets(organisation_id: int) -> QuerySet[Organisation]:
    """The other members of the partnerships the organisation belongs to."""
    partnership_ids = PartnershipMember.objects.filter(organisation_id=organisation_id).values(
        "partnership_id"
    )
    return (
        Organisation.objects.filter(partnership_memberships__partnership_id__in=partnership_ids)
        .exclude(pk=organisation_id)
        .distinct()
        .order_by(*by_name("name"))
    )


@dataclass(frozen=True)
class ReferralAccess:
    """What the user may do with one referral, from which side."""

    is_sender: bool
    is_receiver: bool
    can_act: bool


def _base() -> QuerySet[Referral]:
    return Referral.objects.select_related("from_organisation", "to_organisation", "sent_by", "consent")


PAGE_SIZE = 25


def referral_sent_page_for_user(user: User, number: object = 1, *, per_page: int = PAGE_SIZE) -> Page:
    """Referrals sent by the user's organisations, newest first; each one listed is a read."""
    organisation_ids = policy.organisation_ids_where(user, "referral.send")
    sent = _base().filter(from_organisation_id__in=organisation_ids).order_by("-sent_at", "-pk")
    return _logged_page(user, sent, number, per_page)


def referral_inbox_page_for_user(user: User, number: object = 1, *, per_page: int = PAGE_SIZE) -> Page:
    """Referrals to the user's organisations, those waiting for an answer first; each one listed
    is a read."""
    return _logged_page(user, _inbox(user), number, per_page)


def _logged_page(user: User, referrals: QuerySet[Referral], number: object, per_page: int) -> Page:
    page = CappedPaginator(referrals, per_page).get_page(number)
    log_reads(page.object_list, actor=user)
    return page


def _inbox(user: User) -> QuerySet[Referral]:
    """Referrals to the user's organisations, the ones waiting for an answer first."""
    organisation_ids = policy.organisation_ids_where(user, "referral.view")
    pending_first = Case(
        When(status=ReferralStatus.SENT, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        _base()
        .filter(to_organisation_id__in=organisation_ids)
        .annotate(pending_first=pending_first)
        .order_by("pending_first", "-sent_at", "-pk")
    )


def referral_get_for_user(user: User, pk: int) -> tuple[Referral, ReferralAccess]:
    """A referral the user may see, from the sender's or the receiver's side; the read is audited."""
    sending = policy.organisation_ids_where(user, "referral.send")
    receiving = policy.organisation_ids_where(user, "referral.view")
    referral = (
        _base()
        .filter(Q(from_organisation_id__in=sending) | Q(to_organisation_id__in=receiving), pk=pk)
        .first()
    )
    if referral is None:
        raise Http404
    log_reads([referral], actor=user)
    access = ReferralAccess(
        is_sender=referral.from_organisation_id in sending,
        is_receiver=referral.to_organisation_id in receiving,
        can_act=referral.to_organisation_id in policy.organisation_ids_where(user, "referral.act"),
    )
    return referral, access


def referral_data_withheld(referral: Referral, *, to_sender: bool) -> bool:
    """Whether what was referred about the person is kept from this reader: the receiver stops
    seeing it once the referral is withdrawn; the sender always sees what it sent."""
    return not to_sender and referral.status in DATA_WITHHELD_FROM_RECEIVER


def history_of(referral: Referral) -> QuerySet[ReferralStatusChange]:
    return referral.status_changes.select_related("changed_by").order_by("changed_at", "pk")
