"""The one way to show a service's refusal on the form that asked for it.

A service raises ``ValidationError`` naming the fields it refuses (``{"end_on": [...]}``); a
message about one row of a formset carries the row in its params (``params={"action": 2}``).
``add_service_error`` puts each message where the user will look for it: on that row's field,
else on the form's field of that name (or of its new name on this form), else above the form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def add_service_error(
    form: BaseForm,
    error: ValidationError,
    *,
    rows: Mapping[str, Sequence[BaseForm]] | None = None,
    renamed: Mapping[str, str] | None = None,
) -> None:
    """``rows``: a formset's row forms by the param that names a row in a message; ``renamed``:
    the service's field name → the form's."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.error_dict.items():
        field = (renamed or {}).get(name, name)
        for message in messages:
            row = _row(message, rows or {})
            if row is not None and field in row.fields:
                row.add_error(field, message)
            else:
                form.add_error(field if field in form.fields else None, message)


def _row(message: ValidationError, rows: Mapping[str, Sequence[BaseForm]]) -> BaseForm | None:
    params = message.params or {}
    for kind, forms in rows.items():
        index = params.get(kind)
        if isinstance(index, int) and 0 <= index < len(forms):
            return forms[index]
    return None
