"""Writes to the stage roles and the agreements of a partnership; the rules kept here:

* only the administrators of a leading member write them (``selectors.can_lead``);
* a member has one description per stage; an empty one removes the member's role at that stage;
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from reintegra.accounts.models import User
from reintegra.partnership.models import PartnershipMember, Stage, StageRole
from reintegra.partnership.services import check_leads


@transaction.atomic
def stage_roles_set(
    *, actor: User | None, member: PartnershipMember, descriptions: Mapping[str, str]
) -> list[StageRole]:
    """The member's role at each stage named in ``descriptions``; an empty text removes it."""
    check_leads(actor, member.partnership)
    kept: list[StageRole] = []
    for stage in Stage:
        if stage.value not in descriptions:
            continue
        text = descriptions[stage.value].strip()
        role = StageRole.objects.filter(member=member, stage=stage).first()
        if not text:
            if role is not None:
                role.delete()
            continue
        if role is None:
            role = StageRole(member=member, stage=stage, description=text)
            role.full_clean()
            role.save()
        elif role.description != text:
            role.description = text
            role.full_clean()
            role.save(update_fields=["description"])
        kept.append(role)
    return kept
