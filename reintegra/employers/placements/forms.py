"""Forms of placements: they turn text into dates and choices; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import User
from reintegra.employers.models import Mentor, Offer, PlacementStatus, StillEmployed
from reintegra.employers.placements.services import MentorData, MentoringMeetingData, PlacementTerms
from reintegra.employers.placements.workflow import DATED_MOVES, REASON_REQUIRED
from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.people.models import Participant
from reintegra.text import LONG_TEXT, SHORT_TEXT


class _Form(forms.Form):
    prefix_id = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if self.prefix_id:
            kwargs.setdefault("auto_id", f"{self.prefix_id}_%s")  # several forms on one page
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.employer}: {obj} ({obj.get_kind_display()}, {obj.site.town})"


class TermsFields(_Form):
    starts_on = forms.DateField(label=_("Planned start"), required=False, widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Planned end"), required=False, widget=DATE_WIDGET)
    hours_per_week = forms.IntegerField(label=_("Hours a week"), required=False, min_value=1, max_value=60)

    def terms(self, mentor: Mentor | None = None) -> PlacementTerms:
        data = self.cleaned_data
        return PlacementTerms(
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            hours_per_week=data.get("hours_per_week"),
            mentor=data.get("mentor", mentor),
        )


class ProposeForm(TermsFields):
    """Proposes a person (from the offer's page) or for an offer (from the person's file)."""

    note = forms.CharField(
        label=_("Why the person fits"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        help_text=_("For your organisation's file; the employer does not see it."),
    )

    def __init__(
        self,
        *args: Any,
        people: list[Participant] | None = None,
        offers: QuerySet[Offer] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people or []}
        if people is not None:
            self.fields["participant"] = forms.TypedChoiceField(
                label=_("Person"),
                coerce=int,
                choices=[("", "—")]
                + [(person.pk, f"{person.last_name} {person.first_name}") for person in people],
                help_text=_("Only people who consented to showing a profile to employers."),
                error_messages={
                    "required": _("Choose the person."),
                    "invalid_choice": _("Choose the person."),
                },
            )
        if offers is not None:
            self.fields["offer"] = OfferChoiceField(
                label=_("Offer"),
                queryset=offers,
                error_messages={"required": _("Choose the offer."), "invalid_choice": _("Choose the offer.")},
            )
        self.order_fields(["participant", "offer", "starts_on", "ends_on", "hours_per_week", "note"])
        add_bootstrap_classes(self)

    def chosen_person(self) -> Participant:
        return self.people[self.cleaned_data["participant"]]


class MoveForm(_Form):
    """One move of the placement (one form per button); a start or an end may say its day."""

    to_status = forms.ChoiceField(widget=forms.HiddenInput)
    on = forms.DateField(
        label=_("On"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The day the placement started or ended; today if left empty."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=SHORT_TEXT,
    )

    def __init__(
        self, *args: Any, moves: list[PlacementStatus], to: PlacementStatus | None = None, **kwargs: Any
    ) -> None:
        if to is not None:
            kwargs.setdefault("auto_id", f"{to.value}_%s")  # one form per move on the page
            kwargs.setdefault("initial", {"to_status": to.value})
        super().__init__(*args, **kwargs)
        field = self.fields["to_status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(move.value, move.label) for move in moves]
        field.error_messages["invalid_choice"] = _("Choose the new status from the list.")
        if to is not None and to not in DATED_MOVES:
            del self.fields["on"]
        if to in REASON_REQUIRED:
            self.fields["reason"].help_text = _("Required: the other side reads it.")
        elif to is not None:
            self.fields["reason"].label = _("Note")


class TermsForm(TermsFields):
    prefix_id = "terms"
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Mentor.objects.none(), required=False)

    def __init__(self, *args: Any, mentors: QuerySet[Mentor], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["mentor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mentors


class EmployerFeedbackForm(_Form):
    prefix_id = "employer"
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *[(value, str(value)) for value in range(5, 0, -1)]],
        help_text=_("5 is the best."),
    )
    feedback = forms.CharField(
        label=_("The employer's feedback on the person"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        error_messages={"required": _("Write the feedback.")},
    )


class ParticipantFeedbackForm(_Form):
    prefix_id = "person"
    feedback = forms.CharField(
        label=_("The person's feedback on the employer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        error_messages={"required": _("Write the feedback.")},
    )


class MentorForm(_Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    account = forms.ModelChoiceField(
        label=_("User account"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Optional: the mentor's own log-in, if she has one."),
        error_messages={"invalid_choice": _("Choose an account of the employer's own people.")},
    )

    def __init__(self, *args: Any, accounts: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = accounts

    def mentor_data(self) -> MentorData:
        data = self.cleaned_data
        return MentorData(
            name=data["name"],
            job_title=data["job_title"],
            phone=data["phone"],
            email=data["email"],
            account=data["account"],
            active=data["active"],
        )


class MentoringMeetingForm(_Form):
    prefix_id = "meeting"
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=600)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=LONG_TEXT
    )

    def meeting_data(self) -> MentoringMeetingData:
        data = self.cleaned_data
        return MentoringMeetingData(
            held_on=data["held_on"], duration_minutes=data["duration_minutes"], notes=data["notes"]
        )


class FollowUpForm(_Form):
    still_employed = forms.ChoiceField(
        label=_("Still employed?"),
        choices=StillEmployed.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the person is still employed.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT
    )
