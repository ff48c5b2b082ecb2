"""Hand-written SQL that reads the same on SQLite and PostgreSQL.

The ORM is the rule. A page opened all day long whose queries cost more to build in Python
than to run (the caseload: window counts, correlated subqueries) reads by hand instead, and
these helpers keep such SQL honest on both databases: values go in as parameters adapted by
the backend, as the ORM would adapt them, and date-times come out aware whichever database
read them. The tests run every such query on both.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def placeholders(values: Collection[Any]) -> str:
    """``%s, %s, %s`` for an ``IN (...)`` of these values (at least one)."""
    if not values:
        raise ValueError("An IN list needs at least one value.")
    return ", ".join(["%s"] * len(values))


def keys_in(keys: Collection[int]) -> tuple[str, str]:
    """A subquery and its one parameter for ``column IN (…)`` over many keys.

    Hundreds of keys as as many parameters cost the driver more to write into the statement
    than the database takes to use them; as one JSON array they are one parameter.
    """
    document = json.dumps(list(keys))
    if connection.vendor == "postgresql":
        return "SELECT (jsonb_array_elements_text(%s::jsonb))::bigint", document
    return "SELECT value FROM json_each(%s)", document


def when(value: datetime) -> Any:
    """A date-time parameter as the ORM would send it (SQLite keeps UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def day(value: date) -> Any:
    """A date parameter as the ORM would send it."""
    return connection.ops.adapt_datefield_value(value)


def read_datetime(value: Any) -> datetime | None:
    """A date-time read by hand, aware: PostgreSQL gives it so; SQLite gives UTC text or naive."""
    if value is None:
        return None
    if isinstance(value, str):
        parsed = parse_datetime(value)
        if parsed is None:
            raise ValueError(f"Not a date-time: {value!r}")
        value = parsed
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


def read_date(value: Any) -> date | None:
    """A date read by hand (SQLite gives an expression's date as text)."""
    if value is None or isinstance(value, date):
        return value
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"Not a date: {value!r}")
    return parsed


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
