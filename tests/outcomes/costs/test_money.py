"""The money core: amounts as Polish users type them, division by people to the grosz, and totals
that add up."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.outcomes.costs import money


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 234,56", "1234.56"),
        ("1\u00a0234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("1.234,56", "1234.56"),
        ("1.234.567", "1234567.00"),
        ("12,5", "12.50"),
        ("350 zł", "350.00"),
        ("99,99 PLN", "99.99"),
        ("7", "7.00"),
    ],
)
def test_an_amount_is_read_as_a_polish_user_types_it(text: str, amount: str) -> None:
    assert money.parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,234,56", "12,345", "1e5", "1 2 3,4,5", "NaN", "0,001"])
def test_what_is_not_an_amount_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(money.AmountError):
        money.parse_amount(text)


@given(st.decimals(min_value=0, max_value=10**7, places=2))
def test_an_amount_written_the_polish_way_reads_back_the_same(amount: Decimal) -> None:
    whole, grosze = f"{amount:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", " ")

    assert money.parse_amount(f"{grouped},{grosze}") == amount


def test_a_cost_per_head_is_rounded_half_up_to_the_grosz() -> None:
    assert money.per_head(Decimal("100.00"), 3) == Decimal("33.33")
    assert money.per_head(Decimal("200.00"), 3) == Decimal("66.67")
    assert money.per_head(Decimal("0.05"), 2) == Decimal("0.03")  # 0.025 → 0.03, not to even
    assert money.per_head(Decimal("100.00"), 0) is None


@given(
    st.lists(
        st.tuples(
            st.sampled_from("abc"), st.sampled_from("xy"), st.decimals(min_value=0, max_value=10**6, places=2)
        )
    )
)
def test_the_totals_of_rows_and_columns_add_up_to_the_grand_total(
    amounts: list[tuple[str, str, Decimal]],
) -> None:
    grid = money.grid(amounts, "abc", "xy")

    assert sum((grid.row_total(row) for row in "abc"), Decimal(0)) == grid.total
    assert sum((grid.column_total(column) for column in "xy"), Decimal(0)) == grid.total
    assert grid.total == sum((amount for _row, _column, amount in amounts), Decimal(0))
