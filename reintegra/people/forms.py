"""Forms turn what people type into clean values: a compact PESEL, a date, a TERC unit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.collation import by_name
from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.people import identifiers
from reintegra.people.models import (
    PESEL_IN_THE_FUTURE,
    Consent,
    Degurba,
    FamilyMember,
    LabourStatus,
    Participant,
    Sex,
    TercUnit,
)
from reintegra.people.selectors import ParticipantFilter
from reintegra.people.services import FAMILY_FIELDS, PARTICIPANT_FIELDS, FamilyMemberData, ParticipantData


class PlainSelect(forms.Select):
    """A select without option groups, written out in Python.

    Django renders each option of a select through its own template, about 0.1 ms per option;
    the participant list renders its four filters again on every search.
    """

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _options, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group_name, group, _index in widget["optgroups"]
                for option in group
            ),
        )
        return format_html("<select{}>{}</select>", flatatt({"name": name, **widget["attrs"]}), options)


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Name or PESEL"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("any")), *Sex.choices], widget=PlainSelect
    )
    labour_status = forms.ChoiceField(
        label=_("Labour-market status"),
        required=False,
        choices=[("", _("any")), *LabourStatus.choices],
        widget=PlainSelect,
    )
    degurba = forms.TypedChoiceField(
        label=_("Area of residence"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("any")), *Degurba.choices],
        widget=PlainSelect,
    )
    programme = forms.TypedChoiceField(
        label=_("Programme"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=PlainSelect,
        help_text=_("People who applied to or are enrolled in the programme."),
    )

    def __init__(self, *args: Any, programmes: Iterable[tuple[int, str]] = (), **kwargs: Any) -> None:
        """``programmes``: (id, name) of the programmes the list may be narrowed by."""
        super().__init__(*args, **kwargs)
        # Plain choices from one query: validating the choice costs no second query.
        self.fields["programme"].choices = [("", _("any")), *programmes]  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def to_filter(self) -> ParticipantFilter:
        data = self.cleaned_data
        return ParticipantFilter(
            q=data.get("q") or "",
            sex=data.get("sex") or "",
            labour_status=data.get("labour_status") or "",
            degurba=data.get("degurba"),
            programme_id=data.get("programme"),
        )


class TercGminaField(forms.CharField):
    """A gmina by its 7-digit TERC code (the code on every GUS list), turned into a TercUnit."""

    default_error_messages = {
        "invalid": _("Enter the 7-digit TERC code of the gmina."),
        "unknown": _("Unknown TERC code %(code)s: no such gmina in the register."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, TercUnit):
            return value.code
        return value

    def clean(self, value: Any) -> TercUnit | None:
        code = "".join(str(super().clean(value) or "").split())
        if not code:
            return None
        if not identifiers.TERC_GMINA.match(code):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        unit = TercUnit.objects.filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"code": code})
        return unit


class ParticipantForm(forms.ModelForm[Participant]):
    # Longer than 11: people type PESELs with spaces; clean_pesel compacts and checks it.
    pesel = forms.CharField(
        label=_("PESEL"),
        required=False,
        max_length=20,
        help_text=_("Leave empty for a person without a PESEL and give an identity document."),
    )
    gmina = TercGminaField(
        label=_("Gmina (TERC code)"),
        required=False,
        help_text=_("The 7-digit TERC code, e.g. 3035011."),
    )

    class Meta:
        model = Participant
        fields = PARTICIPANT_FIELDS
        widgets = {
            "birth_date": DATE_WIDGET,
            "pup_registration_date": DATE_WIDGET,
        }
        help_texts = {
            "birth_date": _("Filled in from the PESEL when left empty."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = False
        add_bootstrap_classes(self)

    def clean_pesel(self) -> str:
        value = "".join(str(self.cleaned_data.get("pesel") or "").split())
        if value:
            try:
                return identifiers.pesel_validate(value)
            except identifiers.PeselFromTheFutureError:
                raise forms.ValidationError(PESEL_IN_THE_FUTURE, code="pesel_in_the_future") from None
            except identifiers.InvalidPeselError:
                raise forms.ValidationError(
                    _("Enter a valid PESEL: 11 digits with a correct check digit and a real birth date."),
                    code="invalid_pesel",
                ) from None
        return value

    def clean_postal_code(self) -> str:
        value = "".join(str(self.cleaned_data.get("postal_code") or "").split())
        if len(value) == 5 and value.isdigit():
            value = f"{value[:2]}-{value[2:]}"
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("pesel") and not data.get("birth_date"):
            data["birth_date"] = identifiers.pesel_birth_date(data["pesel"])
        elif not data.get("birth_date") and not ({"pesel", "birth_date"} & set(self.errors)):
            self.add_error(
                "birth_date",
                forms.ValidationError(_("Give the birth date of a person without a PESEL."), code="required"),
            )
        return data

    def _post_clean(self) -> None:
        # The derived birth date must reach the instance before the model's own checks run.
        if self.cleaned_data.get("birth_date"):
            self.instance.birth_date = self.cleaned_data["birth_date"]
        super()._post_clean()  # type: ignore[misc]

    def participant_data(self) -> ParticipantData:
        return ParticipantData(**{field: self.cleaned_data[field] for field in PARTICIPANT_FIELDS})


class ParticipantCreateForm(ParticipantForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    confirm_different_person = forms.BooleanField(
        label=_("I have checked: this is a different person"), required=False
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations]).order_by(
            *by_name("name")
        )
        if len(organisations) == 1:
            field.initial = organisations[0].pk
        field.widget.attrs["class"] = "form-select"
        self.order_fields(["organisation"])


class FamilyMemberForm(forms.ModelForm[FamilyMember]):
    class Meta:
        model = FamilyMember
        fields = FAMILY_FIELDS
        widgets = {"birth_date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def family_member_data(self) -> FamilyMemberData:
        return FamilyMemberData(**{field: self.cleaned_data[field] for field in FAMILY_FIELDS})


class ConsentForm(forms.ModelForm[Consent]):
    class Meta:
        model = Consent
        fields = ("kind", "given_on", "document")
        widgets = {"given_on": DATE_WIDGET}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate
        add_bootstrap_classes(self)


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), initial=timezone.localdate, widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)
