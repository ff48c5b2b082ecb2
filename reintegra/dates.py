"""Which dates are plausible: the rules every form, import, service and API share.

They are model field validators, so ``full_clean`` applies them on every way in, and the
message lands on the field that holds the date. "Today" is the Warsaw calendar day.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EARLIEST_BIRTH_DATE = date(1900, 1, 1)


def not_in_the_future(value: date) -> None:
    """Something that has happened (a registration, a consent, a service given) is not in the future."""
    if value > timezone.localdate():
        raise ValidationError(
            _("%(date)s is in the future: give the date on which it happened."),
            code="date_in_the_future",
            params={"date": value.isoformat()},
        )


def plausible_birth_date(value: date) -> None:
    """A living person was born from 1900 up to today."""
    if value > timezone.localdate():
        raise ValidationError(
            _("A birth date cannot be in the future (%(date)s)."),
            code="birth_date_in_the_future",
            params={"date": value.isoformat()},
        )
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            _("A birth date before 1900 (%(date)s) is not plausible."),
            code="birth_date_before_1900",
            params={"date": value.isoformat()},
        )
