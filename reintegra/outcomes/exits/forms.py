"""Forms of exits and follow-ups: they turn text into dates, numbers and choices; the services
decide what is allowed and name the field they refuse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.outcomes.exits.services import Employment, FollowUpAnswer, Situation
from reintegra.outcomes.models import EmploymentForm, FollowUpChannel, Improvement
from reintegra.programmes.models import EnrolmentStatus
from reintegra.programmes.workflow import exit_reasons_from

SITUATIONS = (
    ("job_seeking", _("seeking work")),
    ("in_education", _("in education or training")),
    ("qualification_gained", _("gained a qualification")),
    ("employed", _("in employment (incl. own business)")),
    ("other_situation", _("none of these (e.g. inactive)")),
)
YES_NO = ((True, _("yes")), (False, _("no")))


def _yes(value: Any) -> bool:
    return value in (True, "True", "true", "1")


class EmploymentFields(forms.Form):
    employment_form = forms.ChoiceField(
        label=_("Form of employment"), required=False, choices=[("", "—"), *EmploymentForm.choices]
    )
    weekly_hours = forms.DecimalField(
        label=_("Hours a week"), required=False, max_digits=5, decimal_places=1, help_text=_("From 1 to 80.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def employment(self, employed: bool) -> Employment:
        return Employment(
            employed=employed,
            form=self.cleaned_data.get("employment_form") or "",
            weekly_hours=self.cleaned_data.get("weekly_hours"),
        )


class ExitForm(EmploymentFields):
    """The exit: for someone still enrolled also why and when she leaves."""

    exit_reason = forms.ChoiceField(label=_("Why the person leaves"), choices=())
    left_on = forms.DateField(label=_("Left on"), widget=DATE_WIDGET)
    planned_completion = forms.TypedChoiceField(
        label=_("Completed as planned?"), choices=YES_NO, coerce=_yes, widget=forms.RadioSelect
    )
    situation = forms.MultipleChoiceField(
        label=_("Situation on leaving"),
        choices=SITUATIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every one that holds; the EFS+ counts the person in each."),
    )
    qualification_document = forms.CharField(
        label=_("Document of the qualification"),
        required=False,
        max_length=200,
        help_text=_("E.g. a certificate with its number and who issued it."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=250)

    field_order = [
        "exit_reason",
        "left_on",
        "planned_completion",
        "situation",
        "qualification_document",
        "employment_form",
        "weekly_hours",
        "note",
    ]

    def __init__(self, *args: Any, leaving: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if leaving:
            reasons = exit_reasons_from(EnrolmentStatus.ENROLLED)
            self.fields["exit_reason"].choices = [  # type: ignore[attr-defined]
                ("", "—"),
                *[(reason.value, reason.label) for reason in reasons],
            ]
        else:
            for name in ("exit_reason", "left_on", "note"):
                del self.fields[name]

    def situation_data(self) -> Situation:
        ticked = set(self.cleaned_data["situation"])
        return Situation(
            job_seeking="job_seeking" in ticked,
            in_education="in_education" in ticked,
            qualification_gained="qualification_gained" in ticked,
            qualification_document=self.cleaned_data["qualification_document"],
            employment=self.employment("employed" in ticked),
            other_situation="other_situation" in ticked,
        )


class FollowUpForm(EmploymentFields):
    """What the person said at the follow-up, when and how; the improvement only for a person
    employed at entry."""

    contacted_on = forms.DateField(label=_("Contacted on"), widget=DATE_WIDGET)
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[(c.value, c.label) for c in FollowUpChannel if c != FollowUpChannel.BY_THE_PERSON],
    )
    employed = forms.BooleanField(label=_("In employment (incl. own business)"), required=False)
    job_seeking = forms.BooleanField(label=_("Seeking work"), required=False)
    in_education = forms.BooleanField(label=_("In education or training"), required=False)
    improvement = forms.ChoiceField(
        label=_("Improved situation since joining"),
        required=False,
        choices=[("", _("no improvement")), *Improvement.choices],
        help_text=_("A pay rise alone does not count."),
    )

    field_order = [
        "contacted_on",
        "channel",
        "employed",
        "employment_form",
        "weekly_hours",
        "job_seeking",
        "in_education",
        "improvement",
    ]

    def __init__(self, *args: Any, employed_at_entry: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not employed_at_entry:
            del self.fields["improvement"]

    def answer(self) -> FollowUpAnswer:
        data = self.cleaned_data
        return FollowUpAnswer(
            contacted_on=data["contacted_on"],
            channel=data["channel"],
            employment=self.employment(data["employed"]),
            job_seeking=data["job_seeking"],
            in_education=data["in_education"],
            improvement=data.get("improvement") or "",
        )


class UnreachableForm(forms.Form):
    tried_on = forms.DateField(label=_("Tried on"), widget=DATE_WIDGET)
    channel = forms.ChoiceField(
        label=_("How"),
        choices=[(c.value, c.label) for c in FollowUpChannel if c != FollowUpChannel.BY_THE_PERSON],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "unreachable")
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class DueFilterForm(forms.Form):
    programme = forms.TypedChoiceField(label=_("Programme"), required=False, coerce=int, empty_value=None)
    mine = forms.BooleanField(label=_("Only the people in my care"), required=False)

    def __init__(self, *args: Any, programmes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]  # type: ignore[attr-defined]
        add_bootstrap_classes(self)
