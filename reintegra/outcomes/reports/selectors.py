"""Which programmes a report may cover, for the user asking.

The staff of an organisation (``report.view``) report on its programmes, on the whole
organisation, and on a partnership their organisation is a member of (then every member's
programmes: counts only, never a person). A programme, organisation or partnership the user may
not report on is refused with the same message as one that does not exist, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.partnership.models import Partnership, PartnershipMember
from reintegra.programmes.models import Programme

PERMISSION = "report.view"


@dataclass(frozen=True)
class ReportScope:
    """What a report covers: its subject's name and the programmes it adds up."""

    name: str
    programmes: list[Programme]


def _not_found(field: str) -> ValidationError:
    messages = {
        "programme": _("There is no such programme among those you may report on."),
        "organisation": _("There is no such organisation among those you may report on."),
        "partnership": _("There is no such partnership among those you may report on."),
    }
    return ValidationError({field: messages[field]}, code="not_found")


def report_scope_for_user(
    user: User,
    *,
    programme: int | None = None,
    organisation: int | None = None,
    partnership: int | None = None,
) -> ReportScope:
    """The programmes of exactly one of: a programme, an organisation, a partnership (by id).

    Raises ``ValidationError`` naming the field (code ``not_found`` for one the user may not
    report on, ``scope`` when not exactly one is given)."""
    given = [value for value in (programme, organisation, partnership) if value is not None]
    if len(given) != 1:
        raise ValidationError(
            {"programme": _("Choose one programme, one organisation or one partnership.")}, code="scope"
        )
    organisation_ids = policy.organisation_ids_where(user, PERMISSION)
    if programme is not None:
        found = Programme.objects.filter(pk=programme, organisation_id__in=organisation_ids).first()
        if found is None:
            raise _not_found("programme")
        return ReportScope(found.name, [found])
    if organisation is not None:
        if organisation not in organisation_ids:
            raise _not_found("organisation")
        name = Organisation.objects.filter(pk=organisation).values_list("name", flat=True).first()
        if name is None:
            raise _not_found("organisation")
        return ReportScope(name, list(Programme.objects.filter(organisation_id=organisation).order_by("pk")))
    assert partnership is not None  # exactly one was given
    found_partnership = Partnership.objects.filter(
        pk=partnership, members__organisation_id__in=organisation_ids
    ).first()
    if found_partnership is None:
        raise _not_found("partnership")
    members = PartnershipMember.objects.filter(partnership=found_partnership).values("organisation_id")
    programmes = list(Programme.objects.filter(organisation_id__in=members).order_by("pk"))
    return ReportScope(found_partnership.name, programmes)
