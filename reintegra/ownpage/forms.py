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
