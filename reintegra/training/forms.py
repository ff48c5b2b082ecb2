"""Forms turn text into dates, hours and choices of staff; the services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, User
from reintegra.forms import DATE_WIDGET, WorkerChoiceField, add_bootstrap_classes
from reintegra.programmes.models import Programme
from reintegra.text import SHORT_TEXT
from reintegra.training.models import Module, Training
from reintegra.training.services import SessionData, SupervisionData

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OrganisationChoiceMixin:
    """The organisation field: hidden when the user acts for one organisation only."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def limit_organisations(self, organisations: list[Organisation]) -> None:
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if len(organisations) == 1:
            field.initial = organisations[0]
            field.widget = forms.HiddenInput()
        self.organisations = organisations

    def clean_organisation(self) -> Organisation:
        chosen: Organisation | None = self.cleaned_data.get("organisation")
        if chosen is None and len(self.organisations) == 1:
            return self.organisations[0]
        if chosen is None:
            raise forms.ValidationError(_("Choose the organisation."))
        return chosen


class TrainingForm(OrganisationChoiceMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit_organisations(organisations)
        add_bootstrap_classes(self)


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    hours = forms.DecimalField(
        label=_("Hours"), min_value=Decimal("0.5"), max_value=Decimal(500), decimal_places=1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class TrainingSessionForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    starts_at = forms.DateTimeField(label=_("Start"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("End"), widget=DATETIME_WIDGET)
    trainer = forms.CharField(label=_("Trainer"), max_length=200)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args: Any, training: Training, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = training.modules.order_by("position", "pk")  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def session_data(self) -> SessionData:
        data = {name: value for name, value in self.cleaned_data.items() if name != "module"}
        return SessionData(**data)


class CompletionForm(forms.Form):
    user = WorkerChoiceField(label=_("Person"), queryset=User.objects.none())
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE_WIDGET)
    certificate_number = forms.CharField(
        label=_("Certificate number"),
        max_length=50,
        required=False,
        help_text=_("Leave empty for the next number of the year (e.g. 2026/7)."),
    )

    def __init__(self, *args: Any, trainees: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(pk__in=[u.pk for u in trainees])  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class SupervisionForm(OrganisationChoiceMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    supervisor = forms.CharField(label=_("Supervisor"), max_length=200)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=600)
    staff = forms.ModelMultipleChoiceField(
        label=_("Staff who took part"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], programmes: Any, staff: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.limit_organisations(organisations)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["staff"].queryset = staff  # type: ignore[attr-defined]
        self.fields["staff"].label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def supervision_data(self) -> SupervisionData:
        data = self.cleaned_data
        return SupervisionData(
            held_on=data["held_on"],
            supervisor=data["supervisor"],
            topic=data["topic"],
            duration_minutes=data["duration_minutes"],
            programme=data["programme"],
        )


class RequirementForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=())
    training = forms.ModelChoiceField(label=_("Training"), queryset=Training.objects.none())

    def __init__(self, *args: Any, roles: list[tuple[str, str]], trainings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles  # type: ignore[attr-defined]
        self.fields["training"].queryset = trainings  # type: ignore[attr-defined]
        add_bootstrap_classes(self)
