"""Reads of the stage roles and agreements, for a partnership the user already may see
(``partnership.selectors.partnership_get_for_user`` answers 404 for any other)."""

from __future__ import annotations

from dataclasses import dataclass

from reintegra.partnership.models import Partnership, PartnershipMember, Stage, StageRole
from reintegra.partnership.selectors import members_of


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
