"""The shape every report table takes, shared by the indicators, the model counts, the charts,
the exports and the funder's suppression. A pure module: no Django.

A table has columns (for the indicators: women, men, non-binary persons, total) and rows, one per
indicator or count. A cell holds a number, or ``None`` when it is suppressed. Most cells count
people; a cell that does not (a mean, e.g. of the evaluation survey's self-assessment) names in
``Row.over`` the column of its row that counts the people it is computed over, so the
suppression hides it together with that count and never reads its value as a count. A cell that
holds an amount of money (a programme's costs) names its column in ``Row.amounts``: it counts no
one, so the suppression neither reads it as a count nor hides it. ``Relation``s state
which published cells add up to which (a total is the sum of its parts), so the suppression can
make sure no hidden cell is recovered by subtraction, within a table and across the tables of one
report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

# The columns of a table broken down by gender, as EFS+ reports (Reg. 2021/1057, Annex I).
WOMEN, MEN, NON_BINARY, TOTAL = "women", "men", "non_binary", "total"
BY_GENDER = (WOMEN, MEN, NON_BINARY, TOTAL)


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date


@dataclass
class Row:
    code: str
    name: str
    cells: dict[str, int | float | None]
    # A short note shown with the row, e.g. the definition or why it cannot be counted.
    note: str = ""
    # A cell that is not a count of people (a mean) → the column of this row counting the people
    # it is computed over: hidden whenever that count is hidden (fewer than 5 people, or to keep
    # another hidden cell from being recovered).
    over: dict[str, str] = field(default_factory=dict)
    # Columns of this row holding an amount of money (in złoty), not a number of people: never
    # read as a count and never hidden. A quotient of money by people (a cost per participant)
    # is not an amount: it names its count in ``over`` and is hidden with it.
    amounts: frozenset[str] = frozenset()


@dataclass
class Table:
    key: str
    title: str
    columns: Sequence[tuple[str, str]]  # (key, label)
    rows: list[Row] = field(default_factory=list)

    def row(self, code: str) -> Row:
        return next(row for row in self.rows if row.code == code)


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    column: str


@dataclass(frozen=True)
class Relation:
    """``total`` is the sum of ``parts``: a published equation someone could subtract with."""

    total: CellRef
    parts: tuple[CellRef, ...]


@dataclass
class Report:
    title: str
    period: Period
    tables: list[Table] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    # True once the suppression hid at least one cell; the report then says so.
    suppressed: bool = False

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)

    def value(self, ref: CellRef) -> int | float | None:
        return self.table(ref.table).row(ref.row).cells[ref.column]


def gender_relations(table: Table) -> list[Relation]:
    """Within each row of a table broken down by gender, the total is women + men + non-binary."""
    if [key for key, _label in table.columns] != list(BY_GENDER):
        return []
    return [
        Relation(
            CellRef(table.key, row.code, TOTAL),
            tuple(CellRef(table.key, row.code, column) for column in (WOMEN, MEN, NON_BINARY)),
        )
        for row in table.rows
    ]
