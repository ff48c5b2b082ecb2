"""Forms turn text into dates, numbers and rules; the services decide what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, User
from reintegra.accounts.policy import TEAM_ROLES
from reintegra.collation import by_name
from reintegra.dates import day
from reintegra.forms import add_bootstrap_classes
from reintegra.people.models import LabourStatus, Participant, SensitiveAnswer, Sex
from reintegra.programmes.models import Group, Programme, ProgrammeTemplate, role_names
from reintegra.programmes.services import PROGRAMME_FIELDS, ProgrammeData, StaffRoleData
from reintegra.programmes.workflow import exit_reasons_from
from reintegra.text import SHORT_TEXT

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class ProgrammeForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Template"), queryset=ProgrammeTemplate.objects.all(), to_field_name="code"
    )
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Short unique code, used e.g. by imports.")
    )
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    end_date = forms.DateField(label=_("End"), widget=DATE)
    places = forms.IntegerField(label=_("Places"), min_value=1, max_value=100_000)
    venues = forms.CharField(
        label=_("Venues"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        help_text=_("One venue per line."),
    )
    staff = forms.ModelMultipleChoiceField(label=_("Staff"), queryset=User.objects.none(), required=False)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"), queryset=Organisation.objects.none(), required=False
    )
    funding_source = forms.CharField(label=_("Funding source"), max_length=200, required=False)
    contact_interval_days = forms.IntegerField(
        label=_("Contact each person at least every (days)"),
        min_value=1,
        max_value=365,
        required=False,
        help_text=_("Empty: the organisation's case-work setting applies."),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [organisation.pk for organisation in organisations]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)  # type: ignore[attr-defined]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
        self.fields["staff"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__organisation_id__in=ids, is_active=True)
            .distinct()
            .order_by(*by_name("last_name", "first_name"), "pk")
        )
        self.fields["partners"].queryset = Organisation.objects.exclude(pk__in=ids).order_by(*by_name("name"))  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end of the programme cannot be before its start."))
        return data

    def programme_data(self) -> ProgrammeData:
        return ProgrammeData(
            **{name: self.cleaned_data[name] for name in PROGRAMME_FIELDS},
            staff=tuple(self.cleaned_data["staff"]),
            partners=tuple(self.cleaned_data["partners"]),
        )


class RulesForm(forms.Form):
    """The common eligibility rules as a small form; rules of other kinds are kept as they are."""

    age_min = forms.IntegerField(label=_("Minimum age"), required=False, min_value=0, max_value=120)
    age_max = forms.IntegerField(label=_("Maximum age"), required=False, min_value=0, max_value=120)
    sexes = forms.MultipleChoiceField(
        label=_("Sex"), choices=Sex.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    labour_statuses = forms.MultipleChoiceField(
        label=_("Labour-market status"),
        choices=LabourStatus.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rural = forms.BooleanField(label=_("Must live in a rural area"), required=False)
    homeless = forms.BooleanField(
        label=_("Must be homeless or affected by housing exclusion"), required=False
    )
    pup_days = forms.IntegerField(
        label=_("Registered at the PUP for at least (days)"), required=False, min_value=1, max_value=36_500
    )

    FORM_KINDS = frozenset(
        {"age_between", "sex_in", "labour_status_in", "rural_residence", "registered_at_pup_for_days"}
    )

    def __init__(self, *args: Any, rules: list[dict[str, Any]], **kwargs: Any) -> None:
        self.current_rules = rules
        kwargs.setdefault("initial", self.initial_from(rules))
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    @staticmethod
    def _is_homeless_rule(rule: dict[str, Any]) -> bool:
        return bool(
            rule.get("kind") == "answer_is"
            and rule.get("field") == "homeless"
            and rule.get("value") == SensitiveAnswer.YES
        )

    @classmethod
    def initial_from(cls, rules: list[dict[str, Any]]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for rule in rules:
            kind = rule.get("kind")
            if kind == "age_between":
                initial.update(age_min=rule["min"], age_max=rule["max"])
            elif kind == "sex_in":
                initial["sexes"] = rule["values"]
            elif kind == "labour_status_in":
                initial["labour_statuses"] = rule["values"]
            elif kind == "rural_residence":
                initial["rural"] = True
            elif kind == "registered_at_pup_for_days":
                initial["pup_days"] = rule["min"]
            elif cls._is_homeless_rule(rule):
                initial["homeless"] = True
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("age_min"), data.get("age_max")
        if low is not None and high is not None and high < low:
            self.add_error("age_max", _("The maximum age cannot be below the minimum age."))
        return data

    def to_rules(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        rules: list[dict[str, Any]] = []
        if data.get("age_min") is not None or data.get("age_max") is not None:
            low = data["age_min"] if data.get("age_min") is not None else 0
            high = data["age_max"] if data.get("age_max") is not None else 120
            rules.append({"kind": "age_between", "min": low, "max": high})
        if data.get("sexes"):
            rules.append({"kind": "sex_in", "values": list(data["sexes"])})
        if data.get("labour_statuses"):
            rules.append({"kind": "labour_status_in", "values": list(data["labour_statuses"])})
        if data.get("rural"):
            rules.append({"kind": "rural_residence"})
        if data.get("homeless"):
            rules.append({"kind": "answer_is", "field": "homeless", "value": SensitiveAnswer.YES.value})
        if data.get("pup_days"):
            rules.append({"kind": "registered_at_pup_for_days", "min": data["pup_days"]})
        kept = [
            rule
            for rule in self.current_rules
            if rule.get("kind") not in self.FORM_KINDS and not self._is_homeless_rule(rule)
        ]
        return rules + kept


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.last_name} {obj.first_name} ({day(obj.birth_date)})"


class ApplicantForm(forms.Form):
    participant = ParticipantChoiceField(label=_("Person"), queryset=Participant.objects.none())

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        """``candidates``: the people who may apply (a queryset, to validate a choice), or the
        people the picker lists, already read (a list)."""
        super().__init__(*args, **kwargs)
        field: ParticipantChoiceField = self.fields["participant"]  # type: ignore[assignment]
        if isinstance(candidates, list):
            field.choices = [
                ("", field.empty_label),
                *((p.pk, field.label_from_instance(p)) for p in candidates),
            ]
        else:
            field.queryset = candidates
        add_bootstrap_classes(self)


class LeaveForm(forms.Form):
    exit_reason = forms.ChoiceField(label=_("Exit reason"))
    left_on = forms.DateField(label=_("Left on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, status: str, **kwargs: Any) -> None:
        """Offers the reasons that fit the person's status (``workflow.exit_reasons_from``)."""
        super().__init__(*args, **kwargs)
        reasons = exit_reasons_from(status)
        self.fields["exit_reason"].choices = [("", "---------")] + [(r.value, r.label) for r in reasons]  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class AssignGroupForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class StaffRoleForm(forms.Form):
    """A role of the programme's model for a member of the organisation's team."""

    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=())
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("Until"), widget=DATE, required=False)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(
                memberships__organisation_id=programme.organisation_id,
                memberships__role__in=TEAM_ROLES,
                is_active=True,
            )
            .distinct()
            .order_by(*by_name("last_name", "first_name"), "pk")
        )
        self.fields["role"].choices = list(role_names(programme.template).items())  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The role cannot end before it starts."))
        return data

    def role_data(self) -> StaffRoleData:
        return StaffRoleData(**self.cleaned_data)
