"""How quarters are written for people: "I kw. 2027" in Polish, "Q1 2027" in English."""

from __future__ import annotations

from datetime import date

from django.utils.translation import pgettext, pgettext_lazy

from reintegra.employers.quarters import number

QUARTER_NAMES = (
    pgettext_lazy("the first quarter of a year", "Q1"),
    pgettext_lazy("the second quarter of a year", "Q2"),
    pgettext_lazy("the third quarter of a year", "Q3"),
    pgettext_lazy("the fourth quarter of a year", "Q4"),
)


def quarter_name(value: int) -> str:
    """The quarter 1–4 without its year."""
    return str(QUARTER_NAMES[value - 1])


def quarter_label(value: date) -> str:
    return pgettext("a quarter and its year", "%(quarter)s %(year)s") % {
        "quarter": quarter_name(number(value)),
        "year": value.year,
    }


def period_label(first: date, last: date) -> str:
    if first == last:
        return quarter_label(first)
    return pgettext("a span of quarters", "%(first)s – %(last)s") % {
        "first": quarter_label(first),
        "last": quarter_label(last),
    }
