"""The before/after arithmetic on plain answers, checked against means worked out by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reintegra.outcomes.evaluation.distance import SkillChange, distribution, skill_change


def test_three_people_give_the_means_and_the_changes_worked_out_by_hand() -> None:
    # 2→4, 3→3, 1→4: at entry 6/3 = 2.00, at exit 11/3 = 3.67, change 5/3 = 1.67.
    pairs = [({"k": 2}, {"k": 4}), ({"k": 3}, {"k": 3}), ({"k": 1}, {"k": 4})]

    assert skill_change(pairs, "k") == SkillChange(
        people=3, mean_entry=2.0, mean_exit=3.67, mean_change=1.67, improved=2, same=1, worsened=0
    )


def test_a_person_rated_only_once_is_left_out_of_the_skill() -> None:
    pairs = [({"k": 2}, {"k": 5}), ({}, {"k": 1}), ({"k": 4}, {})]

    assert skill_change(pairs, "k") == SkillChange(1, 2.0, 5.0, 3.0, 1, 0, 0)


def test_nobody_rated_gives_no_means() -> None:
    assert skill_change([], "k") == SkillChange(0, None, None, None, 0, 0, 0)


def test_a_half_rounds_up() -> None:
    pairs = [({"k": 1}, {"k": 1})] * 7 + [({"k": 1}, {"k": 2})]  # exit 9/8 = 1.125 → 1.13
    assert skill_change(pairs, "k").mean_exit == 1.13


def test_the_distribution_counts_each_answer_and_skips_the_unanswered() -> None:
    answers = [{"q": 5}, {"q": 4}, {"q": 5}, {}, {"q": "tak"}]

    assert distribution(answers, "q", ["1", "2", "3", "4", "5"]) == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 2}


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), max_size=30))
def test_improved_same_and_worsened_add_up_to_the_people(ratings: list[tuple[int, int]]) -> None:
    change = skill_change([({"k": before}, {"k": after}) for before, after in ratings], "k")

    assert change.improved + change.same + change.worsened == change.people == len(ratings)
