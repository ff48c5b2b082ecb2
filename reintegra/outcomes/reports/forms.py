"""The report's GET form: what to count (a programme, the organisation, a partnership) and the
period. A scope out of the reader's reach is not among the choices, so it is refused on its
field like one that does not exist."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import User
from reintegra.forms import DATE_WIDGET, add_bootstrap_classes, add_service_error
from reintegra.outcomes.reports import completeness, scopes
from reintegra.outcomes.reports.period import period_of
from reintegra.outcomes.tables import Period


class ReportForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Report for"),
        error_messages={
            "invalid_choice": _("Choose a programme, organisation or partnership from the list."),
        },
    )
    start = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("To"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes.choices_for_user(user)  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("start") and cleaned.get("end"):
            try:
                period_of(cleaned["start"], cleaned["end"])
            except ValidationError as error:
                add_service_error(self, error)
        return cleaned

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])

    def out_of_reach(self) -> bool:
        """The scope asked for is one the reader may not see (or none that exists)."""
        return any(error.code == "invalid_choice" for error in self.errors.as_data().get("scope", []))


class CompletenessForm(forms.Form):
    """Whose data to check: a programme of the reader's organisation, or the whole organisation
    (never a partnership: the check names people)."""

    scope = forms.ChoiceField(
        label=_("Programme"),
        error_messages={"invalid_choice": _("Choose a programme or your organisation from the list.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = scopes.choices_for_user(user, kinds=completeness.KINDS)
        self.fields["scope"].choices = choices  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def out_of_reach(self) -> bool:
        return any(error.code == "invalid_choice" for error in self.errors.as_data().get("scope", []))
