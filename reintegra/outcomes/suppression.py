"""Hiding the small cells of a report before a funder sees it: plain arithmetic, no Django (a pure
core).

**Primary suppression.** Every cell counting fewer than ``threshold`` people
(``REPORT_SUPPRESSION_THRESHOLD``, 5 by default) is hidden, a zero included: "none of the 6 women
has a disability" tells something about each of the 6. A deployment that prefers to publish zeros
(they name nobody) sets ``REPORT_SUPPRESSION_HIDES_ZEROS`` to false; then only cells from 1 to
``threshold - 1`` are hidden.

**Secondary suppression.** A hidden cell must not be recomputable from what stays published. The
report's ``relations`` are the equations a reader can use (a row total is women + men + non-binary,
a total is the sum of its parts, one number shown in two tables is a relation with one part); the
gender relations of every table broken down by gender are added here even if the report left them
out. While some hidden cell can be recomputed, the smallest published cell of an equation that
gives it away is hidden too (a non-zero one first: hiding a zero beside a small cell tells the
reader that the sum of the two is the small cell's value), across all the tables of the report at
once, so a cell hidden in one table is hidden wherever the same number is published. A cell that is not
a count (a mean, which names in ``Row.over`` the count of the people it is computed over) is never
read as a count: it is hidden whenever that count is.

**Amounts.** A cell of ``Row.amounts`` holds money (a programme's costs in złoty), not people: a
cost of 3 zł says nothing about three persons, so it is neither read as a count nor hidden, and
the relations between amounts (a total of costs is the sum of its categories) publish nothing
about people and are left out of the equations. What would reveal a count is a quotient of money
by people (a cost per participant: the total cost divided by it gives the count back), so such a
cell is a mean of ``Row.over`` and goes with its count.

**The exact check.** With the published cells moved to the right-hand side, the relations are a
linear system in the hidden cells. A hidden cell can be recomputed, by any combination of
additions and subtractions of published numbers, exactly when its unit vector lies in the row
space of that system; in the reduced row echelon form (computed with fractions, so exactly) this
is a row with a single non-zero entry. The loop ends only when no such row is left.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from fractions import Fraction

from reintegra.outcomes.tables import CellRef, Relation, Report, gender_relations

DEFAULT_THRESHOLD = 5


def suppress(report: Report, *, threshold: int = DEFAULT_THRESHOLD, hide_zeros: bool = True) -> Report:
    """A copy of the report with the cells below ``threshold`` hidden (``None``; zeros too unless
    ``hide_zeros`` is false), and as many others as it takes so that no hidden cell can be
    recomputed from the published ones."""
    if threshold < 1:
        raise ValueError("The suppression threshold must be at least 1.")
    result = copy.deepcopy(report)
    values = cell_values(result)
    computed_over = non_count_cells(result)
    equations = report_equations(result, values)
    lowest = 0 if hide_zeros else 1
    hidden = {ref for ref, value in values.items() if value is None or lowest <= value < threshold}
    while recoverable := recoverable_cells(equations, hidden):
        added = _complements(recoverable, equations, hidden, values)
        if not added:
            # Only equations among hidden cells tie these down: the relations alone fix their
            # value whatever the data, so hiding more would not change what a reader can work out.
            break
        hidden |= added
    # A mean goes with the count of the people it is computed over.
    hidden_means = {ref for ref, over in computed_over.items() if over in hidden or over not in values}
    for ref in hidden | hidden_means:
        result.table(ref.table).row(ref.row).cells[ref.column] = None
    result.suppressed = (
        result.suppressed
        or any(values[ref] is not None for ref in hidden)
        or any(report.value(ref) is not None for ref in hidden_means)
    )
    return result


def cell_values(report: Report) -> dict[CellRef, int | float | None]:
    """The cells that count people, by reference (a mean, named in ``Row.over``, and an amount of
    money, named in ``Row.amounts``, are not)."""
    return {
        CellRef(table.key, row.code, column): value
        for table in report.tables
        for row in table.rows
        for column, value in row.cells.items()
        if column not in row.over and column not in row.amounts
    }


def non_count_cells(report: Report) -> dict[CellRef, CellRef]:
    """Each cell that is not a count (a mean) → the count of the people it is computed over."""
    return {
        CellRef(table.key, row.code, column): CellRef(table.key, row.code, over)
        for table in report.tables
        for row in table.rows
        for column, over in row.over.items()
    }


def report_equations(report: Report, values: dict[CellRef, int | float | None]) -> list[Relation]:
    """The report's relations plus every table's gender relations, once each; a relation naming a
    cell the report does not have is left out (it publishes nothing)."""
    relations: list[Relation] = list(report.relations)
    for table in report.tables:
        relations += gender_relations(table)
    unique = dict.fromkeys(relations)
    return [
        relation
        for relation in unique
        if relation.total in values and all(part in values for part in relation.parts)
    ]


def recoverable_cells(equations: Sequence[Relation], hidden: set[CellRef]) -> list[CellRef]:
    """The hidden cells a reader can recompute from the published cells and the equations."""
    rows: list[dict[CellRef, Fraction]] = []
    for relation in equations:
        row: dict[CellRef, Fraction] = {}
        for ref, sign in _terms(relation):
            if ref in hidden:
                row[ref] = row.get(ref, Fraction(0)) + sign
        row = {ref: value for ref, value in row.items() if value != 0}
        if row:
            rows.append(row)
    return sorted(_determined(rows, sorted(hidden, key=_order)), key=_order)


def _terms(relation: Relation) -> Iterable[tuple[CellRef, int]]:
    yield relation.total, 1
    for part in relation.parts:
        yield part, -1


def _determined(rows: list[dict[CellRef, Fraction]], columns: Sequence[CellRef]) -> list[CellRef]:
    """The columns whose unit vector is in the row space: rows of the reduced row echelon form
    with a single non-zero entry. Rows are sparse (a relation names a handful of cells), so the
    elimination only touches the rows that hold the pivot's column."""
    pending = [dict(row) for row in rows]
    reduced: list[dict[CellRef, Fraction]] = []
    for column in columns:
        found = next((row for row in pending if column in row), None)
        if found is None:
            continue
        pending.remove(found)
        pivot = found[column]
        found = {ref: value / pivot for ref, value in found.items()}
        for group in (pending, reduced):
            for position, row in enumerate(group):
                if column in row:
                    group[position] = _eliminate(row, found, row[column])
        pending = [row for row in pending if row]
        reduced.append(found)
    return [next(iter(row)) for row in reduced if len(row) == 1]


