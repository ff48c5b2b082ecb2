"""The engine's problems as sentences in the user's language, each naming the question."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from reintegra.questionnaires.engine import Problem, question_map


def problem_message(problem: Problem, definition: Mapping[str, Any]) -> str:
    question = question_map(definition).get(problem.question)
    label = str(question["label"]) if question else problem.question
    params = {**problem.params, "question": label}
    templates = {
        "required": _("“%(question)s”: an answer is required."),
        "wrong_type": _("“%(question)s”: the answer is not of the right kind for this question."),
        "too_long": _("“%(question)s”: the answer is longer than %(max)s characters."),
        "not_a_choice": _("“%(question)s”: “%(value)s” is not one of the options."),
        "out_of_range": _("“%(question)s”: the answer must be between %(min)s and %(max)s."),
        "unknown_question": _("“%(question)s” is not a question of this version."),
        "not_a_mapping": _("The answers must be a mapping of questions to answers."),
        "no_sections": _("The questionnaire has no sections."),
        "bad_section": _("A section is malformed."),
        "bad_section_key": _("Section code “%(key)s” is not valid or is used twice."),
        "section_without_title": _("Section “%(key)s” has no title."),
        "bad_question_key": _("Question code “%(key)s” is not valid."),
        "duplicate_question": _("“%(question)s”: the question code is used twice."),
        "question_without_label": _("Question “%(question)s” has no text."),
        "unknown_kind": _("“%(question)s”: unknown kind of question."),
        "no_choices": _("“%(question)s”: a choice question needs at least one option."),
        "bad_choice": _("“%(question)s”: every option needs a value."),
        "duplicate_choice": _("“%(question)s”: two options are the same."),
        "bad_points": _("“%(question)s”: points must be whole numbers."),
        "scale_without_range": _("“%(question)s”: a scale needs a lowest and a highest value."),
        "min_above_max": _("“%(question)s”: the lowest value is above the highest."),
        "condition_on_unknown_question": _(
            "“%(question)s”: the condition must refer to an earlier question."
        ),
        "bad_condition_value": _("“%(question)s”: the condition's value is not a possible answer."),
    }
    template = templates.get(problem.code, _("“%(question)s”: the answer is not valid."))
    return template % params


def messages_for(problems: list[Problem], definition: Mapping[str, Any]) -> list[str]:
    return [problem_message(problem, definition) for problem in problems]
