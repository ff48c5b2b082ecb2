"""The API's error bodies, and a service's ``ValidationError`` told in the API's own field names.

Every error has the shape ``{"code": ..., "message": ...}`` (``ErrorOut``); refused input adds
``fields``, each field the API knows by (``starts_at``, ``next_steps[0].due_on``) with its
messages (``InvalidOut``). A service names a model's fields (``family_member``) and tags a row's
message with its index (``{"step": 0}``); an operation whose input names them otherwise says how
with ``@fields_named``. ``reintegra/api.py`` turns the errors into responses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Schema


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
