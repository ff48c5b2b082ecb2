"""The pure engine: definitions, show-if, answer checks and scores, on plain data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reintegra.questionnaires import engine

DATA = Path(__file__).resolve().parents[2] / "reintegra" / "questionnaires" / "data"

DEFINITION: dict[str, Any] = {
    "scored": True,
    "sections": [
        {
            "key": "s1",
            "title": "Sytuacja",
            "questions": [
                {"key": "name", "label": "Imię dziecka", "kind": "text"},
                {"key": "children", "label": "Dzieci pod opieką", "kind": "yes_no", "required": True},
                {
                    "key": "care",
                    "label": "Kto zajmie się dziećmi?",
                    "kind": "single_choice",
                    "required": True,
                    "choices": [
                        {"value": "always", "label": "Zawsze ktoś", "points": 0},
                        {"value": "nobody", "label": "Nikt", "points": 2},
                    ],
                    "show_if": {"question": "children", "equals": True},
                },
                {"key": "household", "label": "Osoby w gospodarstwie", "kind": "number", "min": 1, "max": 20},
                {"key": "since", "label": "Od kiedy", "kind": "date"},
            ],
        },
        {
            "key": "s2",
            "title": "Oczekiwania",
            "questions": [
                {
                    "key": "support",
                    "label": "Formy wsparcia",
                    "kind": "multiple_choice",
                    "choices": [
                        {"value": "course", "label": "Kurs", "points": 1},
                        {"value": "job", "label": "Praca", "points": 3},
                        {"value": "psych", "label": "Psycholog"},
                    ],
                },
                {"key": "ready", "label": "Gotowość", "kind": "scale", "min": 1, "max": 5, "required": True},
            ],
        },
    ],
}


def codes(problems: list[engine.Problem]) -> list[tuple[str, str]]:
    return [(problem.code, problem.question) for problem in problems]


def test_the_example_and_every_shipped_definition_is_valid() -> None:
    assert engine.definition_problems(DEFINITION) == []
    shipped = sorted(DATA.glob("*.json"))
    assert len(shipped) == 4
    for path in shipped:
        item = json.loads(path.read_text(encoding="utf-8"))
        assert engine.definition_problems(item["definition"]) == [], path.name


def test_the_passport_is_resource_focused_and_asks_who_confirmed_the_competences() -> None:
    passport = json.loads((DATA / "passport.json").read_text(encoding="utf-8"))["definition"]
    titles = [section["title"] for section in passport["sections"]]
    confirmed_by = engine.question_map(passport)["potwierdzone_przez"]

    assert any("zainteresowania" in title for title in titles)
    assert any("mocne strony" in title for title in titles)
    assert confirmed_by["show_if"] == {"question": "kompetencje_potwierdzone", "equals": True}
    assert not passport["scored"]


def test_a_complete_answer_set_passes_and_is_scored() -> None:
    answers = {"children": True, "care": "nobody", "household": 4, "support": ["course", "job"], "ready": 3}

    assert engine.answer_problems(DEFINITION, answers) == []
    assert engine.score(DEFINITION, answers) == 2 + 1 + 3
    assert engine.max_score(DEFINITION) == 2 + 1 + 3


def test_a_question_hidden_by_its_condition_is_not_required_and_its_answer_is_dropped() -> None:
    answers = {"children": False, "care": "nobody", "ready": 2}

    assert "care" not in engine.visible_keys(DEFINITION, answers)
    assert engine.answer_problems(DEFINITION, answers) == []
    assert engine.clean(DEFINITION, answers) == {"children": False, "ready": 2}
    assert engine.score(DEFINITION, answers) == 0


def test_a_shown_required_question_left_empty_is_refused() -> None:
    assert codes(engine.answer_problems(DEFINITION, {"children": True, "ready": 1})) == [("required", "care")]
    assert codes(engine.answer_problems(DEFINITION, {})) == [("required", "children"), ("required", "ready")]


def test_each_kind_of_bad_answer_is_refused_naming_its_question() -> None:
    base = {"children": False, "ready": 3}
    cases = {
        "name": (42, "wrong_type"),
        "household": ("cztery", "wrong_type"),
        "since": ("31.02.2026", "wrong_type"),
        "children": ("tak", "wrong_type"),
        "support": (["course", "holiday"], "not_a_choice"),
        "ready": (6, "out_of_range"),
    }
    for key, (value, code) in cases.items():
        problems = engine.answer_problems(DEFINITION, {**base, key: value})
        assert codes(problems) == [(code, key)], key
    out_of_range = engine.answer_problems(DEFINITION, {**base, "household": 21})
    assert codes(out_of_range) == [("out_of_range", "household")]
    not_an_option = engine.answer_problems(DEFINITION, {"children": True, "care": "grandma", "ready": 1})
    assert codes(not_an_option) == [("not_a_choice", "care")]


def test_an_answer_to_a_question_the_version_lacks_is_refused() -> None:
    assert codes(engine.answer_problems(DEFINITION, {"children": False, "ready": 1, "pet": "kot"})) == [
        ("unknown_question", "pet")
    ]


def test_a_definition_with_a_condition_on_a_later_question_or_an_impossible_value_is_refused() -> None:
    later = {
        "sections": [
            {
                "key": "s1",
                "title": "A",
                "questions": [
                    {"key": "a", "label": "A", "kind": "text", "show_if": {"question": "b", "equals": True}},
                    {"key": "b", "label": "B", "kind": "yes_no"},
                ],
            }
        ]
    }
    impossible = {
        "sections": [
            {
                "key": "s1",
                "title": "A",
                "questions": [
                    {"key": "b", "label": "B", "kind": "yes_no"},
                    {
                        "key": "a",
                        "label": "A",
                        "kind": "text",
                        "show_if": {"question": "b", "equals": "maybe"},
                    },
                ],
            }
        ]
    }

    assert codes(engine.definition_problems(later)) == [("condition_on_unknown_question", "a")]
    assert codes(engine.definition_problems(impossible)) == [("bad_condition_value", "a")]


def test_a_scale_without_a_range_and_a_choice_without_options_are_refused() -> None:
    definition = {
        "sections": [
            {
                "key": "s1",
                "title": "A",
                "questions": [
                    {"key": "a", "label": "A", "kind": "scale"},
                    {"key": "b", "label": "B", "kind": "single_choice", "choices": []},
                    {"key": "c", "label": "C", "kind": "colour"},
                ],
            }
        ]
    }

    assert codes(engine.definition_problems(definition)) == [
        ("scale_without_range", "a"),
        ("no_choices", "b"),
        ("unknown_kind", "c"),
    ]


# --- Properties --------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3),
    max_leaves=5,
)
keys = st.sampled_from(["name", "children", "care", "household", "since", "support", "ready", "other"])


@settings(deadline=None)  # a loaded machine must not turn a slow example into a failure
@given(st.dictionaries(keys, json_values, max_size=8))
def test_any_answer_set_gets_a_verdict_never_an_exception(answers: dict[str, Any]) -> None:
    problems = engine.answer_problems(DEFINITION, answers)

    assert all(problem.question in {*engine.question_map(DEFINITION), *answers} for problem in problems)
    if not problems:
        kept = engine.clean(DEFINITION, answers)
        assert engine.answer_problems(DEFINITION, kept) == []
        assert 0 <= (engine.score(DEFINITION, kept) or 0) <= (engine.max_score(DEFINITION) or 0)


valid_answers = st.fixed_dictionaries(
    {"children": st.booleans(), "ready": st.integers(1, 5)},
    optional={
        "care": st.sampled_from(["always", "nobody"]),
        "household": st.integers(1, 20) | st.floats(1, 20),
        "support": st.lists(st.sampled_from(["course", "job", "psych"]), unique=True),
        "name": st.text(max_size=50),
        "since": st.dates().map(lambda day: day.isoformat()),
    },
)


@settings(deadline=None)  # a loaded machine must not turn a slow example into a failure
@given(valid_answers)
def test_answers_within_the_rules_pass_once_hidden_ones_are_cleaned(answers: dict[str, Any]) -> None:
    if answers["children"] and "care" not in answers:
        answers["care"] = "always"
    kept = engine.clean(DEFINITION, answers)

    assert engine.answer_problems(DEFINITION, kept) == []
    assert ("care" in kept) == (answers["children"] is True)
    assert engine.score(DEFINITION, answers) == engine.score(DEFINITION, kept)


@settings(deadline=None)  # a loaded machine must not turn a slow example into a failure
@given(st.integers(-100, 100))
def test_a_scale_answer_passes_exactly_when_it_is_within_its_range(value: int) -> None:
    problems = engine.answer_problems(DEFINITION, {"children": False, "ready": value})

    assert (problems == []) == (1 <= value <= 5)
