"""The reach form turns text into a date and counts; the service decides what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.outcomes.models.reach import MOST_TOLD, NOTE_LIMIT
from reintegra.outcomes.reach.services import ReachData
from reintegra.programmes.models import Enrolment


class EnrolmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.participant)


class HeardFromForm(forms.Form):
    applicant = EnrolmentChoiceField(label=_("Applicant"), queryset=Enrolment.objects.none())
    told_by = EnrolmentChoiceField(
        label=_("Told about the programme by"),
        queryset=Enrolment.objects.none(),
        help_text=_("A participant of the programme who told the applicant about it."),
    )

    def __init__(
        self, *args: Any, applicants: QuerySet[Enrolment], participants: QuerySet[Enrolment], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant"].queryset = applicants  # type: ignore[attr-defined]
        self.fields["told_by"].queryset = participants  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class ReachForm(forms.Form):
    enrolment = EnrolmentChoiceField(label=_("Participant"), queryset=Enrolment.objects.none())
    recorded_on = forms.DateField(label=_("Recorded on"), widget=DATE_WIDGET)
    people_told = forms.IntegerField(
        label=_("People she told about the programme"),
        min_value=0,
        max_value=MOST_TOLD,
        help_text=_("Since her last record: neighbours, friends, family in a similar situation."),
    )
    applied = forms.IntegerField(label=_("Of whom applied"), min_value=0, max_value=MOST_TOLD, initial=0)
    note = forms.CharField(label=_("Note"), max_length=NOTE_LIMIT, required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, participants: QuerySet[Enrolment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = participants  # type: ignore[attr-defined]
        self.fields["recorded_on"].initial = timezone.localdate()
        self.fields["note"].widget.attrs["rows"] = 3
        add_bootstrap_classes(self)

    def reach_data(self) -> ReachData:
        data = self.cleaned_data
        return ReachData(
            recorded_on=data["recorded_on"],
            people_told=data["people_told"],
            applied=data["applied"],
            note=data["note"],
        )
