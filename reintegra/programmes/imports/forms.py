from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The columns and their allowed values are described in the import guide."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,.xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and report, write nothing"), required=False, initial=True
    )
