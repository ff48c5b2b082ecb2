"""Forms: building a questionnaire question by question, and filling one in with a person."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.accounts.models import Organisation
from reintegra.forms import DATE_WIDGET
from reintegra.questionnaires import engine
from reintegra.questionnaires.messages import problem_message
from reintegra.text import SHORT_TEXT, search_key

KIND_CHOICES = [
    (engine.TEXT, gettext_lazy("text")),
    (engine.NUMBER, gettext_lazy("number")),
    (engine.DATE, gettext_lazy("date")),
    (engine.SINGLE_CHOICE, gettext_lazy("single choice")),
    (engine.MULTIPLE_CHOICE, gettext_lazy("multiple choice")),
    (engine.SCALE, gettext_lazy("scale")),
    (engine.YES_NO, gettext_lazy("yes / no")),
]
YES, NO = "yes", "no"
FIELD_PREFIX = "answer_"
NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
            continue
        widget.attrs.setdefault(
            "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
        )


class QuestionnaireForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    code = forms.SlugField(
        label=gettext_lazy("Code"),
        max_length=60,
        help_text=gettext_lazy("Short code of letters, digits and hyphens, unique in your organisation."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.initial = organisations[0]
            field.widget = forms.HiddenInput()
        _style(self)


class SectionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Section title"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)


class QuestionForm(forms.Form):
    """One question, typed in plain fields; ``question`` is the definition's dict for it."""

    section = forms.ChoiceField(label=gettext_lazy("Section"))
    label = forms.CharField(label=gettext_lazy("Question"), max_length=500)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of answer"), choices=KIND_CHOICES)
    required = forms.BooleanField(label=gettext_lazy("An answer is required"), required=False)
    help = forms.CharField(
        label=gettext_lazy("Hint for the person filling it in"), required=False, max_length=500
    )
    choices = forms.CharField(
        label=gettext_lazy("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "For a choice question: one option per line; add “| points” for a scored questionnaire, "
            "e.g. “Never worked | 2”."
        ),
    )
    min = forms.DecimalField(
        label=gettext_lazy("Lowest value"), required=False, help_text=gettext_lazy("For a number or a scale.")
    )
    max = forms.DecimalField(
        label=gettext_lazy("Highest value"),
        required=False,
        help_text=gettext_lazy("For a number or a scale."),
    )
    show_if_question = forms.ChoiceField(label=gettext_lazy("Show only if question"), required=False)
    show_if_value = forms.CharField(
        label=gettext_lazy("has the answer"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("For yes/no: “yes” or “no”; for a choice: the text of the option."),
    )

    def __init__(self, *args: Any, definition: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        section_field = self.fields["section"]
        assert isinstance(section_field, forms.ChoiceField)
        section_field.choices = [(s["key"], s["title"]) for s in definition.get("sections", [])]
        condition_field = self.fields["show_if_question"]
        assert isinstance(condition_field, forms.ChoiceField)
        condition_field.choices = [("", _("always shown"))] + [
            (q["key"], q["label"]) for q in engine.questions(definition)
        ]
        _style(self)
        self.question: dict[str, Any] = {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if not kind or not data.get("label"):
            return data
        question: dict[str, Any] = {
            "label": data["label"],
            "kind": kind,
            "required": bool(data.get("required")),
        }
        if data.get("help"):
            question["help"] = data["help"]
        if kind in engine.CHOICE_KINDS:
            question["choices"] = self._choices(data.get("choices") or "")
        if kind in (engine.NUMBER, engine.SCALE):
            question.update(self._range(kind, data.get("min"), data.get("max")))
        if data.get("show_if_question"):
            question["show_if"] = self._condition(data["show_if_question"], data.get("show_if_value") or "")
        self.question = question
        return data

    def _choices(self, text: str) -> list[dict[str, Any]]:
        choices: list[dict[str, Any]] = []
        for line in filter(None, (line.strip() for line in text.splitlines())):
            label, _bar, points = (part.strip() for part in line.partition("|"))
            value = NOT_ALNUM.sub("_", search_key(label)).strip("_")[:40].strip("_") or f"o{len(choices) + 1}"
            while value in {c["value"] for c in choices}:
                value = f"{value}_{len(choices) + 1}"
            choice: dict[str, Any] = {"value": value, "label": label}
            if points:
                try:
                    choice["points"] = int(points)
                except ValueError:
                    self.add_error(
                        "choices", _("Points of “%(option)s” must be a whole number.") % {"option": label}
                    )
            choices.append(choice)
        if not choices:
            self.add_error("choices", _("A choice question needs at least one option."))
        return choices

    def _range(self, kind: str, low: Decimal | None, high: Decimal | None) -> dict[str, Any]:
        if kind == engine.SCALE and (low is None or high is None):
            self.add_error("max", _("A scale needs a lowest and a highest value."))
            return {}
        if low is not None and high is not None and low > high:
            self.add_error("max", _("The highest value cannot be below the lowest."))
        bounds = {"min": low, "max": high}
        if kind == engine.SCALE:
            return {name: int(value) for name, value in bounds.items() if value is not None}
        return {name: _number(value) for name, value in bounds.items() if value is not None}

    def _condition(self, key: str, text: str) -> dict[str, Any]:
        target = engine.question_map(self.definition)[key]
        value: Any = text.strip()
        if target["kind"] == engine.YES_NO:
            value = {"yes": True, "tak": True, "no": False, "nie": False}.get(value.lower())
        elif target["kind"] in engine.CHOICE_KINDS:
            value = next(
                (c["value"] for c in target["choices"] if value.lower() in (c["label"].lower(), c["value"])),
                None,
            )
        elif target["kind"] in (engine.NUMBER, engine.SCALE):
            try:
                value = _number(Decimal(value.replace(",", ".")))
            except ArithmeticError:
                value = None
        if value is None or value == "":
            self.add_error("show_if_value", _("Give an answer that question can have."))
        return {"question": key, "equals": value}


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --- Filling in -------------------------------------------------------------------------


def _answer_field(question: Mapping[str, Any]) -> forms.Field:
    label = str(question["label"])
    kind = question["kind"]
    messages = {
        "required": _("“%(question)s”: an answer is required.") % {"question": label},
        "invalid": _("“%(question)s”: the answer is not of the right kind for this question.")
        % {"question": label},
        "invalid_choice": _("“%(question)s”: choose one of the options.") % {"question": label},
    }
    common: dict[str, Any] = {
        "label": label,
        "required": False,
        "help_text": question.get("help", ""),
        "error_messages": messages,
    }
    if kind == engine.NUMBER:
        return forms.DecimalField(**common)
    if kind == engine.DATE:
        return forms.DateField(widget=DATE_WIDGET, **common)
    if kind == engine.SINGLE_CHOICE:
        return forms.ChoiceField(choices=_options(question), widget=forms.RadioSelect, **common)
    if kind == engine.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=_options(question), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == engine.SCALE:
        steps = [(str(n), str(n)) for n in range(int(question["min"]), int(question["max"]) + 1)]
        return forms.ChoiceField(choices=steps, widget=forms.RadioSelect(attrs={"class": "scale"}), **common)
    if kind == engine.YES_NO:
        return forms.ChoiceField(choices=[(YES, _("yes")), (NO, _("no"))], widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=engine.MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}), **common)


def _options(question: Mapping[str, Any]) -> list[tuple[str, str]]:
    return [(c["value"], c["label"]) for c in question["choices"]]


def to_answer(kind: str, value: Any) -> Any:
    """A cleaned form value as the engine's JSON answer."""
    if value in (None, "", []):
        return None
    if kind == engine.NUMBER:
        return _number(value)
    if kind == engine.DATE and isinstance(value, date):
        return value.isoformat()
    if kind == engine.SCALE:
        return int(value)
    if kind == engine.YES_NO:
        return value == YES
    if kind == engine.TEXT:
        return value.strip() or None
    return value


def to_initial(kind: str, value: Any) -> Any:
    if kind == engine.YES_NO and isinstance(value, bool):
        return YES if value else NO
    if kind == engine.SCALE and value is not None:
        return str(value)
    return value


REFRESHES = "refreshes"


def _controlling_keys(definition: Mapping[str, Any]) -> set[str]:
    """The questions whose answer decides whether another question is shown."""
    return {q["show_if"]["question"] for q in engine.questions(definition) if q.get("show_if")}


def _mark_refreshing(field: forms.Field) -> None:
    """A change of this answer re-renders the form (htmx): only these, so typing elsewhere is never lost."""
    field.refreshes = True  # type: ignore[attr-defined]  # read by question_field.html for radios and checkboxes
    classes = field.widget.attrs.get("class", "")
    field.widget.attrs["class"] = f"{classes} {REFRESHES}".strip()


class AnswerForm(forms.Form):
    """The questions shown for the answers so far; hidden ones are neither shown nor required.

    Without JavaScript the person presses "Update the questions" after answering a question
    others depend on; htmx does the same when such an answer changes (and only then).
    """

    filled_on = forms.DateField(label=gettext_lazy("Filled in on"), widget=DATE_WIDGET)

    def __init__(
        self,
        data: Any = None,
        *,
        definition: Mapping[str, Any],
        answers: Mapping[str, Any] | None = None,
        with_date: bool = True,
    ) -> None:
        self.definition = definition
        initial_answers = dict(answers or {})
        super().__init__(data, initial={"filled_on": timezone.localdate()})
        if not with_date:
            del self.fields["filled_on"]
        all_fields = {q["key"]: _answer_field(q) for q in engine.questions(definition)}
        self.partial_answers = self._parse(all_fields) if data is not None else initial_answers
        self.visible = engine.visible_keys(definition, self.partial_answers)
        for question in engine.questions(definition):
            key = question["key"]
            if key not in self.visible:
                continue
            field = all_fields[key]
            field.required = bool(question.get("required"))
            field.initial = to_initial(question["kind"], initial_answers.get(key))
            self.fields[FIELD_PREFIX + key] = field
        _style(self)
        for key in _controlling_keys(definition) & self.visible:
            _mark_refreshing(self.fields[FIELD_PREFIX + key])
        self.answers: dict[str, Any] = {}

    def _parse(self, fields: Mapping[str, forms.Field]) -> dict[str, Any]:
        """Best-effort typed answers from the raw data, to decide which questions are shown."""
        parsed: dict[str, Any] = {}
        for question in engine.questions(self.definition):
            field = fields[question["key"]]
            raw = field.widget.value_from_datadict(
                self.data, self.files, self.add_prefix(FIELD_PREFIX + question["key"])
            )
            try:
                parsed[question["key"]] = to_answer(question["kind"], field.clean(raw))
            except ValidationError:
                continue
        return {key: value for key, value in parsed.items() if value is not None}

    def clean_filled_on(self) -> date:
        filled_on: date = self.cleaned_data["filled_on"]
        if filled_on > timezone.localdate():
            raise ValidationError(_("The date of filling in cannot be in the future."), code="future")
        return filled_on

    def sections(self) -> list[dict[str, Any]]:
        """The sections with their bound fields, for the template."""
        result = []
        for section in self.definition.get("sections", []):
            fields = [self[FIELD_PREFIX + q["key"]] for q in section["questions"] if q["key"] in self.visible]
            if fields:
                result.append({"title": section["title"], "fields": fields})
        return result

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answers: dict[str, Any] = {}
        for question in engine.questions(self.definition):
            name = FIELD_PREFIX + question["key"]
            if name in data:
                value = to_answer(question["kind"], data[name])
                if value is not None:
                    answers[question["key"]] = value
        for problem in engine.answer_problems(self.definition, answers):
            name = FIELD_PREFIX + problem.question
            if name in self.fields and name not in self.errors:
                self.add_error(name, problem_message(problem, self.definition))
            elif name not in self.fields:
                self.add_error(None, problem_message(problem, self.definition))
        self.answers = engine.clean(self.definition, answers)
        return data

    @property
    def fields_by_question(self) -> dict[str, str]:
        """A question's key (as a service names it) → its field on this form."""
        return {
            name.removeprefix(FIELD_PREFIX): name for name in self.fields if name.startswith(FIELD_PREFIX)
        }
