"""Forms turn text into identifiers, codes and lists; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, validate_nip, validate_regon
from reintegra.employers import selectors
from reintegra.employers.models import (
    CompanySize,
    ContractType,
    Employer,
    Occupation,
    OfferKind,
    OfferStatus,
    Sector,
    Shift,
    Site,
)
from reintegra.employers.selectors import EmployerFilter, OfferFilter
from reintegra.employers.services import ContactData, EmployerData, OfferData, SiteData
from reintegra.employers.skills import skills_from_text
from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.partnership.models import Partnership
from reintegra.people.models import TercUnit
from reintegra.text import SHORT_TEXT


def _digits(value: str, *, allowed: str = "- ") -> str:
    """A number as people write it (``526-025-02-74``), as digits; other characters are an error."""
    text = value.strip()
    if any(not (char.isdigit() or char in allowed) for char in text):
        raise ValidationError(_("Write only digits (dashes and spaces are allowed)."), code="not_digits")
    return "".join(char for char in text if char.isdigit())


class EmployerForm(forms.Form):
    kept_by = forms.ModelChoiceField(
        label=_("Kept by"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The organisation whose staff work with this employer."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    short_name = forms.CharField(label=_("Short name"), max_length=50, required=False)
    nip = forms.CharField(label=_("NIP"), max_length=13, required=False, help_text=_("10 digits."))
    regon = forms.CharField(label=_("REGON"), max_length=17, required=False, help_text=_("9 or 14 digits."))
    sector = forms.ChoiceField(label=_("Sector (PKD section)"), choices=Sector.choices)
    size = forms.ChoiceField(label=_("Size"), choices=CompanySize.choices)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    partnership = forms.ModelChoiceField(
        label=_("Partnership"), queryset=Partnership.objects.none(), required=False
    )
    cooperating_since = forms.DateField(label=_("Cooperating since"), required=False, widget=DATE_WIDGET)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        organisations: list[Organisation],
        partnerships: Any = None,
        employer: Employer | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = organisations
        kept_by = self.fields["kept_by"]
        kept_by.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if employer is not None or len(organisations) == 1:
            kept_by.widget = forms.HiddenInput()
        if partnerships is not None:
            self.fields["partnership"].queryset = partnerships  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean_kept_by(self) -> Organisation:
        chosen: Organisation | None = self.cleaned_data.get("kept_by")
        if chosen is None and len(self.organisations) == 1:
            return self.organisations[0]
        if chosen is None:
            raise ValidationError(_("Choose the organisation that keeps the employer."))
        return chosen

    def clean_nip(self) -> str:
        nip = _digits(self.cleaned_data["nip"])
        if nip:
            validate_nip(nip)
        return nip

    def clean_regon(self) -> str:
        regon = _digits(self.cleaned_data["regon"])
        if regon:
            validate_regon(regon)
        return regon

    def employer_data(self) -> EmployerData:
        data = self.cleaned_data
        return EmployerData(
            **{name: data[name] for name in EmployerData.__dataclass_fields__ if name in data}
        )


class EmployerFilterForm(forms.Form):
    text = forms.CharField(label=_("Name, NIP or REGON"), max_length=100, required=False)
    sector = forms.ChoiceField(
        label=_("Sector (PKD section)"), choices=[("", _("any")), *Sector.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def to_filter(self) -> EmployerFilter:
        return EmployerFilter(text=self.cleaned_data["text"], sector=self.cleaned_data["sector"])


class SiteForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("E.g. the shop in the market square.")
    )
    # Left to the service, which names the missing part of the address.
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{2}-\d{3}$",
        required=False,
        error_messages={"invalid": _("Write it as 00-000.")},
    )
    town = forms.CharField(label=_("Town"), max_length=100, required=False)
    gmina = forms.CharField(
        label=_("Gmina (TERC code)"),
        max_length=7,
        required=False,
        help_text=_("The 7-digit TERC code of the gmina, e.g. 1465011."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=5
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=5
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean_gmina(self) -> TercUnit | None:
        code = self.cleaned_data["gmina"].strip()
        if not code:
            return None
        unit = TercUnit.objects.filter(code=code).first() if code.isdigit() and len(code) == 7 else None
        if unit is None:
            raise ValidationError(
                _("No gmina of the TERC register has the code %(code)s."), params={"code": code}
            )
        return unit

    def site_data(self) -> SiteData:
        return SiteData(**{name: self.cleaned_data[name] for name in SiteData.__dataclass_fields__})


class ContactForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("She gets a link to set her password here."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def contact_data(self) -> ContactData:
        return ContactData(**self.cleaned_data)


# --- Offers ----------------------------------------------------------------------------------

SKILLS_HELP = _("One per line, or separated by commas.")


class OfferForm(forms.Form):
    """An offer. The occupation is found without JavaScript: type a KZiS code or a word of its
    name and press "Find the code" (``FIND``): the page comes back with the matching codes to
    choose from. An occupation without a code may be written in words instead; such an offer
    is flagged until it is coded."""

    FIND = "find_occupation"

    kind = forms.ChoiceField(label=_("Kind"), choices=OfferKind.choices)
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    occupation_query = forms.CharField(
        label=_("Find an occupation"),
        max_length=100,
        required=False,
        help_text=_("A KZiS code (e.g. 751204) or a word of the occupation's name (e.g. piekarz)."),
    )
    occupation = forms.ChoiceField(label=_("Occupation (KZiS)"), required=False)
    occupation_text = forms.CharField(
        label=_("Occupation in words"),
        max_length=200,
        required=False,
        help_text=_("Only when no code fits; the offer is marked as without a KZiS code."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    required_skills = forms.CharField(
        label=_("Required skills"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=SKILLS_HELP,
    )
    nice_skills = forms.CharField(
        label=_("Nice-to-have skills"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=SKILLS_HELP,
    )
    hours_per_week = forms.IntegerField(label=_("Hours a week"), min_value=1, max_value=60)
    shifts = forms.MultipleChoiceField(
        label=_("Shifts"), choices=Shift.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    contract_type = forms.ChoiceField(label=_("Contract type"), choices=ContractType.choices)
    needs_driving_licence = forms.BooleanField(label=_("Needs a driving licence"), required=False)
    needs_car = forms.BooleanField(label=_("Needs a car"), required=False)
    # Left to the service, which says what an offer needs (at least one place).
    places = forms.IntegerField(label=_("Places"), max_value=1000)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE_WIDGET)
    duration_months = forms.IntegerField(
        label=_("Duration in months"),
        required=False,
        min_value=1,
        max_value=36,
        help_text=_("An internship lasts two months unless you give another number."),
    )

    def __init__(self, *args: Any, employer: Employer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = selectors.sites_of(employer)  # type: ignore[attr-defined]
        query = self._value("occupation_query")
        found = selectors.occupation_search(query) if query else []
        current = selectors.occupation_by_code(self._value("occupation"))
        if current is not None and current not in found:
            found.insert(0, current)
        self.fields["occupation"].choices = [("", _("— none chosen —"))] + [  # type: ignore[attr-defined]
            (occupation.code, str(occupation)) for occupation in found
        ]
        self.found_nothing = bool(query) and not found
        add_bootstrap_classes(self)

    def _value(self, name: str) -> str:
        if self.is_bound:
            return str(self.data.get(self.add_prefix(name), "") or "")
        return str(self.initial.get(name, "") or "")

    def clean_occupation(self) -> Occupation | None:
        code = self.cleaned_data["occupation"]
        return selectors.occupation_by_code(code) if code else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("occupation") is None:
            # A code typed in the search box and saved without choosing it is taken as chosen.
            cleaned["occupation"] = selectors.occupation_by_code(cleaned.get("occupation_query", ""))
        return cleaned

    def offer_data(self) -> OfferData:
        data = self.cleaned_data
        return OfferData(
            kind=data["kind"],
            site=data["site"],
            hours_per_week=data["hours_per_week"],
            contract_type=data["contract_type"],
            places=data["places"],
            title=data["title"],
            occupation=data["occupation"],
            occupation_text=data["occupation_text"],
            description=data["description"],
            required_skills=tuple(skills_from_text(data["required_skills"])),
            nice_skills=tuple(skills_from_text(data["nice_skills"])),
            shifts=tuple(data["shifts"]),
            needs_driving_licence=data["needs_driving_licence"],
            needs_car=data["needs_car"],
            starts_on=data["starts_on"],
            duration_months=data["duration_months"],
        )

    @staticmethod
    def initial_of(data: OfferData) -> dict[str, Any]:
        initial: dict[str, Any] = dict(data.__dict__)
        initial["site"] = data.site.pk
        initial["occupation"] = data.occupation.code if data.occupation else ""
        initial["required_skills"] = "\n".join(data.required_skills)
        initial["nice_skills"] = "\n".join(data.nice_skills)
        initial["shifts"] = list(data.shifts)
        return initial


class OfferFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("any")), *OfferKind.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("any")), *OfferStatus.choices], required=False
    )
    occupation = forms.RegexField(
        label=_("KZiS code"),
        regex=r"^(\d{1,6}|-)$",
        required=False,
        help_text=_("A code or its beginning; a dash for offers without a code."),
        error_messages={"invalid": _("Write up to 6 digits, or a dash.")},
    )
    gmina = forms.RegexField(
        label=_("Gmina (TERC code)"),
        regex=r"^\d{1,7}$",
        required=False,
        help_text=_("A code or its beginning (2 digits a voivodeship, 4 a county)."),
        error_messages={"invalid": _("Write up to 7 digits.")},
    )
    employer = forms.IntegerField(
        label=_("employer"), widget=forms.HiddenInput(), required=False, min_value=1, max_value=2**63 - 1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def to_filter(self) -> OfferFilter:
        data = self.cleaned_data
        return OfferFilter(
            kind=data["kind"],
            status=data["status"],
            occupation=data["occupation"],
            gmina=data["gmina"],
            employer=data["employer"],
        )


class ExtendForm(forms.Form):
    months = forms.IntegerField(label=_("Extend by (months)"), min_value=1, max_value=36)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)
