"""Forms turn text into dates, hours and rules; the services decide what is allowed."""

from __future__ import annotations

from datetime import time
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, User
from reintegra.activities.models import Activity, Resource, ResourceKind, Venue, VenueKind
from reintegra.activities.services import (
    BookingData,
    Opening,
    ProposalData,
    SessionData,
    VenueData,
    VisitData,
)
from reintegra.forms import DATE_WIDGET, WorkerChoiceField, add_bootstrap_classes
from reintegra.people.models import Participant, TercUnit
from reintegra.programmes.models import Group, Programme
from reintegra.text import SHORT_TEXT

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class VenueForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=VenueKind.choices)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{2}-\d{3}$",
        required=False,
        error_messages={"invalid": _("Write it as 00-000.")},
    )
    town = forms.CharField(label=_("Town"), max_length=100)
    gmina = forms.CharField(
        label=_("Gmina (TERC code)"),
        max_length=7,
        help_text=_("The 7-digit TERC code of the gmina, e.g. 1465011."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=5
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=5
    )
    capacity = forms.IntegerField(label=_("Capacity (people)"), min_value=1, max_value=10_000)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One line per day: its number (1 = Monday … 7 = Sunday) and the hours, e.g. 1 9:00-17:00."
        ),
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
            raise forms.ValidationError(_("Choose the organisation the venue belongs to."))
        return chosen

    def clean_gmina(self) -> TercUnit:
        code = self.cleaned_data["gmina"].strip()
        unit = TercUnit.objects.filter(code=code).first() if code.isdigit() and len(code) == 7 else None
        if unit is None:
            raise forms.ValidationError(
                _("No gmina of the TERC register has the code %(code)s."), params={"code": code}
            )
        return unit

    def clean_opening_hours(self) -> list[Opening]:
        openings = []
        for number, line in enumerate(self.cleaned_data["opening_hours"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                weekday, hours = line.split(maxsplit=1)
                opens, closes = (time.fromisoformat(part.strip().zfill(5)) for part in hours.split("-"))
                if not 1 <= int(weekday) <= 7:
                    raise ValueError
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(line)d: write the weekday's number and the hours, e.g. 1 9:00-17:00."),
                    params={"line": number},
                ) from None
            if closes <= opens:
                raise forms.ValidationError(
                    _("Line %(line)d: the venue closes after it opens."), params={"line": number}
                )
            openings.append(Opening(weekday=int(weekday) - 1, opens=opens, closes=closes))
        return openings

    def venue_data(self) -> VenueData:
        return VenueData(**{name: self.cleaned_data[name] for name in VenueData.__dataclass_fields__})

    @staticmethod
    def opening_text(venue: Venue) -> str:
        return "\n".join(
            f"{row.weekday + 1} {row.opens:%H:%M}-{row.closes:%H:%M}" for row in venue.opening_hours.all()
        )


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    name = forms.CharField(label=_("Name"), max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name} {obj.first_name}"


class BookingForm(forms.Form):
    resource = forms.ModelChoiceField(label=_("Resource"), queryset=Resource.objects.none())
    on = forms.DateField(label=_("Day"), widget=DATE_WIDGET)
    from_hour = forms.TypedChoiceField(
        label=_("From"), coerce=int, choices=[(hour, f"{hour}:00") for hour in range(24)]
    )
    hours = forms.IntegerField(label=_("Hours"), min_value=1, max_value=12, initial=1)
    participant = PersonChoiceField(label=_("For"), queryset=Participant.objects.none(), required=False)

    def __init__(self, *args: Any, venue: Venue, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = venue.resources.all()  # type: ignore[attr-defined]
        self.fields["participant"].queryset = people  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def booking_data(self) -> BookingData:
        return BookingData(**self.cleaned_data)


class VisitForm(forms.Form):
    visited_at = forms.DateTimeField(label=_("When"), widget=DATETIME_WIDGET)
    resource = forms.ModelChoiceField(
        label=_("Resource used"), queryset=Resource.objects.none(), required=False
    )
    participant = PersonChoiceField(label=_("Who"), queryset=Participant.objects.none(), required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)

    def __init__(self, *args: Any, venue: Venue, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.venue = venue
        self.fields["resource"].queryset = venue.resources.all()  # type: ignore[attr-defined]
        self.fields["participant"].queryset = people  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def visit_data(self) -> VisitData:
        return VisitData(venue=self.venue, **self.cleaned_data)


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)
    activity = forms.ModelChoiceField(label=_("Activity"), queryset=Activity.objects.none(), required=False)
    leader = WorkerChoiceField(label=_("Leader"), queryset=User.objects.none())
    venue = forms.ModelChoiceField(label=_("Venue"), queryset=Venue.objects.none(), required=False)
    starts_at = forms.DateTimeField(label=_("Start"), widget=DATETIME_WIDGET)
    ends_at = forms.DateTimeField(label=_("End"), widget=DATETIME_WIDGET)
    planned_hours = forms.DecimalField(
        label=_("Planned hours"), min_value=Decimal(0), max_value=Decimal(24), decimal_places=2
    )
    recurrence = forms.CharField(
        label=_("Repeat (RFC 5545 rule)"),
        required=False,
        max_length=200,
        help_text=_(
            "Empty for one session; e.g. FREQ=WEEKLY;COUNT=10 or FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630."
        ),
    )

    def __init__(
        self, *args: Any, programme: Programme, kinds: list[tuple[str, str]], leaders: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["group"].queryset = programme.groups.all()  # type: ignore[attr-defined]
        self.fields["activity"].queryset = programme.activities.all()  # type: ignore[attr-defined]
        self.fields["leader"].queryset = leaders  # type: ignore[attr-defined]
        self.fields["venue"].queryset = Venue.objects.filter(organisation_id=programme.organisation_id)  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def session_data(self) -> SessionData:
        return SessionData(programme=self.programme, **self.cleaned_data)


class FeedForm(forms.Form):
    """Nothing to fill in: the button makes a new private address."""


class VotingRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_at = forms.DateTimeField(label=_("Voting opens"), widget=DATETIME_WIDGET)
    closes_at = forms.DateTimeField(label=_("Voting closes"), widget=DATETIME_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    builds_towards = forms.CharField(
        label=_("What it builds towards work"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    proposed_by = PersonChoiceField(
        label=_("Proposed by"), queryset=Participant.objects.none(), required=False
    )

    def __init__(self, *args: Any, members: list[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposed_by"].queryset = Participant.objects.filter(pk__in=[p.pk for p in members])  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def proposal_data(self) -> ProposalData:
        return ProposalData(**self.cleaned_data)


class VoteForm(forms.Form):
    participant = PersonChoiceField(label=_("Member"), queryset=Participant.objects.none())
    in_favour = forms.TypedChoiceField(
        label=_("Vote"),
        coerce=lambda value: value == "1",
        choices=[("1", _("for")), ("0", _("against"))],
        widget=forms.RadioSelect,
        initial="1",
    )

    def __init__(self, *args: Any, members: list[Participant], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = Participant.objects.filter(pk__in=[p.pk for p in members])  # type: ignore[attr-defined]
        add_bootstrap_classes(self)
