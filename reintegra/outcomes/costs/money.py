"""Amounts of money as people type them and as the reports divide them: plain arithmetic on
``Decimal``, no Django (a pure core).

* ``parse_amount`` reads an amount as a Polish user types it: ``1 234,56``, ``1234.56``,
  ``1.234,56``, ``1 234 zł``; spaces (a non-breaking one too) group thousands, a comma or a point
  separates the grosze. Anything else is refused (``AmountError``), never guessed.
* ``per_head`` divides a total by a number of people and rounds half up to the grosz, or gives
  ``None`` for nobody (a cost per nobody is empty, not zero).
* ``grid`` sums amounts by two keys (category × funding source) with the totals of each row and
  column and the grand total, which add up exactly (sums of ``Decimal``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

GROSZ = Decimal("0.01")
_CURRENCY = re.compile(r"\s*(zł|zl|pln)\.?\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
# Digits grouped by points in threes, then a comma and the grosze: ``1.234.567,89``.
_POINT_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_PLAIN = re.compile(r"^\d+([.,]\d{1,2})?$")


class AmountError(ValueError):
    """The text is not an amount in złoty and grosze."""


def parse_amount(text: str) -> Decimal:
    """The amount the text says, to the grosz. Negative amounts are not written with a sign here:
    a minus is refused as not an amount, so the caller's message can name the field."""
    cleaned = _SPACES.sub("", _CURRENCY.sub("", text.strip()))
    if _POINT_GROUPED.match(cleaned):
        cleaned = cleaned.replace(".", "")
    elif not _PLAIN.match(cleaned):
        raise AmountError(text)
    try:
        return Decimal(cleaned.replace(",", ".")).quantize(GROSZ)
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        raise AmountError(text) from None


def to_grosz(value: Decimal) -> Decimal:
    """Rounded half up to the grosz (0.005 → 0.01), as Polish accounting rounds."""
    return value.quantize(GROSZ, rounding=ROUND_HALF_UP)


def per_head(total: Decimal, people: int) -> Decimal | None:
    """``total`` ÷ ``people`` rounded half up to the grosz; ``None`` when nobody is counted."""
    if people <= 0:
        return None
    return to_grosz(total / Decimal(people))


@dataclass(frozen=True)
class Grid:
    """Sums by row key and column key, with every row's and column's total and the grand total."""

    rows: Sequence[str]
    columns: Sequence[str]
    cells: dict[tuple[str, str], Decimal]

    def cell(self, row: str, column: str) -> Decimal:
        return self.cells.get((row, column), Decimal(0))

    def row_total(self, row: str) -> Decimal:
        return sum((self.cell(row, column) for column in self.columns), Decimal(0))

    def column_total(self, column: str) -> Decimal:
        return sum((self.cell(row, column) for row in self.rows), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((self.row_total(row) for row in self.rows), Decimal(0))


def grid(amounts: Iterable[tuple[str, str, Decimal]], rows: Sequence[str], columns: Sequence[str]) -> Grid:
    """(row key, column key, amount) summed into a ``Grid`` of the given rows and columns; an
    amount of a key not listed is an error (a category or source the caller forgot)."""
    cells: dict[tuple[str, str], Decimal] = {}
    for row, column, amount in amounts:
        if row not in rows or column not in columns:
            raise KeyError((row, column))
        cells[(row, column)] = cells.get((row, column), Decimal(0)) + amount
    return Grid(tuple(rows), tuple(columns), cells)
