"""The API's error bodies, and a service's ``ValidationError`` told in the API's own field names.

Every error has the shape ``{"code": ..., "message": ...}`` (``ErrorOut``); refused input adds
``fields``, each field the API knows by (``starts_at``, ``next_steps[0].due_on``) with its
messages (``InvalidOut``). A service names a model's fields (``family_member``) and tags a row's
message with its index (``{"step": 0}``); an operation whose input names them otherwise says how
with ``@fields_named``. ``reintegra/api.py`` turns the errors into responses.

``Id``, ``Text``, ``Day`` and ``Moment`` are input a database can hold: a key within a 64-bit
integer (SQLite cannot compare a larger one), text without NUL characters (PostgreSQL refuses
them), dates and times from 1900 to 2100 (a year 1 or 9999 overflows when a review date is added
or a time is turned into UTC).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import wraps
from typing import Annotated, Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Field, Schema
from pydantic import AfterValidator


class ErrorOut(Schema):
    code: str
    message: str


class InvalidOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class InvalidInputError(Exception):
    """Refused input, by the API's field names: ``{"next_steps[0].due_on": ["…"]}``."""

    def __init__(self, fields: dict[str, list[str]], code: str = "invalid") -> None:
        super().__init__(fields)
        self.fields = fields
        self.code = code


def field_errors(
    error: ValidationError, *, renamed: Mapping[str, str] | None = None, rows: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """``renamed``: the service's field → the API's; ``rows``: the param that indexes a row
    (``step``) → the list it is a row of (``next_steps``)."""
    found: dict[str, list[str]] = {}
    for name, messages in error.error_dict.items():
        field = (renamed or {}).get(name, name)
        for message in messages:
            prefix = _row(message, rows or {})
            key = "" if name == NON_FIELD_ERRORS and not prefix else field
            if prefix:
                key = prefix if name == NON_FIELD_ERRORS else f"{prefix}.{field}"
            found.setdefault(key, []).extend(message.messages)
    return found


def _row(message: ValidationError, rows: Mapping[str, str]) -> str:
    params = message.params or {}
    for param, name in rows.items():
        index = params.get(param)
        if isinstance(index, int):
            return f"{name}[{index}]"
    return ""


def fields_named[V: Callable[..., Any]](
    *, rows: Mapping[str, str] | None = None, **renamed: str
) -> Callable[[V], V]:
    """An operation whose input names a service's fields otherwise (``family_member_id``)."""

    def decorator(operation: V) -> V:
        @wraps(operation)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                return operation(*args, **kwargs)
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    raise
                raise InvalidInputError(field_errors(error, renamed=renamed, rows=rows)) from error

        return wrapped  # type: ignore[return-value]

    return decorator


EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


def _plausible_day(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"date must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


def _plausible_moment(value: datetime) -> datetime:
    _plausible_day(value.date())
    return value


Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Text = Annotated[str, AfterValidator(_no_nul)]
Day = Annotated[date, AfterValidator(_plausible_day)]
Moment = Annotated[datetime, AfterValidator(_plausible_moment)]
