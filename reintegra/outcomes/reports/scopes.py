"""What a report counts: one programme, a whole organisation or a partnership, each with the
programmes it covers, as the reader may choose it.

A reader chooses among the programmes of the organisations where she holds ``report.view``,
those organisations, and the partnerships they belong to (a partnership's report counts the
programmes of all its members: counts only, never a person). A scope out of reach is refused
as one that does not exist, with ``Http404``. The management command, run by whoever runs the
server, takes a programme or an organisation by its code, id or name without a reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.collation import by_name
from reintegra.outcomes.reports.selectors import PERMISSION, report_scope_for_user
from reintegra.partnership.models import Partnership
from reintegra.programmes.models import Programme


class ScopeKind(StrEnum):
    PROGRAMME = "programme"
    ORGANISATION = "organisation"
    PARTNERSHIP = "partnership"


@dataclass(frozen=True)
class Scope:
    kind: ScopeKind
    id: int
    name: str
    programmes: tuple[Programme, ...]

    @property
    def value(self) -> str:
        """How a form and a link carry the scope: ``programme:12``."""
        return f"{self.kind}:{self.id}"


def of_programme(programme: Programme) -> Scope:
    return Scope(ScopeKind.PROGRAMME, programme.pk, programme.name, (programme,))


def of_organisation(organisation: Organisation) -> Scope:
    programmes = Programme.objects.filter(organisation=organisation)
    return Scope(ScopeKind.ORGANISATION, organisation.pk, organisation.name, _ordered(programmes))


def _ordered(programmes: QuerySet[Programme]) -> tuple[Programme, ...]:
    return tuple(programmes.order_by(*by_name("name"), "pk"))


# --- For a reader ---------------------------------------------------------------------------


def programmes_for_user(user: User) -> QuerySet[Programme]:
    organisation_ids = policy.organisation_ids_where(user, PERMISSION)
    return Programme.objects.filter(organisation_id__in=organisation_ids).order_by(*by_name("name"), "pk")


def organisations_for_user(user: User) -> QuerySet[Organisation]:
    return policy.organisations_where(user, PERMISSION).order_by(*by_name("name"), "pk")


def partnerships_for_user(user: User) -> QuerySet[Partnership]:
    organisation_ids = policy.organisation_ids_where(user, PERMISSION)
    found = Partnership.objects.filter(members__organisation_id__in=organisation_ids).values("pk")
    return Partnership.objects.filter(pk__in=found).order_by(*by_name("name"), "pk")


def choices_for_user(
    user: User, *, kinds: Sequence[ScopeKind] = tuple(ScopeKind)
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The scopes of ``kinds`` a reader may choose, grouped as a select's option groups."""
    groups = {
        ScopeKind.PROGRAMME: (
            _("Programmes"),
            lambda: [(f"programme:{p.pk}", f"{p.name} ({p.code})") for p in programmes_for_user(user)],
        ),
        ScopeKind.ORGANISATION: (
            _("Whole organisation"),
            lambda: [(f"organisation:{o.pk}", o.name) for o in organisations_for_user(user)],
        ),
        ScopeKind.PARTNERSHIP: (
            _("Partnerships"),
            lambda: [(f"partnership:{p.pk}", p.name) for p in partnerships_for_user(user)],
        ),
    }
    chosen = [(label, options()) for kind, (label, options) in groups.items() if kind in kinds]
    return [(label, options) for label, options in chosen if options]


def scope_get_for_user(user: User, value: str) -> Scope:
    """``programme:12``, ``organisation:3``, ``partnership:5`` within the reader's reach (as the
    indicator report decides it, ``selectors.report_scope_for_user``), else 404."""
    kind, _sep, number = value.partition(":")
    if kind not in set(ScopeKind) or not number.isdigit() or len(number) > 18:
        raise Http404
    try:
        found = report_scope_for_user(user, **{kind: int(number)})
    except ValidationError:
        raise Http404 from None
    return Scope(ScopeKind(kind), int(number), found.name, tuple(found.programmes))


def programme_get_for_user(user: User, pk: int) -> Programme:
    programme = programmes_for_user(user).filter(pk=pk).select_related("organisation").first()
    if programme is None:
        raise Http404
    return programme


# --- For the server's operator (the management command) -----------------------------------


def programme_by_code(code: str) -> Programme | None:
    return Programme.objects.filter(code=code).select_related("organisation").first()


def organisation_by_id_or_name(key: str) -> Organisation | None:
    if key.isdigit() and len(key) <= 18:
        return Organisation.objects.filter(pk=int(key)).first()
    matches: Sequence[Organisation] = list(Organisation.objects.filter(name=key)[:2])
    return matches[0] if len(matches) == 1 else None
