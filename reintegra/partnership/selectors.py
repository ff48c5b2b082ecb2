"""Reads of partnerships and referrals, always scoped to the user's organisations.

A referral is visible to the staff of the organisation that sent it and to the staff and
partner viewers of the one that received it; to anyone else it answers ``Http404``, the same
as one that does not exist. Every read of a referral is written to the audit log, by the
function here that returns it (one referral, or a page of a list). The receiver
reads the referral's snapshot, until the sender withdraws it (``referral_data_withheld``), less
the groups whose consent the person has withdrawn since (``referral_withdrawn_fields``); the
participant's file stays out of their reach.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.paginator import Page
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation
from reintegra.audit.bulk import log_reads
from reintegra.collation import by_name
from reintegra.pagination import CappedPaginator
from reintegra.partnership.models import (
    Agreement,
    Partnership,
    PartnershipMember,
    Referral,
    ReferralOutcomeReport,
    ReferralStatus,
    ReferralStatusChange,
)
from reintegra.partnership.snapshot import FIELD_CONSENTS, SHARING, FieldBlock, withdrawn_since_sending
from reintegra.partnership.workflow import DATA_WITHHELD_FROM_RECEIVER
from reintegra.people.models import Consent
from reintegra.people.summary import ITEMS_SHOWN, SummaryItem, SummarySection

if TYPE_CHECKING:
    from reintegra.accounts.models import User
    from reintegra.people.models import Participant


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


def can_lead(user: User, partnership: Partnership) -> bool:
    """Whether the user administers a leading member of the partnership: only they rename it,
    change its area, its members and their roles, the stage roles and the agreements."""
    administered = policy.organisation_ids_where(user, "partnership.manage")
    return bool(administered & set(partnership.leader_organisation_ids()))


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


def agreed_fields(sender_id: int, receiver_id: int, on: date) -> set[str] | None:
    """The field groups the receiver may be sent on the day, under its agreements in force with
    the partnerships the sender belongs to too; ``None`` when it has no agreement in force."""
    return agreed_fields_by_receiver(sender_id, on).get(receiver_id)


def agreed_fields_by_receiver(sender_id: int, on: date) -> dict[int, set[str]]:
    """Per organisation with an agreement in force on the day (in a partnership the sender is a
    member of), the field groups it may be sent; one query."""
    agreements = (
        Agreement.objects.in_force(on)
        .filter(partnership__members__organisation_id=sender_id)
        .values_list("organisation_id", "fields")
    )
    agreed: dict[int, set[str]] = defaultdict(set)
    for organisation_id, codes in agreements:
        agreed[organisation_id].update(codes)
    return dict(agreed)


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


OPEN_REFERRAL = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)


def open_referrals_summary(user: User, participant: Participant) -> SummarySection | None:
    """The file's summary: the person's referrals sent by the user's organisations and not yet
    answered or done; logged as read."""
    sending = policy.organisation_ids_where(user, "referral.send")
    if participant.organisation_id not in sending:
        return None
    # The summary names only the receiving organisation: the other relations of ``_base()``
    # would cost a third of the query, on the file's first screen, opened all day long.
    referrals = list(
        Referral.objects.select_related("to_organisation")
        .filter(participant=participant, from_organisation_id__in=sending, status__in=OPEN_REFERRAL)
        .order_by("-sent_at", "-pk")[:ITEMS_SHOWN]
    )
    log_reads(referrals, actor=user)
    return SummarySection(
        key="referrals",
        title=_("Open referrals"),
        empty=_("No open referral."),
        url=reverse("partnership:referral_sent"),
        items=[
            SummaryItem(
                text=referral.to_organisation.name,
                url=reverse("partnership:referral_detail", args=[referral.pk]),
                status=referral.get_status_display(),
                when=referral.sent_at,
                when_label=_("sent"),
                with_time=True,
            )
            for referral in referrals
        ],
    )


def referral_withdrawn_fields(referrals: Iterable[Referral]) -> dict[int, dict[str, FieldBlock]]:
    """Per referral, the referred groups whose consent is no longer in force (withdrawn since
    the referral left), in one query for a whole page: the receiver is shown that they were
    withdrawn, not their values. Only that fact leaves the sender's file, never the consents."""
    referrals = list(referrals)
    if not referrals:
        return {}
    consents: dict[int, list[Consent]] = defaultdict(list)
    kinds = {SHARING.consent, *(cover.consent for cover in FIELD_CONSENTS.values())}
    rows = Consent.objects.filter(participant_id__in={r.participant_id for r in referrals}, kind__in=kinds)
    for consent in rows.only("participant_id", "kind", "withdrawn_on"):
        consents[consent.participant_id].append(consent)
    withdrawn: dict[int, dict[str, FieldBlock]] = {}
    for referral in referrals:
        blocks = withdrawn_since_sending(
            referral.fields, referral.legal_basis, consents[referral.participant_id]
        )
        if blocks:
            withdrawn[referral.pk] = blocks
    return withdrawn


def outcomes_of(referral: Referral) -> QuerySet[ReferralOutcomeReport]:
    return referral.outcomes.select_related("reported_by").order_by("-reported_at", "-pk")
