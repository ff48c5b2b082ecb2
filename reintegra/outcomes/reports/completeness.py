"""The data-completeness check as the page, its files and the report page show it.

Who cannot be counted yet comes from ``selectors.completeness_for_user`` (scoped to the reader's
organisation, every person listed logged as read). The report page shows only how many there
are: a count from the same facts and the same rule (``indicators.missing``), naming no one, so
nothing is logged for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.dates import day
from reintegra.outcomes import indicators
from reintegra.outcomes.facts import facts_for
from reintegra.outcomes.reports.scopes import Scope, ScopeKind
from reintegra.outcomes.reports.selectors import Incomplete

# Names are shown, so a partnership (other organisations' people) has no completeness check.
KINDS = (ScopeKind.PROGRAMME, ScopeKind.ORGANISATION)


def incomplete_count(scope: Scope, on: date) -> int:
    """How many of the scope's participants cannot be counted yet, or not fully, on ``on``."""
    facts = facts_for([programme.pk for programme in scope.programmes])
    return sum(1 for fact in facts if indicators.missing(fact, on))


def headers() -> list[str]:
    return [_("Participant"), _("Programme"), _("Entered on"), _("Counted"), _("What is missing")]


def rows(listed: Iterable[Incomplete]) -> list[list[str]]:
    return [
        [
            item.name,
            item.programme,
            day(item.entered_on) if item.entered_on else "",
            _("not fully") if item.counted else _("not at all"),
            ", ".join(item.missing_labels),
        ]
        for item in listed
    ]


def as_csv(listed: Iterable[Incomplete]) -> bytes:
    return tables.as_csv(headers(), rows(listed))


def as_xlsx(listed: Iterable[Incomplete]) -> bytes:
    return tables.as_xlsx(_("Data completeness"), headers(), rows(listed))
