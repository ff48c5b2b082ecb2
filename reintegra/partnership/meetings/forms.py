"""Forms turn text into dates, times and choices; the services decide what is allowed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, User
from reintegra.dates import not_in_the_future
from reintegra.forms import DATE_WIDGET, WorkerChoiceField, add_bootstrap_classes
from reintegra.partnership.meetings.services import ActionData, IdeaData, MeetingData, VisitData
from reintegra.partnership.models import ActionStatus, IdeaStatus, PartnershipMeeting
from reintegra.text import LONG_TEXT, SHORT_TEXT

TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
AGENDA_LINES = 50


EARLIEST_YEAR = 2000
YEARS_AHEAD = 5


def plausible_day(value: date) -> date:
    """A partnership's meeting or visit: this century, and at most a few years ahead."""
    latest = timezone.localdate().year + YEARS_AHEAD
    if not EARLIEST_YEAR <= value.year <= latest:
        raise forms.ValidationError(
            _("Give a date between %(first)s and %(last)s.") % {"first": EARLIEST_YEAR, "last": latest}
        )
    return value


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username


class MeetingForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    time = forms.TimeField(label=_("Time"), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=300)
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=SHORT_TEXT,
        widget=_textarea(6),
        help_text=_(
            "One item per line, in order. Open action items of earlier meetings are added to the "
            "agenda by themselves."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean_day(self) -> date:
        return plausible_day(self.cleaned_data["day"])

    def clean_agenda(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["agenda"].splitlines() if line.strip()]
        if len(lines) > AGENDA_LINES:
            raise forms.ValidationError(_("An agenda has at most %(limit)s items.") % {"limit": AGENDA_LINES})
        return lines

    def meeting_data(self) -> MeetingData:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["time"]))
        return MeetingData(starts_at=starts_at, place=data["place"], agenda=data["agenda"])

    @staticmethod
    def initial_for(meeting: PartnershipMeeting) -> dict[str, Any]:
        local = timezone.localtime(meeting.starts_at)
        return {
            "day": local.date(),
            "time": local.time(),
            "place": meeting.place,
            "agenda": "\n".join(meeting.agenda.values_list("title", flat=True)),
        }


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), required=False, max_length=LONG_TEXT, widget=_textarea(10))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class AttendanceForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations present"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    users = PersonChoiceField(
        label=_("People of the member organisations present"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Guests"),
        required=False,
        max_length=SHORT_TEXT,
        widget=_textarea(3),
        help_text=_("One name per line, with the institution if you like."),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], people: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["users"].queryset = people  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean_guests(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["guests"].splitlines() if line.strip()]


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=SHORT_TEXT, widget=_textarea(2))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class ActionForm(forms.Form):
    what = forms.CharField(label=_("What is to be done"), max_length=SHORT_TEXT, widget=_textarea(2))
    owner = forms.ModelChoiceField(label=_("Responsible organisation"), queryset=Organisation.objects.none())
    owner_person = WorkerChoiceField(
        label=_("Responsible person"), queryset=User.objects.none(), required=False
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DATE_WIDGET)

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation], people: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["owner_person"].queryset = people  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def action_data(self) -> ActionData:
        data = self.cleaned_data
        return ActionData(
            what=data["what"],
            owner=data["owner"],
            owner_person=data["owner_person"],
            deadline=data["deadline"],
        )


class CloseForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Closed at the meeting"), queryset=PartnershipMeeting.objects.none()
    )
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ActionStatus.DONE, ActionStatus.DONE.label),
            (ActionStatus.DROPPED, ActionStatus.DROPPED.label),
        ],
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, meetings: QuerySet[PartnershipMeeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        field.queryset = meetings  # type: ignore[attr-defined]
        field.label_from_instance = _meeting_label  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


def _meeting_label(meeting: PartnershipMeeting) -> str:
    local = timezone.localtime(meeting.starts_at)
    return f"{local.day}.{local.month}.{local.year} {local:%H:%M}, {meeting.place}"


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=SHORT_TEXT, widget=_textarea()
    )
    workshop = forms.CharField(
        label=_("Workshop"), required=False, max_length=200, help_text=_("The workshop the idea came from.")
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=PartnershipMeeting.objects.none(), required=False
    )
    proposed_by = forms.ModelChoiceField(label=_("Proposed by"), queryset=Organisation.objects.none())
    proposed_on = forms.DateField(label=_("Proposed on"), widget=DATE_WIDGET, validators=[not_in_the_future])

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        meetings: QuerySet[PartnershipMeeting],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposed_by"].queryset = organisations  # type: ignore[attr-defined]
        field = self.fields["meeting"]
        field.queryset = meetings  # type: ignore[attr-defined]
        field.label_from_instance = _meeting_label  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def idea_data(self) -> IdeaData:
        data = self.cleaned_data
        return IdeaData(
            title=data["title"],
            description=data["description"],
            workshop=data["workshop"],
            meeting=data["meeting"],
            proposed_by=data["proposed_by"],
            proposed_on=data["proposed_on"],
        )


class IdeaMoveForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, validators=[not_in_the_future])
    note = forms.CharField(label=_("Note"), max_length=SHORT_TEXT, widget=_textarea())

    def __init__(self, *args: Any, to_status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["note"].label = (
            _("What was done") if to_status == IdeaStatus.IMPLEMENTED else _("What it gave")
        )
        add_bootstrap_classes(self)


class IdeaFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *IdeaStatus.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def status_value(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=300)
    host = forms.CharField(label=_("Host"), max_length=300, help_text=_("Who received the visitors."))
    purpose = forms.CharField(label=_("Purpose"), max_length=SHORT_TEXT, widget=_textarea())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations that took part"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    people_count = forms.IntegerField(label=_("Number of people who took part"), min_value=1, max_value=999)
    conclusions = forms.CharField(
        label=_("Conclusions"), required=False, max_length=SHORT_TEXT, widget=_textarea()
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean_visited_on(self) -> date:
        return plausible_day(self.cleaned_data["visited_on"])

    def visit_data(self) -> VisitData:
        data = self.cleaned_data
        return VisitData(
            visited_on=data["visited_on"],
            place=data["place"],
            host=data["host"],
            purpose=data["purpose"],
            organisations=list(data["organisations"]),
            people_count=data["people_count"],
            conclusions=data["conclusions"],
        )
