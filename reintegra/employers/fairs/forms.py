"""Forms turn text into dates, hours, points and choices; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, User
from reintegra.activities.models import Venue
from reintegra.employers.fairs.contest import CriterionData
from reintegra.employers.fairs.services import FairData, OutcomeData, StandData
from reintegra.employers.models import Employer, FairStand, Offer, OutcomeKind
from reintegra.forms import DATE_WIDGET, WorkerChoiceField, add_bootstrap_classes
from reintegra.text import SHORT_TEXT

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OrganisationChoice(forms.Form):
    """A form whose first field is the organisation it is for, hidden when there is one."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if len(organisations) == 1:
            field.initial = organisations[0]
            field.widget = forms.HiddenInput()
        self.organisations = organisations
        add_bootstrap_classes(self)

    def clean_organisation(self) -> Organisation:
        chosen: Organisation | None = self.cleaned_data.get("organisation")
        if chosen is None and len(self.organisations) == 1:
            return self.organisations[0]
        if chosen is None:
            raise forms.ValidationError(_("Choose the organising organisation."))
        return chosen


class FairForm(OrganisationChoice):
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Job fair (Ryneczek pracy)"))
    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    starts_at = forms.TimeField(label=_("Starts at"), widget=TIME_WIDGET)
    ends_at = forms.TimeField(label=_("Ends at"), widget=TIME_WIDGET)
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        required=False,
        help_text=_("One of the organisation's venues; or leave it empty and write the address."),
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    sign_up_until = forms.DateField(
        label=_("Employers sign up until"),
        widget=DATE_WIDGET,
        help_text=_("The last day on which employers may sign up for a stand."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, venues: QuerySet[Venue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues  # type: ignore[attr-defined]

    def fair_data(self) -> FairData:
        data = self.cleaned_data
        return FairData(
            title=data["title"],
            held_on=data["held_on"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            sign_up_until=data["sign_up_until"],
            venue=data["venue"],
            address=data["address"],
            description=data["description"],
        )


class OfferChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.get_kind_display()})"


class SignUpForm(forms.Form):
    """What an employer brings to the fair: in words, and which of its offers."""

    offering = forms.CharField(
        label=_("What you offer at the stand"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    offers = OfferChoiceField(
        label=_("Offers shown at the stand"),
        queryset=Offer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, offers: QuerySet[Offer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offers"].queryset = offers  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def stand_data(self, employer: Employer) -> StandData:
        return StandData(
            employer=employer,
            offering=self.cleaned_data["offering"],
            offers=list(self.cleaned_data["offers"]),
        )


class StandForm(SignUpForm):
    """A coordinator adds an employer's stand."""

    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none())
    number = forms.IntegerField(
        label=_("Stand number"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("Empty: the next free number."),
    )
    field_order = ["employer", "number", "offering", "offers"]

    def __init__(self, *args: Any, employers: QuerySet[Employer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def stand_data(self, employer: Employer | None = None) -> StandData:
        data = self.cleaned_data
        return StandData(
            employer=data["employer"],
            offering=data["offering"],
            offers=list(data["offers"]),
            number=data["number"],
        )


class StandChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class InterviewForm(forms.Form):
    stand = StandChoiceField(label=_("Stand"), queryset=FairStand.objects.none())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, stands: QuerySet[FairStand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stand"].queryset = stands  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class OutcomeForm(forms.Form):
    stand = StandChoiceField(label=_("Stand"), queryset=FairStand.objects.none())
    kind = forms.ChoiceField(label=_("What followed"), choices=OutcomeKind.choices)
    offer = forms.ModelChoiceField(
        label=_("Offer"),
        queryset=Offer.objects.none(),
        required=False,
        help_text=_("If it follows one of the employer's offers."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, stands: QuerySet[FairStand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stand"].queryset = stands  # type: ignore[attr-defined]
        self.fields["offer"].queryset = Offer.objects.filter(  # type: ignore[attr-defined]
            employer__fair_stands__in=stands
        ).order_by("title", "pk")
        add_bootstrap_classes(self)

    def outcome_data(self) -> OutcomeData:
        data = self.cleaned_data
        return OutcomeData(stand=data["stand"], kind=data["kind"], offer=data["offer"], note=data["note"])


# --- The contest ---------------------------------------------------------------------------


class ContestForm(OrganisationChoice):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("Socially responsible employer"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    weight = forms.DecimalField(label=_("Weight"), min_value=0.01, max_value=100, decimal_places=2, initial=1)
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=100, initial=0)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def criterion_data(self) -> CriterionData:
        return CriterionData(**self.cleaned_data)


class JurorForm(forms.Form):
    juror = WorkerChoiceField(label=_("Juror"), queryset=User.objects.none())

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["juror"].queryset = candidates  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class NominationForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("Employer"), queryset=Employer.objects.none())
    justification = forms.CharField(
        label=_("Justification"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, employers: QuerySet[Employer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers  # type: ignore[attr-defined]
        add_bootstrap_classes(self)
