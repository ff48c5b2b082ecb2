"""Hand-written SQL that reads the same on SQLite and PostgreSQL.

The ORM is the rule. A page opened all day long whose queries cost more to build in Python
than to run (the caseload: window counts, correlated subqueries) reads by hand instead, and
these helpers keep such SQL honest on both databases: values go in as named parameters
(``%(worker)s``) adapted by the backend as the ORM would adapt them, each row comes back as a
dataclass whose fields are taken by column name, and dates and date-times come out the same
whichever database read them. The tests run every such query on both.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import UTC, date, datetime
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def in_list(name: str, values: Collection[Any]) -> tuple[str, dict[str, Any]]:
    """``%(name_0)s, %(name_1)s`` and their parameters, for an ``IN (…)`` of a few values."""
    if not values:
        raise ValueError("An IN list needs at least one value.")
    params = {f"{name}_{index}": value for index, value in enumerate(values)}
    return ", ".join(f"%({key})s" for key in params), params


def keys_in(name: str, keys: Collection[int]) -> tuple[str, dict[str, Any]]:
    """A subquery and its one parameter for ``column IN (…)`` over many keys.

    Hundreds of keys as as many parameters cost the driver more to write into the statement
    than the database takes to use them; as one JSON array they are one parameter.
    """
    document = {name: json.dumps(list(keys))}
    if connection.vendor == "postgresql":
        return f"SELECT (jsonb_array_elements_text(%({name})s::jsonb))::bigint", document
    return f"SELECT value FROM json_each(%({name})s)", document


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


def read_bool(value: Any) -> bool | None:
    """A truth value read by hand (SQLite gives 0 or 1)."""
    return None if value is None else bool(value)


def fetch_rows[T](row_type: type[T], sql: str, params: Mapping[str, Any]) -> list[T]:
    """The rows of a query, each as ``row_type``: a dataclass whose fields the columns name.

    The columns and the fields must be the same names, in any order; a field declared a
    ``date``, ``datetime`` or ``bool`` is read with ``read_date``, ``read_datetime`` or
    ``read_bool``, so it is one whichever database read it.
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        shape = (row_type, tuple(column[0] for column in cursor.description))
        build = _BUILDERS.get(shape) or _BUILDERS.setdefault(shape, _builder(*shape))
        return [build(values) for values in cursor.fetchall()]


_BUILDERS: dict[tuple[type[Any], tuple[str, ...]], Callable[[Sequence[Any]], Any]] = {}


def _builder(row_type: type[Any], columns: tuple[str, ...]) -> Callable[[Sequence[Any]], Any]:
    """How a row of these columns becomes a ``row_type``, worked out once per query.

    The row is built by position, in the order of the fields, which is several times faster
    than by keyword for the hundreds of rows a caseload reads.
    """
    if not dataclasses.is_dataclass(row_type):
        raise TypeError(f"{row_type.__name__} is not a dataclass.")
    fields = [field.name for field in dataclasses.fields(row_type) if field.init]
    if sorted(fields) != sorted(columns):
        unknown, missing = set(columns) - set(fields), set(fields) - set(columns)
        raise ValueError(
            f"{row_type.__name__}: no field for {unknown or '-'}, no column for {missing or '-'}."
        )
    hints = get_type_hints(row_type)
    positions = [columns.index(name) for name in fields]
    converted = [(index, read) for index, name in enumerate(fields) if (read := _reader(hints[name]))]
    in_order = positions == list(range(len(columns)))  # the columns as the fields: nothing to move

    def build(values: Sequence[Any]) -> Any:
        row = list(values) if in_order else [values[position] for position in positions]
        for index, read in converted:
            row[index] = read(row[index])
        return row_type(*row)

    return build


def _reader(hint: Any) -> Callable[[Any], Any] | None:
    kinds = set(get_args(hint)) - {NoneType} if get_origin(hint) in (Union, UnionType) else {hint}
    if datetime in kinds:  # before date: a datetime is a date
        return read_datetime
    if date in kinds:
        return read_date
    if bool in kinds:
        return read_bool
    return None
