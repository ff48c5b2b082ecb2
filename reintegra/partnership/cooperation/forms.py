"""Forms of the stage roles and agreements: text in, values for the services out."""

from __future__ import annotations

from typing import Any

from django import forms

from reintegra.forms import add_bootstrap_classes
from reintegra.partnership.models import Stage
from reintegra.text import SHORT_TEXT


class StageRolesForm(forms.Form):
    """One text per stage: what the member does then; empty where it does nothing."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for stage in Stage:
            self.fields[stage.value] = forms.CharField(
                label=stage.label,
                required=False,
                max_length=SHORT_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        add_bootstrap_classes(self)
