"""Forms of the mobile teams' pages: they turn text into typed input; the services keep the rules."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, User
from reintegra.activities.models import Venue
from reintegra.forms import DATE_WIDGET, WorkerChoiceField, add_bootstrap_classes
from reintegra.outreach.models import DEFAULT_SPEED_KMH, DEFAULT_VISIT_MINUTES, MobileTeam
from reintegra.outreach.services import Hours, TeamData
from reintegra.programmes.models import Programme


class TeamForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    vehicle = forms.CharField(label=_("Vehicle"), max_length=200, required=False)
    registration = forms.CharField(label=_("Registration number"), max_length=12, required=False)
    base_name = forms.CharField(
        label=_("Base"),
        max_length=200,
        help_text=_("Where each working day starts and ends, e.g. the PUP's office."),
    )
    base_latitude = forms.DecimalField(
        label=_("Base latitude"), min_value=-90, max_value=90, decimal_places=5
    )
    base_longitude = forms.DecimalField(
        label=_("Base longitude"), min_value=-180, max_value=180, decimal_places=5
    )
    visit_minutes = forms.IntegerField(
        label=_("Visit length (minutes)"), min_value=15, max_value=600, initial=DEFAULT_VISIT_MINUTES
    )
    speed_kmh = forms.IntegerField(
        label=_("Average speed (km/h)"), min_value=5, max_value=130, initial=DEFAULT_SPEED_KMH
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], programmes: QuerySet[Programme], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])  # type: ignore[attr-defined]
        if len(organisations) == 1:
            field.initial = organisations[0]
            field.widget = forms.HiddenInput()
        self.organisations = organisations
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean_organisation(self) -> Organisation:
        chosen: Organisation | None = self.cleaned_data.get("organisation")
        if chosen is None and len(self.organisations) == 1:
            return self.organisations[0]
        if chosen is None:
            raise forms.ValidationError(_("Choose the organisation the team belongs to."))
        return chosen

    def team_data(self) -> TeamData:
        return TeamData(**{name: self.cleaned_data[name] for name in TeamData.__dataclass_fields__})


class MembersForm(forms.Form):
    users = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    leader = WorkerChoiceField(label=_("Leads the sessions"), queryset=User.objects.none())

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["users"].queryset = staff  # type: ignore[attr-defined]
        self.fields["users"].label_from_instance = str  # type: ignore[attr-defined]
        self.fields["leader"].queryset = staff  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class DaysForm(forms.Form):
    days = forms.CharField(
        label=_("Working days"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One line per day: its number (1 = Monday … 7 = Sunday) and the hours, e.g. 1 8:00-16:00."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean_days(self) -> list[Hours]:
        days = []
        for number, line in enumerate(self.cleaned_data["days"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                weekday, hours = line.split(maxsplit=1)
                starts, ends = (time.fromisoformat(part.strip().zfill(5)) for part in hours.split("-"))
                if not 1 <= int(weekday) <= 7:
                    raise ValueError
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(line)d: write the weekday's number and the hours, e.g. 1 8:00-16:00."),
                    params={"line": number},
                ) from None
            if ends <= starts:
                raise forms.ValidationError(
                    _("Line %(line)d: the working day ends after it starts."), params={"line": number}
                )
            days.append(Hours(weekday=int(weekday) - 1, starts=starts, ends=ends))
        return days

    @staticmethod
    def days_text(team: MobileTeam) -> str:
        return "\n".join(
            f"{row.weekday + 1} {row.starts:%H:%M}-{row.ends:%H:%M}" for row in team.working_days.all()
        )


class LocationsForm(forms.Form):
    venues = forms.ModelMultipleChoiceField(
        label=_("Locations"),
        queryset=Venue.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, venues: QuerySet[Venue], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["venues"].queryset = venues  # type: ignore[attr-defined]
        self.fields["venues"].label_from_instance = lambda venue: f"{venue.name} ({venue.gmina.name})"  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class PlanForm(forms.Form):
    first_day = forms.DateField(label=_("First day of the week"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean_first_day(self) -> date:
        first: date = self.cleaned_data["first_day"]
        today = timezone.localdate()
        if not today - timedelta(days=366) <= first <= today + timedelta(days=2 * 366):
            raise forms.ValidationError(_("Plan a week within a year before or two years after today."))
        return first
