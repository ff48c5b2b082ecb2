"""A service's refusal lands where the user looks for it (``reintegra.forms.add_service_error``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from reintegra.forms import add_service_error


class PlanForm(forms.Form):
    starts_on = forms.DateField()


class ActionForm(forms.Form):
    deadline = forms.DateField()


def test_a_message_naming_a_field_of_the_form_goes_on_that_field() -> None:
    form = PlanForm({"starts_on": "2026-01-05"})
    form.is_valid()

    add_service_error(form, ValidationError({"starts_on": "Za wcześnie.", "series": "Konflikt."}))

    assert form.errors == {"starts_on": ["Za wcześnie."], "__all__": ["Konflikt."]}


def test_a_message_about_a_row_goes_on_that_rows_field() -> None:
    form = PlanForm({"starts_on": "2026-01-05"})
    actions = [ActionForm({"deadline": "2026-02-01"}), ActionForm({"deadline": "2026-01-01"})]
    for each in (form, *actions):
        each.is_valid()

    add_service_error(
        form,
        ValidationError({"deadline": ValidationError("Przed początkiem.", params={"action": 1})}),
        rows={"action": actions},
    )

    assert (actions[0].errors, actions[1].errors, form.errors) == (
        {},
        {"deadline": ["Przed początkiem."]},
        {},
    )


def test_a_field_the_form_calls_otherwise_is_found_by_its_new_name_and_a_plain_message_goes_above() -> None:
    form = PlanForm({"starts_on": "2026-01-05"})
    form.is_valid()

    add_service_error(form, ValidationError({"start": "Za wcześnie."}), renamed={"start": "starts_on"})
    add_service_error(form, ValidationError("Plan jest zamknięty."))

    assert form.errors == {"starts_on": ["Za wcześnie."], "__all__": ["Plan jest zamknięty."]}
