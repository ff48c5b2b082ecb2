"""The report's choice of programme and period; the survey itself is the questionnaire's form."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.outcomes.tables import Period
from reintegra.programmes.models import Programme


class ReportForm(forms.Form):
    programme = forms.ModelChoiceField(label=gettext_lazy("Programme"), queryset=Programme.objects.none())
    start = forms.DateField(label=gettext_lazy("Left from"), widget=DATE_WIDGET)
    end = forms.DateField(label=gettext_lazy("Left until"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, programmes: QuerySet[Programme], **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"start": date(today.year, 1, 1), "end": today})
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = programmes
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])

    def report_query(self) -> str:
        """The choice as a query string, for the export links."""
        return str(self.data.urlencode()) if hasattr(self.data, "urlencode") else ""
