"""Forms turn text into a job profile's lists and an override's choice; the services decide."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.employers.matching.services import JOB_PROFILE_FIELDS, JobProfileData
from reintegra.employers.models import JobProfile, OfferKind, OverrideAction, Shift, TravelMode
from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.text import SHORT_TEXT

SEPARATORS = re.compile(r"[,;\n]+")


def _split(text: str) -> list[str]:
    return [part.strip() for part in SEPARATORS.split(text) if part.strip()]


class JobProfileForm(forms.Form):
    wanted_occupations = forms.CharField(
        label=_("Wanted occupations (KZiS codes)"),
        required=False,
        max_length=200,
        help_text=_("6-digit codes, or 4- or 2-digit groups, separated by commas, e.g. 512001, 9112."),
    )
    skills = forms.CharField(
        label=_("Skills"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separated by commas, as offers name them, e.g. baking, cash register."),
    )
    preferred_kinds = forms.MultipleChoiceField(
        label=_("Preferred kinds of offer"),
        choices=OfferKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    has_driving_licence = forms.BooleanField(label=_("Has a driving licence"), required=False)
    has_car = forms.BooleanField(label=_("Has a car"), required=False)
    travel_mode = forms.ChoiceField(label=_("How the person travels"), choices=TravelMode.choices)
    max_distance_km = forms.IntegerField(
        label=_("Farthest distance (km)"), required=False, min_value=0, max_value=500
    )
    max_travel_minutes = forms.IntegerField(
        label=_("Longest journey (minutes)"), required=False, min_value=0, max_value=600
    )
    home_latitude = forms.DecimalField(
        label=_("Home latitude (approximate)"), required=False, min_value=-90, max_value=90, decimal_places=5
    )
    home_longitude = forms.DecimalField(
        label=_("Home longitude (approximate)"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=5,
    )
    available_shifts = forms.MultipleChoiceField(
        label=_("Shifts the person can work"),
        choices=Shift.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any."),
    )
    max_hours_per_week = forms.IntegerField(
        label=_("Most hours a week"), required=False, min_value=1, max_value=60
    )
    care_duties = forms.CharField(
        label=_("Care duties"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    available_from = forms.DateField(label=_("Available from"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    @staticmethod
    def initial_of(profile: JobProfile | None) -> dict[str, Any]:
        if profile is None:
            return {}
        initial = {name: getattr(profile, name) for name in JOB_PROFILE_FIELDS}
        initial["wanted_occupations"] = ", ".join(profile.wanted_occupations)
        initial["skills"] = ", ".join(profile.skills)
        return initial

    def clean_wanted_occupations(self) -> list[str]:
        return _split(self.cleaned_data["wanted_occupations"])

    def clean_skills(self) -> list[str]:
        return _split(self.cleaned_data["skills"])

    def profile_data(self) -> JobProfileData:
        data = dict(self.cleaned_data)
        data["care_duties"] = data["care_duties"].strip()
        return JobProfileData(**{name: data[name] for name in JOB_PROFILE_FIELDS})


class OverrideForm(forms.Form):
    action = forms.ChoiceField(label=_("Override"), choices=OverrideAction.choices)
    reason = forms.CharField(
        label=_("Reason"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )
    back = forms.ChoiceField(choices=[("person", "person"), ("offer", "offer")], widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)
