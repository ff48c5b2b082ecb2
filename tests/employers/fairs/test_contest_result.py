"""The contest's pure result core: weighted averages on a common scale, ties sharing a place."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reintegra.employers.fairs.contest_result import CriterionSpec, Given, rank

FIVE = CriterionSpec(id=1, weight=Decimal(3), scale_min=0, scale_max=5)
TEN = CriterionSpec(id=2, weight=Decimal(1), scale_min=1, scale_max=10)


def test_criteria_of_different_scales_weigh_by_their_weights() -> None:
    scores = [Given(10, 1, 1, 5), Given(10, 2, 1, 1), Given(20, 1, 1, 0), Given(20, 2, 1, 10)]
    ranked = rank([FIVE, TEN], [10, 20], scores, jurors=1)
    assert [(row.nomination_id, row.result, row.rank) for row in ranked] == [
        (10, Decimal("75.00"), 1),
        (20, Decimal("25.00"), 2),
    ]


def test_equal_results_share_a_place_and_the_next_place_is_skipped() -> None:
    scores = [Given(n, 1, 1, points) for n, points in [(1, 4), (2, 4), (3, 2)]]
    ranked = rank([FIVE], [1, 2, 3], scores, jurors=1)
    assert [(row.rank, row.tied) for row in ranked] == [(1, True), (1, True), (3, False)]


def test_a_criterion_nobody_scored_counts_as_nothing_and_is_reported_missing() -> None:
    ranked = rank([FIVE, TEN], [1], [Given(1, 1, 1, 5)], jurors=2)
    assert ranked[0].means == {1: Decimal("5.00"), 2: None}
    assert ranked[0].result == Decimal("75.00")
    assert ranked[0].missing == 3


@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=6))
def test_the_result_stays_within_0_and_100(points: list[int]) -> None:
    scores = [Given(1, 1, juror, value) for juror, value in enumerate(points)]
    (row,) = rank([FIVE], [1], scores, jurors=len(points))
    assert Decimal(0) <= row.result <= Decimal(100)


@given(st.integers(min_value=0, max_value=4), st.integers(min_value=0, max_value=5))
def test_raising_a_score_never_lowers_the_place(low: int, other: int) -> None:
    before = {
        row.nomination_id: row.rank
        for row in rank([FIVE], [1, 2], [Given(1, 1, 1, low), Given(2, 1, 1, other)], jurors=1)
    }
    after = {
        row.nomination_id: row.rank
        for row in rank([FIVE], [1, 2], [Given(1, 1, 1, low + 1), Given(2, 1, 1, other)], jurors=1)
    }
    assert after[1] <= before[1]
