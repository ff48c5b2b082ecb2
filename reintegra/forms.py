"""Form pieces shared by the apps' forms (they import no app), and the one way to show a
service's refusal on the form that asked for it.

A service raises ``ValidationError`` naming the fields it refuses (``{"end_on": [...]}``); a
message about one row of a formset carries the row in its params (``params={"action": 2}``).
``add_service_error`` puts each message where the user will look for it: on that row's field,
else on the form's field of that name (or of its new name on this form), else above the form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BoundField(forms.BoundField):
    """A field as every form renders it: a checkbox in Bootstrap's class, and a field with errors
    marked for the eye (``is-invalid``) as Django marks it for a screen reader (``aria-invalid``,
    ``aria-describedby`` naming ``<id>_error`` and ``<id>_helptext``, which includes/field.html
    writes)."""

    def build_widget_attrs(self, attrs: Any, widget: forms.Widget | None = None) -> dict[str, Any]:
        built: dict[str, Any] = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = str(built.get("class") or widget.attrs.get("class") or "")
        if isinstance(widget, forms.CheckboxInput) and not css:
            css = "form-check-input"
        if self.errors and not widget.is_hidden:
            css = f"{css} is-invalid"
        if css.strip():
            built["class"] = css.strip()
        return built


class FormRenderer(DjangoTemplates):
    """The project's form renderer (settings ``FORM_RENDERER``): its fields are ``BoundField``."""

    bound_field_class = BoundField


def add_bootstrap_classes(form: forms.BaseForm) -> None:
    """Bootstrap's class on every field's widget: a select is a form-select, the rest form-control."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)


class WorkerChoiceField(forms.ModelChoiceField):
    """A choice of users by their name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def add_service_error(
    form: forms.BaseForm,
    error: ValidationError,
    *,
    rows: Mapping[str, Sequence[forms.BaseForm]] | None = None,
    renamed: Mapping[str, str] | None = None,
) -> None:
    """``rows``: a formset's row forms by the param that names a row in a message; ``renamed``:
    the service's field name → the form's."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.error_dict.items():
        field = (renamed or {}).get(name, name)
        for message in messages:
            row = _row(message, rows or {})
            if row is not None and field in row.fields:
                row.add_error(field, message)
            else:
                form.add_error(field if field in form.fields else None, message)


def _row(message: ValidationError, rows: Mapping[str, Sequence[forms.BaseForm]]) -> forms.BaseForm | None:
    params = message.params or {}
    for kind, row_forms in rows.items():
        index = params.get(kind)
        if isinstance(index, int) and 0 <= index < len(row_forms):
            return row_forms[index]
    return None
