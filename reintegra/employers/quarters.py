"""Quarters of a year as the dates they start on: plain arithmetic, no Django (a pure core).

A survey round and each line of an answer name a quarter by its first day (1 January, 1 April,
1 July, 1 October), so the database groups and orders them as dates.
"""

from __future__ import annotations

from datetime import date

FIRST_MONTHS = (1, 4, 7, 10)


def is_quarter_start(value: date) -> bool:
    return value.day == 1 and value.month in FIRST_MONTHS


def quarter_of(value: date) -> date:
    """The first day of the quarter the date falls in."""
    return date(value.year, value.month - (value.month - 1) % 3, 1)


def number(value: date) -> int:
    """1–4: which quarter of its year."""
    return (value.month - 1) // 3 + 1


def shifted(value: date, quarters: int) -> date:
    """The first day of the quarter ``quarters`` after (or, negative, before) the date's."""
    index = value.year * 4 + number(value) - 1 + quarters
    return date(index // 4, index % 4 * 3 + 1, 1)


def quarters_between(first: date, last: date) -> list[date]:
    """The quarters from the first's to the last's, both included; none when the last is earlier."""
    start, end = quarter_of(first), quarter_of(last)
    count = (end.year - start.year) * 4 + number(end) - number(start) + 1
    return [shifted(start, step) for step in range(max(count, 0))]


def last_day(value: date) -> date:
    """The last day of the date's quarter."""
    following = shifted(value, 1)
    return date.fromordinal(following.toordinal() - 1)
