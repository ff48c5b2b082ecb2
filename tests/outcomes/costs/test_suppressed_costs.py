"""The suppression core on the costs tables, on plain data: an amount is never read as a count;
a cost per result goes with its count, and that count with the result indicator it repeats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reintegra.outcomes.costs.section import PER_HEAD, per_head_table, result_relations
from reintegra.outcomes.suppression import cell_values, suppress
from reintegra.outcomes.tables import BY_GENDER, Period, Report, Row, Table

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))


def results_table(employed: dict[str, int | float | None]) -> Table:
    """The result indicators, the employed as given (7 in total)."""
    rows = [
        Row("EECR02", "education", {"women": 5, "men": 5, "non_binary": 0, "total": 10}),
        Row("EECR03", "qualification", {"women": 6, "men": 6, "non_binary": 0, "total": 12}),
        Row("EECR04", "employed", employed),
    ]
    return Table("efs_results", "Results", [(key, key) for key in BY_GENDER], rows)


def report(employed: dict[str, int | float | None]) -> Report:
    per_head = per_head_table(Decimal("12000.00"), 20, {"EECR02": 10, "EECR03": 12, "EECR04": 7})
    return Report("R", PERIOD, [results_table(employed), per_head], result_relations())


def test_an_amount_is_not_a_cell_the_suppression_counts() -> None:
    values = cell_values(report({"women": 4, "men": 3, "non_binary": 0, "total": 7}))

    assert all(ref.column != "costs" for ref in values)
    assert all(ref.column != "per_person" for ref in values)


def test_a_count_hidden_among_the_indicators_is_hidden_where_the_costs_repeat_it() -> None:
    # The indicator's total already came hidden (as another part would hide it): the costs
    # table's copy of it, and the cost per employed person that gives it back, go too.
    shown = suppress(report({"women": 4, "men": 3, "non_binary": 0, "total": None}))

    employed = shown.table(PER_HEAD).row("cost_per_employed").cells
    assert employed == {"people": None, "costs": 12000.0, "per_person": None}
    assert shown.table(PER_HEAD).row("cost_per_participant").cells["per_person"] == 600.0
    assert shown.table(PER_HEAD).row("cost_per_in_education").cells["per_person"] == 1200.0
