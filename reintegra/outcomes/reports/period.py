"""The period of a report, checked the same way on the page, in the command and in the API: both
days given, the end not before the start, and both within years a programme can have run
(2000–2100), so a typing error such as 0202 or 20266 is named instead of counted."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reintegra.dates import day
from reintegra.outcomes.tables import Period

EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def period_of(start: date, end: date, *, names: tuple[str, str] = ("start", "end")) -> Period:
    """The period, or a ``ValidationError`` naming the field at fault (``names``: the start's and
    the end's, as the caller calls them)."""
    errors: dict[str, list[str]] = {}
    for name, value in zip(names, (start, end), strict=True):
        if not EARLIEST <= value <= LATEST:
            errors[name] = [
                _("%(date)s is outside the years a report can cover (%(earliest)s–%(latest)s).")
                % {"date": day(value), "earliest": EARLIEST.year, "latest": LATEST.year}
            ]
    if not errors and end < start:
        errors[names[1]] = [
            _("The end of the period (%(end)s) is before its start (%(start)s).")
            % {"end": day(end), "start": day(start)}
        ]
    if errors:
        raise ValidationError(errors)
    return Period(start, end)
