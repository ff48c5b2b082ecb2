"""Form pieces shared by the apps' forms: they import no app."""

from __future__ import annotations

from typing import Any

from django import forms

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_bootstrap_classes(form: forms.BaseForm) -> None:
    """Bootstrap's class on every field's widget: a select is a form-select, the rest form-control."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class WorkerChoiceField(forms.ModelChoiceField):
    """A choice of users by their name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)