def _eliminate(
    row: dict[CellRef, Fraction], pivot: dict[CellRef, Fraction], factor: Fraction
) -> dict[CellRef, Fraction]:
    result = dict(row)
    for ref, value in pivot.items():
        updated = result.get(ref, Fraction(0)) - factor * value
        if updated == 0:
            result.pop(ref, None)
        else:
            result[ref] = updated
    return result


def _complements(
    recoverable: Sequence[CellRef],
    equations: Sequence[Relation],
    hidden: set[CellRef],
    values: dict[CellRef, int | float | None],
) -> set[CellRef]:
    """For each recoverable cell, the smallest published cell of an equation it appears in, unless
    a cell chosen in this round already sits in one of those equations."""
    added: set[CellRef] = set()
    for cell in recoverable:
        around = [relation for relation in equations if cell in (relation.total, *relation.parts)]
        if any(ref in added for relation in around for ref, _sign in _terms(relation)):
            continue
        candidates = {ref for relation in around for ref, _sign in _terms(relation) if ref not in hidden}
        if not candidates:
            candidates = _published_in_component(cell, equations, hidden)
        if candidates:
            added.add(min(candidates, key=lambda ref: _cost(ref, values)))
    return added


def _published_in_component(
    cell: CellRef, equations: Sequence[Relation], hidden: set[CellRef]
) -> set[CellRef]:
    """The published cells of every equation reachable from ``cell`` through hidden cells."""
    reached, frontier = {cell}, [cell]
    published: set[CellRef] = set()
    while frontier:
        current = frontier.pop()
        for relation in equations:
            refs = [ref for ref, _sign in _terms(relation)]
            if current not in refs:
                continue
            for ref in refs:
                if ref not in hidden:
                    published.add(ref)
                elif ref not in reached:
                    reached.add(ref)
                    frontier.append(ref)
    return published


def _cost(
    ref: CellRef, values: dict[CellRef, int | float | None]
) -> tuple[bool, float, tuple[str, str, str]]:
    value = values[ref] or 0
    return (value == 0, value, _order(ref))


def _order(ref: CellRef) -> tuple[str, str, str]:
    return (ref.table, ref.row, ref.column)
