"""Dates as the pages print them, one way in every language: ``2.12.2026``, ``2.12.2026 14:30``,
``środa, 2.12.2026`` (a Polish weekday is a common noun, in lower case).

The formats themselves are in reintegra/formats (the ``date`` filter uses them); these helpers
serve Python code that builds a row's label once a page, and the ``weekday`` filter, a template
built-in (settings ``TEMPLATES``).

It also holds which dates are plausible: model field validators every form, import, service
and API share, so ``full_clean`` applies them on every way in and the message lands on the
field that holds the date. "Today" is the Warsaw calendar day.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

register = template.Library()

WEEKDAYS = (
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
)

WEEKDAYS_SHORT = (
    pgettext_lazy("weekday, short", "Mon"),
    pgettext_lazy("weekday, short", "Tue"),
    pgettext_lazy("weekday, short", "Wed"),
    pgettext_lazy("weekday, short", "Thu"),
    pgettext_lazy("weekday, short", "Fri"),
    pgettext_lazy("weekday, short", "Sat"),
    pgettext_lazy("weekday, short", "Sun"),
)


def day(value: date) -> str:
    """``2.12.2026``: the day and month without a leading zero."""
    return f"{value.day}.{value.month}.{value.year}"


def moment(value: datetime) -> str:
    """``2.12.2026 14:30`` in local time."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{day(local)} {local:%H:%M}"


@register.filter
def weekday(value: date | datetime | None) -> str:
    """``środa, 2.12.2026``; ``Wednesday, 2.12.2026`` in English."""
    if value is None:
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{WEEKDAYS[value.weekday()]}, {day(value)}"


@register.filter
def weekday_short(value: date) -> str:
    """The weekday alone, abbreviated as the language writes it (``śr.``; ``Wed``): a calendar's column."""
    return str(WEEKDAYS_SHORT[value.weekday()])


EARLIEST_BIRTH_DATE = date(1900, 1, 1)


def not_in_the_future(value: date) -> None:
    """Something that has happened (a registration, a consent, a service given) is not in the future."""
    if value > timezone.localdate():
        raise ValidationError(
            _("%(date)s is in the future: give the date on which it happened."),
            code="date_in_the_future",
            params={"date": day(value)},
        )


def plausible_birth_date(value: date) -> None:
    """A living person was born from 1900 up to today."""
    if value > timezone.localdate():
        raise ValidationError(
            _("A birth date cannot be in the future (%(date)s)."),
            code="birth_date_in_the_future",
            params={"date": day(value)},
        )
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            _("A birth date before 1900 (%(date)s) is not plausible."),
            code="birth_date_before_1900",
            params={"date": day(value)},
        )
