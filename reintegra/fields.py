"""Model fields every app builds the same way (it imports no app)."""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models


def bounded_text(verbose_name: Any, *, limit: int, **options: Any) -> models.TextField[Any, Any]:
    """Free text with a limit (``reintegra.text.LONG_TEXT`` or ``SHORT_TEXT``): the form's
    ``max_length`` and a validator for every other way in (an import, the API, a service)."""
    return models.TextField(verbose_name, max_length=limit, validators=[MaxLengthValidator(limit)], **options)
