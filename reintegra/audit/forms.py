from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.accounts.models import User
from reintegra.audit.display import ACTION_CHOICES
from reintegra.audit.selectors import EntryFilter, actors_for_user, content_types_logged
from reintegra.forms import add_bootstrap_classes


class RecordTypeField(forms.ModelChoiceField):
    """A kind of record by its name ("Participant"), not by its app and model ("people | participant")."""

    def label_from_instance(self, obj: Any) -> str:
        return capfirst(obj.name)


class EntryFilterForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    actor = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.none(), required=False)
    action = forms.TypedChoiceField(
        label=pgettext_lazy("what was done to a record", "Action"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any")), *ACTION_CHOICES],
    )
    content_type = RecordTypeField(
        label=_("Record type"), queryset=ContentType.objects.none(), required=False
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("Record contains"), required=False, max_length=100)

    def __init__(self, *args: Any, user: User, organisations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors_for_user(user)  # type: ignore[attr-defined]
        self.fields["content_type"].queryset = content_types_logged()  # type: ignore[attr-defined]
        if len(organisations) > 1:
            self.fields["organisation"].choices = [("", _("all"))] + [  # type: ignore[attr-defined]
                (organisation.pk, str(organisation)) for organisation in organisations
            ]
        else:  # an administrator of one organisation has nothing to choose
            del self.fields["organisation"]
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date cannot be earlier than the start date."))
        return cleaned

    def to_filter(self) -> EntryFilter:
        data = self.cleaned_data
        return EntryFilter(
            organisation_id=data.get("organisation"),
            actor_id=data["actor"].pk if data.get("actor") else None,
            action=data.get("action"),
            content_type_id=data["content_type"].pk if data.get("content_type") else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            text=data.get("text", ""),
        )
