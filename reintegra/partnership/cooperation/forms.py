"""Forms of the stage roles and agreements: text in, values for the services out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.partnership.cooperation.services import AgreementData
from reintegra.partnership.models import Stage
from reintegra.partnership.snapshot import REFERABLE_FIELDS
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


class AgreementForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Organisation.objects.none(),
        error_messages={
            "required": _("Choose the member the agreement is signed with."),
            "invalid_choice": _("Choose one of the partnership's members."),
        },
    )
    number = forms.CharField(
        label=_("Number or title"),
        max_length=200,
        error_messages={"required": _("Give the agreement's number or title.")},
    )
    scope = forms.CharField(
        label=_("Scope"),
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the partner undertakes under the agreement.")},
    )
    signed_on = forms.DateField(
        label=_("Signed on"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Give the day it was signed.")},
    )
    valid_from = forms.DateField(
        label=_("Valid from"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Give the day the agreement comes into force.")},
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=DATE_WIDGET, help_text=_("Empty: open-ended.")
    )
    data_fields = forms.MultipleChoiceField(
        label=_("Data the partner may receive in a referral"),
        required=False,
        choices=list(REFERABLE_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A referral carries to this partner only the fields ticked here. Disadvantages such as "
            "disability are special-category data: they still need the person's consent or an art. 9 "
            "RODO basis on each referral."
        ),
        error_messages={"invalid_choice": _("Choose the data the partner may receive from the list.")},
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def agreement_data(self) -> AgreementData:
        data = self.cleaned_data
        return AgreementData(
            number=data["number"],
            scope=data["scope"],
            signed_on=data["signed_on"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            fields=list(data["data_fields"]),
        )
