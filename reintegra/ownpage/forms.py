from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import User
from reintegra.outcomes.exits.services import Employment
from reintegra.outcomes.models import EmploymentForm, Improvement
from reintegra.outcomes.models.reach import MOST_TOLD
from reintegra.text import SHORT_TEXT


class PassportEntryForm(forms.Form):
    text = forms.CharField(
        label=_("What did you do or learn?"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a course, a volunteering day, a skill. Your worker will confirm it."),
    )


class OwnProposalForm(forms.Form):
    title = forms.CharField(label=_("Name of the activity"), max_length=200)
    description = forms.CharField(
        label=_("What would we do?"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    builds_towards = forms.CharField(
        label=_("How does it help towards work?"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AccountLinkForm(forms.Form):
    account = forms.ModelChoiceField(
        label=_("Participant's account"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("– no account (unlink) –"),
    )

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = accounts  # type: ignore[attr-defined]


class OwnFollowUpForm(forms.Form):
    """The person's own answer to a follow-up after she left a programme, in plain words."""

    employed = forms.BooleanField(label=_("I work (also on my own account)"), required=False)
    employment_form = forms.ChoiceField(
        label=_("On what terms?"), required=False, choices=[("", "—"), *EmploymentForm.choices]
    )
    weekly_hours = forms.DecimalField(
        label=_("How many hours a week?"), required=False, max_digits=5, decimal_places=1
    )
    job_seeking = forms.BooleanField(label=_("I am looking for work"), required=False)
    in_education = forms.BooleanField(label=_("I am learning or training"), required=False)
    improvement = forms.ChoiceField(
        label=_("Has your work changed for the better since you joined?"),
        required=False,
        choices=[("", _("no")), *Improvement.choices],
    )

    def __init__(self, *args: Any, employed_at_entry: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not employed_at_entry:
            del self.fields["improvement"]

    def employment(self) -> Employment:
        data = self.cleaned_data
        return Employment(
            employed=data["employed"], form=data["employment_form"], weekly_hours=data["weekly_hours"]
        )


class OwnReachForm(forms.Form):
    """Whom the person told about the programme since her last entry: how many, never who."""

    people_told = forms.IntegerField(
        label=_("How many people did you tell about the programme since your last entry?"),
        min_value=0,
        max_value=MOST_TOLD,
        help_text=_("Neighbours, friends, family in a similar situation. Only the number, no names."),
    )
    applied = forms.IntegerField(
        label=_("How many of them applied to the programme?"), min_value=0, max_value=MOST_TOLD, initial=0
    )
