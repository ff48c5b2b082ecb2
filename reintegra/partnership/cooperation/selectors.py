"""Reads of the stage roles and agreements, for a partnership the user already may see
(``partnership.selectors.partnership_get_for_user`` answers 404 for any other)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from reintegra.accounts.models import Organisation, User
from reintegra.attachments.selectors import AttachmentList, attachments_of
from reintegra.collation import by_name
from reintegra.partnership.models import Agreement, Partnership, PartnershipMember, Stage, StageRole
from reintegra.partnership.selectors import members_of, partnership_list_for_user


@dataclass(frozen=True)
class StageRow:
    member: PartnershipMember
    roles: list[str]  # one per stage, in ``Stage`` order; "" where the member plays no role


def stage_table(partnership: Partnership) -> list[StageRow]:
    """Every member with its role at each stage, in two queries."""
    members = list(members_of(partnership))
    roles = {
        (role.member_id, role.stage): role.description
        for role in StageRole.objects.filter(member__partnership=partnership)
    }
    return [
        StageRow(member, [roles.get((member.pk, stage.value), "") for stage in Stage]) for member in members
    ]


def stage_roles_of(member: PartnershipMember) -> dict[str, str]:
    return dict(member.stage_roles.values_list("stage", "description"))


def member_organisations(partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.filter(partnership_memberships__partnership=partnership).order_by(
        *by_name("name")
    )


def agreements_of(partnership: Partnership) -> QuerySet[Agreement]:
    return partnership.agreements.select_related("organisation").order_by(
        *by_name("organisation__name"), "-valid_from", "-pk"
    )


def agreement_get(partnership: Partnership, pk: int) -> Agreement:
    agreement = partnership.agreements.select_related("organisation", "partnership").filter(pk=pk).first()
    if agreement is None:
        raise Http404
    return agreement


ATTACHMENT_KIND = "agreement"


def agreement_get_for_user(user: User, pk: int) -> Agreement:
    """An agreement of a partnership the user sees; 404 for any other (its signed scan's owner)."""
    partnerships = partnership_list_for_user(user)
    agreement = (
        Agreement.objects.select_related("partnership", "organisation")
        .filter(pk=pk, partnership__in=partnerships)
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def agreement_attachments(user: User, agreement: Agreement) -> AttachmentList:
    """The agreement's files (the scan of the signed agreement), each logged as read."""
    return attachments_of(user, ATTACHMENT_KIND, agreement)
