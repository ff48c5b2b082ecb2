"""Model fields every app builds the same way (it imports no app)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models


def bounded_text(verbose_name: Any, *, limit: int, **options: Any) -> models.TextField[Any, Any]:
    """Free text with a limit (``reintegra.text.LONG_TEXT`` or ``SHORT_TEXT``): the form's
    ``max_length`` and a validator for every other way in (an import, the API, a service)."""
    return models.TextField(verbose_name, max_length=limit, validators=[MaxLengthValidator(limit)], **options)


def latitude_field(verbose_name: Any) -> models.DecimalField[Any, Any]:
    """An optional latitude in degrees to five places (about a metre), -90 to 90."""
    return _degrees(verbose_name, 90)


def longitude_field(verbose_name: Any) -> models.DecimalField[Any, Any]:
    """An optional longitude in degrees to five places, -180 to 180."""
    return _degrees(verbose_name, 180)


def _degrees(verbose_name: Any, bound: int) -> models.DecimalField[Any, Any]:
    return models.DecimalField(
        verbose_name,
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-bound)), MaxValueValidator(Decimal(bound))],
    )
