from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import User
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
