"""The questionnaire engine: checks a definition, evaluates show-if, validates and scores answers.

Plain functions over plain data (no Django import), so they are tested with hypothesis and can
serve the web form, the API and imports alike. Problems come back as ``Problem`` values with a
stable code and the key of the question they are about; the caller turns them into messages in
the user's language that name the question.

A definition is one JSON document::

    {"scored": bool, "sections": [{"key", "title", "questions": [
        {"key", "label", "kind", "required": bool, "help": str,
         "choices": [{"value", "label", "points": int}],        # single/multiple choice
         "min": number, "max": number,                         # number (optional), scale (both)
         "show_if": {"question": key, "equals": value}}        # an earlier question
    ]}]}

Answers are a mapping of question key to a JSON value: ``str`` (text, single choice, ISO date),
``int``/``float`` (number), ``int`` (scale), ``bool`` (yes/no), ``list[str]`` (multiple choice).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeGuard

TEXT = "text"
NUMBER = "number"
DATE = "date"
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
SCALE = "scale"
YES_NO = "yes_no"
KINDS = (TEXT, NUMBER, DATE, SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, YES_NO)
CHOICE_KINDS = (SINGLE_CHOICE, MULTIPLE_CHOICE)
KEY = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
MAX_TEXT = 5000


@dataclass(frozen=True)
class Problem:
    """One thing wrong: ``code`` is stable, ``question`` the key it concerns (or "")."""

    code: str
    question: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)


def questions(definition: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every question, in the order of the form."""
    for section in definition.get("sections", []):
        yield from section.get("questions", [])


