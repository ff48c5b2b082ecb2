"""Forms of case work: they turn what a worker types into a date, a time, an amount in PLN."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, User
from reintegra.casework.models import CaseworkSettings, Meeting, MeetingKind, ServiceDelivery
from reintegra.casework.services import MEETING_FIELDS, SERVICE_FIELDS, MeetingData, NextStepData, ServiceData
from reintegra.forms import DATE_WIDGET, WorkerChoiceField, add_bootstrap_classes
from reintegra.people.models import Participant
from reintegra.plans.models import IndividualPlan
from reintegra.text import LONG_TEXT

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
NEXT_STEP_ROWS = 3


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text=_("A meeting in the future is saved as planned; one in the past as held."),
    )

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        family_field = self.fields["family_member"]
        family_field.queryset = participant.family.filter(removed_on__isnull=True)  # type: ignore[attr-defined]
        family_field.empty_label = _("the person themselves")  # type: ignore[attr-defined]
        self.fields["kind"].initial = MeetingKind.INDIVIDUAL_CONSULTATION
        add_bootstrap_classes(self)

    def meeting_data(self) -> MeetingData:
        return MeetingData(**{field: self.cleaned_data[field] for field in MEETING_FIELDS})


class NextStepForm(forms.Form):
    text = forms.CharField(label=_("Next step"), max_length=300, required=False)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("due_on") and not cleaned.get("text"):
            self.add_error("text", _("Say what the step is, or leave its due date empty."))
        return cleaned

    def step(self) -> NextStepData | None:
        text = (self.cleaned_data.get("text") or "").strip()
        return NextStepData(text=text, due_on=self.cleaned_data.get("due_on")) if text else None


NextStepFormSet = forms.formset_factory(NextStepForm, extra=NEXT_STEP_ROWS, max_num=NEXT_STEP_ROWS)


def next_steps_from(formset: forms.BaseFormSet) -> list[NextStepData]:
    return [step for form in formset.forms if (step := form.step()) is not None]


class MarkHeldForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=LONG_TEXT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class ServiceForm(forms.ModelForm):
    class Meta:
        model = ServiceDelivery
        fields = SERVICE_FIELDS
        localized_fields = ("cost",)  # "280,50" as Polish people write it
        widgets = {"delivered_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, partners: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider_organisation"]
        provider.queryset = Organisation.objects.filter(pk__in=[o.pk for o in partners])  # type: ignore[attr-defined]
        provider.empty_label = _("— not a partner organisation —")  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def service_data(self) -> ServiceData:
        return ServiceData(**{field: self.cleaned_data[field] for field in SERVICE_FIELDS})


class AssignForm(forms.Form):
    worker = WorkerChoiceField(label=_("Case worker"), queryset=User.objects.none())

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = staff  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = CaseworkSettings
        fields = ("contact_interval_days",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class ToPlanForm(forms.Form):
    """The person's open plan a meeting's next step joins as an action."""

    plan = forms.ModelChoiceField(label=_("Plan"), queryset=IndividualPlan.objects.none())

    def __init__(self, *args: Any, plans: QuerySet[IndividualPlan], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        add_bootstrap_classes(self)
