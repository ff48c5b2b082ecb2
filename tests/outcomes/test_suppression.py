"""The funder's suppression: every cell below the threshold hidden, and no hidden cell recoverable
from the published cells of the same report, checked here by a rank test written apart from the
core's own exact check."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reintegra.outcomes.suppression import suppress
from reintegra.outcomes.tables import (
    BY_GENDER,
    NON_BINARY,
    TOTAL,
    CellRef,
    Period,
    Relation,
    Report,
    Row,
    Table,
)

PERIOD = Period(start=date(2026, 1, 1), end=date(2026, 12, 31))
COLUMNS = [(key, key) for key in BY_GENDER]
STATUS = ("unemployed", "inactive", "employed")
AGES = ("under_18", "age_18_29", "age_30_plus")


def gender_row(code: str, women: int, men: int, non_binary: int) -> Row:
    return Row(
        code, code, {"women": women, "men": men, "non_binary": non_binary, "total": women + men + non_binary}
    )


def summed_row(code: str, rows: Sequence[Row]) -> Row:
    return Row(code, code, {column: sum(row.cells[column] or 0 for row in rows) for column in BY_GENDER})


def two_table_report(
    status: dict[str, tuple[int, int, int]], ages: dict[str, tuple[int, int, int]]
) -> Report:
    """Participants by labour-market status and by age: both tables publish the same total row,
    and within each the total row is the sum of the others."""
    status_rows = [gender_row(code, *status[code]) for code in STATUS]
    age_rows = [gender_row(code, *ages[code]) for code in AGES]
    by_status = Table("status", "By status", COLUMNS, [summed_row("participants", status_rows), *status_rows])
    by_age = Table("age", "By age", COLUMNS, [summed_row("participants", age_rows), *age_rows])
    relations = [
        Relation(
            CellRef("status", "participants", column),
            tuple(CellRef("status", code, column) for code in STATUS),
        )
        for column in BY_GENDER
    ]
    relations += [
        Relation(CellRef("age", "participants", column), tuple(CellRef("age", code, column) for code in AGES))
        for column in BY_GENDER
    ]
    relations += [
        Relation(CellRef("status", "participants", column), (CellRef("age", "participants", column),))
        for column in BY_GENDER
    ]
    return Report("Programme", PERIOD, [by_status, by_age], relations)


def all_equations(report: Report) -> list[dict[CellRef, int]]:
    """Every equation a reader knows, written out here: the declared relations and, in each row of
    a table broken down by gender, total = women + men + non-binary."""
    equations = [{relation.total: 1, **dict.fromkeys(relation.parts, -1)} for relation in report.relations]
    for table in report.tables:
        if [key for key, _label in table.columns] != list(BY_GENDER):
            continue
        for row in table.rows:
            equations.append(
                {
                    CellRef(table.key, row.code, TOTAL): 1,
                    CellRef(table.key, row.code, "women"): -1,
                    CellRef(table.key, row.code, "men"): -1,
                    CellRef(table.key, row.code, NON_BINARY): -1,
                }
            )
    return equations


def recomputable_by_rank(published: Report, original: Report) -> list[CellRef]:
    """The hidden cells whose unit vector is in the row space of the equations restricted to the
    hidden cells: exactly those some combination of published numbers gives away."""
    hidden = [
        CellRef(table.key, row.code, column)
        for table in published.tables
        for row in table.rows
        for column, value in row.cells.items()
        if value is None
    ]
    if not hidden:
        return []
    position = {ref: index for index, ref in enumerate(hidden)}
    matrix = np.zeros((len(all_equations(original)), len(hidden)))
    for row_index, equation in enumerate(all_equations(original)):
        for ref, sign in equation.items():
            if ref in position:
                matrix[row_index, position[ref]] = sign
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for ref, column in position.items():
        unit = np.zeros((1, len(hidden)))
        unit[0, column] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.append(ref)
    return found


def cells(report: Report) -> dict[CellRef, int | float | None]:
    return {
        CellRef(table.key, row.code, column): value
        for table in report.tables
        for row in table.rows
        for column, value in row.cells.items()
    }


def test_the_rank_check_finds_a_small_cell_hidden_alone() -> None:
    report = Report("One row", PERIOD, [Table("t", "T", COLUMNS, [gender_row("participants", 6, 3, 40)])])
    only_primary = copy.deepcopy(report)
    only_primary.tables[0].rows[0].cells["men"] = None

    assert recomputable_by_rank(only_primary, report) == [CellRef("t", "participants", "men")]


def test_a_report_with_nothing_below_five_stays_untouched() -> None:
    report = two_table_report(
        {"unemployed": (10, 12, 5), "inactive": (7, 9, 6), "employed": (5, 8, 11)},
        {"under_18": (6, 9, 7), "age_18_29": (8, 10, 5), "age_30_plus": (8, 10, 10)},
    )
    before = copy.deepcopy(report)

    result = suppress(report)

    assert result == before
    assert result.suppressed is False


def test_every_cell_from_one_to_four_is_hidden_and_the_report_says_so() -> None:
    report = two_table_report(
        {"unemployed": (10, 3, 0), "inactive": (7, 9, 6), "employed": (5, 8, 11)},
        {"under_18": (6, 9, 2), "age_18_29": (8, 6, 2), "age_30_plus": (8, 5, 2)},
    )

    result = suppress(report)

    for ref, value in cells(report).items():
        if value is not None and value < 5:
            assert cells(result)[ref] is None, ref
    assert result.suppressed is True


def test_a_zero_is_hidden_like_any_cell_below_five() -> None:
    report = two_table_report(
        {"unemployed": (10, 12, 0), "inactive": (7, 9, 6), "employed": (5, 8, 7)},
        {"under_18": (6, 9, 5), "age_18_29": (8, 10, 8), "age_30_plus": (8, 10, 0)},
    )

    result = suppress(report)

    assert cells(result)[CellRef("status", "unemployed", "non_binary")] is None
    assert cells(result)[CellRef("age", "age_30_plus", "non_binary")] is None
    assert recomputable_by_rank(result, report) == []


def test_a_zero_is_published_when_the_deployment_publishes_zeros() -> None:
    report = two_table_report(
        {"unemployed": (10, 12, 0), "inactive": (7, 9, 0), "employed": (5, 8, 0)},
        {"under_18": (6, 9, 0), "age_18_29": (8, 10, 0), "age_30_plus": (8, 10, 0)},
    )

    assert suppress(report, hide_zeros=False) == report


def test_no_combination_of_the_published_tables_recomputes_a_hidden_cell() -> None:
    report = two_table_report(
        {"unemployed": (10, 3, 1), "inactive": (7, 9, 6), "employed": (5, 8, 11)},
        {"under_18": (6, 2, 2), "age_18_29": (8, 10, 3), "age_30_plus": (8, 8, 13)},
    )

    result = suppress(report)

    assert recomputable_by_rank(result, report) == []
    # The one-person cell is not the only one hidden in its row, nor is its total the only one in
    # its column: a subtraction of the published cells would give it away.
    assert cells(result)[CellRef("status", "unemployed", "non_binary")] is None
    assert cells(result)[CellRef("age", "under_18", "men")] is None


def test_the_smallest_published_cell_is_hidden_beside_a_small_one() -> None:
    report = Report(
        "One row",
        PERIOD,
        [Table("t", "T", COLUMNS, [gender_row("participants", 6, 3, 40)])],
    )

    result = suppress(report)

    assert result.table("t").rows[0].cells == {"women": None, "men": None, "non_binary": 40, "total": 49}


def test_a_cell_hidden_in_one_table_is_hidden_where_the_same_number_is_published() -> None:
    report = two_table_report(
        {"unemployed": (10, 12, 3), "inactive": (7, 9, 6), "employed": (5, 8, 11)},
        {"under_18": (6, 9, 7), "age_18_29": (8, 10, 5), "age_30_plus": (8, 10, 8)},
    )

    result = suppress(report)

    assert recomputable_by_rank(result, report) == []
    status_total, age_total = (
        cells(result)[CellRef(key, "participants", column)]
        for key in ("status", "age")
        for column in ["non_binary"]
    )
    assert (status_total is None) == (age_total is None)


def test_published_cells_keep_their_values() -> None:
    report = two_table_report(
        {"unemployed": (10, 3, 1), "inactive": (7, 9, 6), "employed": (5, 8, 11)},
        {"under_18": (6, 2, 2), "age_18_29": (8, 10, 3), "age_30_plus": (8, 8, 13)},
    )

    result = suppress(report)

    for ref, value in cells(result).items():
        assert value is None or value == cells(report)[ref]


def test_the_threshold_can_be_raised() -> None:
    report = Report("One row", PERIOD, [Table("t", "T", COLUMNS, [gender_row("participants", 7, 20, 30)])])

    assert suppress(report, threshold=10).table("t").rows[0].cells["women"] is None
    assert suppress(report).table("t").rows[0].cells["women"] == 7


counts = st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 3))


@settings(max_examples=60, deadline=None)
@given(
    status=st.fixed_dictionaries(dict.fromkeys(STATUS, counts)),
    age_split=st.lists(st.integers(0, 2), min_size=40, max_size=40),
)
def test_whatever_the_numbers_no_hidden_cell_can_be_recomputed(
    status: dict[str, tuple[int, int, int]], age_split: list[int]
) -> None:
    # The age table splits the same people, so both tables agree on the totals.
    totals = [sum(status[code][gender] for code in STATUS) for gender in range(3)]
    ages = {code: [0, 0, 0] for code in AGES}
    for gender, total in enumerate(totals):
        for person in range(total):
            ages[AGES[age_split[person % len(age_split)]]][gender] += 1
    report = two_table_report(status, {code: (a, b, c) for code, (a, b, c) in ages.items()})

    result = suppress(report)

    assert recomputable_by_rank(result, report) == []
    for ref, value in cells(report).items():
        if value is not None and value < 5:
            assert cells(result)[ref] is None


def test_a_mean_is_hidden_with_the_count_it_is_computed_over_and_never_read_as_a_count() -> None:
    columns = [("people", "people"), ("mean", "mean")]
    rows = [
        Row("few", "Few", {"people": 3, "mean": 4.5}, over={"mean": "people"}),
        Row("many", "Many", {"people": 12, "mean": 2.5}, over={"mean": "people"}),
    ]
    report = Report("Means", PERIOD, [Table("survey", "Survey", columns, rows)])

    result = suppress(report)

    assert result.table("survey").row("few").cells == {"people": None, "mean": None}
    # 2.5 is below five but a mean, not a count: it stays, as its 12 people do.
    assert result.table("survey").row("many").cells == {"people": 12, "mean": 2.5}
    assert result.suppressed is True