def question_map(definition: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {question["key"]: question for question in questions(definition)}


# --- The definition ---------------------------------------------------------------------


def definition_problems(definition: Any) -> list[Problem]:
    """What makes a definition unusable; an empty list means it may be published."""
    if not isinstance(definition, Mapping) or not isinstance(definition.get("sections"), list):
        return [Problem("no_sections")]
    problems: list[Problem] = []
    seen: dict[str, Mapping[str, Any]] = {}
    section_keys: set[str] = set()
    for section in definition["sections"]:
        if not isinstance(section, Mapping) or not isinstance(section.get("questions"), list):
            problems.append(Problem("bad_section"))
            continue
        if not _is_key(section.get("key")) or section["key"] in section_keys:
            problems.append(Problem("bad_section_key", params={"key": str(section.get("key"))}))
        section_keys.add(str(section.get("key")))
        if not str(section.get("title", "")).strip():
            problems.append(Problem("section_without_title", params={"key": str(section.get("key"))}))
        for question in section["questions"]:
            problems.extend(_question_problems(question, seen))
            if isinstance(question, Mapping) and _is_key(question.get("key")):
                seen[question["key"]] = question
    return problems


def _is_key(value: Any) -> bool:
    return isinstance(value, str) and bool(KEY.match(value))


def _question_problems(question: Any, earlier: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    if not isinstance(question, Mapping) or not _is_key(question.get("key")):
        key_given = question.get("key") if isinstance(question, Mapping) else None
        return [Problem("bad_question_key", params={"key": str(key_given)})]
    key = question["key"]
    problems: list[Problem] = []
    if key in earlier:
        problems.append(Problem("duplicate_question", key))
    if not str(question.get("label", "")).strip():
        problems.append(Problem("question_without_label", key))
    kind = question.get("kind")
    if kind not in KINDS:
        return [*problems, Problem("unknown_kind", key, {"kind": str(kind)})]
    if kind in CHOICE_KINDS:
        problems.extend(_choice_problems(key, question.get("choices")))
    if kind == SCALE and not (_is_int(question.get("min")) and _is_int(question.get("max"))):
        problems.append(Problem("scale_without_range", key))
    low, high = question.get("min"), question.get("max")
    if kind in (SCALE, NUMBER) and _is_number(low) and _is_number(high) and low > high:
        problems.append(Problem("min_above_max", key))
    if question.get("show_if") is not None:
        problems.extend(_condition_problems(key, question["show_if"], earlier))
    return problems


def _choice_problems(key: str, choices: Any) -> list[Problem]:
    if not isinstance(choices, list) or not choices:
        return [Problem("no_choices", key)]
    values = [choice.get("value") for choice in choices if isinstance(choice, Mapping)]
    if len(values) != len(choices) or not all(isinstance(value, str) and value for value in values):
        return [Problem("bad_choice", key)]
    if len(set(values)) != len(values):
        return [Problem("duplicate_choice", key)]
    if not all(_is_int(choice.get("points", 0)) for choice in choices):
        return [Problem("bad_points", key)]
    return []


def _condition_problems(key: str, condition: Any, earlier: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    if not isinstance(condition, Mapping) or condition.get("question") not in earlier:
        return [Problem("condition_on_unknown_question", key)]
    target = earlier[condition["question"]]
    problems = value_problems(target, condition.get("equals"))
    if target["kind"] == MULTIPLE_CHOICE:  # "equals" means "was ticked" for a multiple choice
        problems = value_problems({**target, "kind": SINGLE_CHOICE}, condition.get("equals"))
    if problems or condition.get("equals") is None:
        return [Problem("bad_condition_value", key)]
    return []


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def max_score(definition: Mapping[str, Any]) -> int | None:
    """The highest total the questionnaire can give, or None if it is not scored."""
    if not definition.get("scored"):
        return None
    total = 0
    for question in questions(definition):
        points = [int(choice.get("points", 0)) for choice in question.get("choices", [])]
        if question["kind"] == SINGLE_CHOICE and points:
            total += max(0, *points)
        elif question["kind"] == MULTIPLE_CHOICE:
            total += sum(point for point in points if point > 0)
    return total


# --- Answers ----------------------------------------------------------------------------


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def visible_keys(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> set[str]:
    """The questions shown for these answers: a condition on a hidden question is not met."""
    shown: set[str] = set()
    for question in questions(definition):
        condition = question.get("show_if")
        if condition is None or (
            condition["question"] in shown
            and _matches(answers.get(condition["question"]), condition.get("equals"))
        ):
            shown.add(question["key"])
    return shown


def _matches(answer: Any, expected: Any) -> bool:
    if isinstance(answer, list):
        return expected in answer
    if isinstance(answer, bool) != isinstance(expected, bool):  # 1 == True in Python, not here
        return False
    return not is_empty(answer) and answer == expected


def value_problems(question: Mapping[str, Any], value: Any) -> list[Problem]:
    """What is wrong with one non-empty answer to the question."""
    key, kind = question["key"], question["kind"]
    if kind == TEXT:
        if not isinstance(value, str):
            return [Problem("wrong_type", key, {"expected": kind})]
        if len(value) > MAX_TEXT:
            return [Problem("too_long", key, {"max": MAX_TEXT})]
    elif kind in (NUMBER, SCALE):
        if not (_is_int(value) if kind == SCALE else _is_number(value)):
            return [Problem("wrong_type", key, {"expected": kind})]
        return _range_problems(question, value)
    elif kind == DATE:
        if not isinstance(value, str) or not _is_iso_date(value):
            return [Problem("wrong_type", key, {"expected": kind})]
    elif kind == YES_NO:
        if not isinstance(value, bool):
            return [Problem("wrong_type", key, {"expected": kind})]
    elif kind == SINGLE_CHOICE:
        if not isinstance(value, str):
            return [Problem("wrong_type", key, {"expected": kind})]
        if value not in _choice_values(question):
            return [Problem("not_a_choice", key, {"value": value})]
    elif kind == MULTIPLE_CHOICE:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return [Problem("wrong_type", key, {"expected": kind})]
        unknown = [item for item in value if item not in _choice_values(question)]
        if unknown:
            return [Problem("not_a_choice", key, {"value": unknown[0]})]
    return []


def _range_problems(question: Mapping[str, Any], value: float) -> list[Problem]:
    low, high = question.get("min"), question.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        return [Problem("out_of_range", question["key"], {"min": low, "max": high, "value": value})]
    return []


def _is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _choice_values(question: Mapping[str, Any]) -> list[str]:
    return [choice["value"] for choice in question.get("choices", [])]


def answer_problems(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> list[Problem]:
    """Every problem of an answer set, in the order of the form.

    A question hidden by its condition is neither required nor checked (its answer is dropped
    by ``clean``); an answer to a question the version does not have is refused.
    """
    if not isinstance(answers, Mapping):
        return [Problem("not_a_mapping")]
    known = question_map(definition)
    problems = [Problem("unknown_question", str(key)) for key in answers if key not in known]
    shown = visible_keys(definition, answers)
    for question in questions(definition):
        if question["key"] not in shown:
            continue
        value = answers.get(question["key"])
        if is_empty(value):
            if question.get("required"):
                problems.append(Problem("required", question["key"]))
            continue
        problems.extend(value_problems(question, value))
    return problems


def clean(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers worth keeping: of shown questions, not empty, in the order of the form."""
    shown = visible_keys(definition, answers)
    return {
        question["key"]: answers[question["key"]]
        for question in questions(definition)
        if question["key"] in shown and not is_empty(answers.get(question["key"]))
    }


def score(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> int | None:
    """The total of the points of the chosen options of shown questions; None if not scored."""
    if not definition.get("scored"):
        return None
    shown = visible_keys(definition, answers)
    total = 0
    for question in questions(definition):
        if question["key"] not in shown or question["kind"] not in CHOICE_KINDS:
            continue
        value = answers.get(question["key"])
        chosen = value if isinstance(value, list) else [value]
        points = {choice["value"]: int(choice.get("points", 0)) for choice in question["choices"]}
        total += sum(points.get(item, 0) for item in chosen if isinstance(item, str))
    return total
