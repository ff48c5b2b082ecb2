"""Writes to the stage roles and the agreements of a partnership; the rules kept here:

* only the administrators of a leading member write them (``selectors.can_lead``);
* a member has one description per stage; an empty one removes the member's role at that stage;
* an agreement is signed with a member of the partnership, ends no earlier than it starts, and
  lists only field groups a referral can carry (``snapshot.REFERABLE_FIELDS``); a referral
  carries a group to an organisation only under an agreement in force that day
  (``partnership.services.referral_send``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import Organisation, User
from reintegra.partnership.models import Agreement, Partnership, PartnershipMember, Stage, StageRole
from reintegra.partnership.services import check_leads
from reintegra.partnership.snapshot import REFERABLE_FIELDS


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


@dataclass(frozen=True)
class AgreementData:
    number: str
    scope: str
    signed_on: date
    valid_from: date
    valid_until: date | None
    fields: list[str]


def agreement_data_of(agreement: Agreement) -> AgreementData:
    return AgreementData(**{f.name: getattr(agreement, f.name) for f in fields(AgreementData)})


def _apply(agreement: Agreement, data: AgreementData) -> None:
    unknown = [code for code in data.fields if code not in REFERABLE_FIELDS]
    if unknown:
        raise ValidationError(
            {"fields": _("Choose the data the partner may receive from the list.")}, code="unknown_field"
        )
    agreement.number = data.number.strip()
    agreement.scope = data.scope.strip()
    agreement.signed_on = data.signed_on
    agreement.valid_from = data.valid_from
    agreement.valid_until = data.valid_until
    # Kept in the referral form's order, each once.
    agreement.fields = [code for code in REFERABLE_FIELDS if code in set(data.fields)]
    agreement.full_clean()


@transaction.atomic
def agreement_record(
    *, actor: User | None, partnership: Partnership, organisation: Organisation, data: AgreementData
) -> Agreement:
    """A signed agreement with one of the partnership's members."""
    check_leads(actor, partnership)
    if not partnership.members.filter(organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _("%(organisation)s is not a member of the partnership.")
                % {"organisation": organisation}
            },
            code="not_a_member",
        )
    agreement = Agreement(partnership=partnership, organisation=organisation, created_by=actor)
    _apply(agreement, data)
    agreement.save()
    return agreement


@transaction.atomic
def agreement_update(*, actor: User | None, agreement: Agreement, data: AgreementData) -> Agreement:
    """Corrects an agreement, or records an annex (a new end date, other data)."""
    check_leads(actor, agreement.partnership)
    stored = Agreement.objects.select_for_update().get(pk=agreement.pk)
    _apply(stored, data)
    stored.save(update_fields=[f.name for f in fields(AgreementData)])
    return stored
