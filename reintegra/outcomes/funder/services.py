"""Writes to the links between programmes and the bodies that fund them: each checked against the
policy, validated and audited (the model is registered with the audit log).

The rules these services enforce:

* only the administrators and coordinators of the programme's organisation add or remove a link;
* a programme is linked only to an organisation of the funding-body type, and to each once;
* removing a link takes the programme's reports away from that body's reviewers at once.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.models import ProgrammeFunding
from reintegra.programmes.models import Programme


@transaction.atomic
def funding_add(*, actor: User | None, programme: Programme, funder: Organisation) -> ProgrammeFunding:
    """``actor`` None: the system (the demo), not a person."""
    if actor is not None and not policy.can(actor, "funding.manage", programme):
        raise PermissionDenied
    if ProgrammeFunding.objects.filter(programme=programme, funder=funder).exists():
        raise ValidationError(
            {"funder": _("%(funder)s already funds this programme.") % {"funder": funder}},
            code="funding_exists",
        )
    funding = ProgrammeFunding(programme=programme, funder=funder)
    funding.full_clean()
    funding.save()
    return funding


@transaction.atomic
def funding_remove(*, actor: User, funding: ProgrammeFunding) -> None:
    if not policy.can(actor, "funding.manage", funding):
        raise PermissionDenied
    funding.delete()
