"""Forms turn text into quarters, occupations and gminas; the services decide what is allowed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.employers import quarters
from reintegra.employers.models import ContractType, Occupation, Shift, Site, SurveyAnswer, SurveyRound
from reintegra.employers.quarter_labels import QUARTER_NAMES, quarter_label
from reintegra.employers.surveys.selectors import LEVELS, ROWS_BY_LABELS, RowsBy
from reintegra.employers.surveys.services import AnswerData, LineData, RoundData
from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.people.models import TercUnit
from reintegra.text import SHORT_TEXT

LINE_ROWS = 3
LENGTHS = [(1, _("a quarter")), (2, _("a half-year")), (4, _("a year"))]


class RoundForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("First quarter"), coerce=int, choices=[(n, QUARTER_NAMES[n - 1]) for n in range(1, 5)]
    )
    length = forms.TypedChoiceField(label=_("The round covers"), coerce=int, choices=LENGTHS, initial=2)
    closes_on = forms.DateField(label=_("Answers until"), widget=DATE_WIDGET)
    message = forms.CharField(
        label=_("Message to employers"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[organisation.pk for organisation in organisations]
        )
        self.fields["organisation"].initial = organisations[0].pk if organisations else None
        if len(organisations) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
        following = quarters.shifted(quarters.quarter_of(timezone.localdate()), 1)
        self.fields["year"].initial = following.year
        self.fields["quarter"].initial = quarters.number(following)
        add_bootstrap_classes(self)

    def round_data(self) -> RoundData:
        first = date(self.cleaned_data["year"], (self.cleaned_data["quarter"] - 1) * 3 + 1, 1)
        return RoundData(
            title=self.cleaned_data["title"],
            first_quarter=first,
            last_quarter=quarters.shifted(first, self.cleaned_data["length"] - 1),
            closes_on=self.cleaned_data["closes_on"],
            message=self.cleaned_data["message"],
        )


class QuarterField(forms.ChoiceField):
    """The round's quarters to choose from; any other quarter sent is left to the service to
    refuse, with a message that says which quarters the round covers."""

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            raise forms.ValidationError(_("Choose a quarter from the list."), code="invalid") from None

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)


class AnswerForm(forms.Form):
    informant = forms.CharField(
        label=_("Who answered"),
        max_length=200,
        required=False,
        help_text=_("The employer's person you spoke to on the phone."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, by_phone: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not by_phone:
            del self.fields["informant"]
        add_bootstrap_classes(self)

    @staticmethod
    def initial_for(answer: SurveyAnswer | None) -> dict[str, Any]:
        return {"informant": answer.informant, "note": answer.note} if answer is not None else {}


class LineForm(forms.Form):
    occupation = forms.CharField(
        label=_("Occupation (KZiS code)"),
        max_length=6,
        required=False,
        help_text=_("Six digits, e.g. 751204 for a baker."),
    )
    occupation_text = forms.CharField(label=_("Or the occupation in words"), max_length=200, required=False)
    count = forms.IntegerField(label=_("How many people"), required=False)
    quarter = QuarterField(label=_("When (quarter)"))
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.none(), required=False)
    gmina = forms.CharField(
        label=_("Or gmina (TERC code)"),
        max_length=7,
        required=False,
        help_text=_("Without a site: the 7-digit TERC code of the gmina where the people will work."),
    )
    skills = forms.CharField(
        label=_("Skills wanted"), max_length=500, required=False, help_text=_("Separate them with commas.")
    )
    contract_type = forms.ChoiceField(
        label=_("Contract type"), choices=[("", "—"), *ContractType.choices], required=False
    )
    hours_per_week = forms.IntegerField(label=_("Hours a week"), required=False, min_value=1, max_value=60)
    shifts = forms.MultipleChoiceField(
        label=_("Shifts"), choices=Shift.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    training = forms.CharField(
        label=_("Training needed"),
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, survey: SurveyRound, sites: list[Site], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [(q.isoformat(), quarter_label(q)) for q in survey.quarters]  # type: ignore[attr-defined]
        self.fields["quarter"].required = False
        self.fields["site"].queryset = Site.objects.filter(pk__in=[site.pk for site in sites])  # type: ignore[attr-defined]
        if not sites:
            del self.fields["site"]
        add_bootstrap_classes(self)

    def clean_occupation(self) -> Occupation | None:
        code = (self.cleaned_data.get("occupation") or "").strip()
        if not code:
            return None
        occupation = Occupation.objects.filter(code=code).first()
        if occupation is None:
            raise forms.ValidationError(
                _("No occupation has the KZiS code %(code)s: check it, or write the occupation in words."),
                params={"code": code},
                code="unknown_code",
            )
        return occupation

    def clean_gmina(self) -> TercUnit | None:
        code = (self.cleaned_data.get("gmina") or "").strip()
        if not code:
            return None
        gmina = TercUnit.objects.filter(code=code).first()
        if gmina is None:
            raise forms.ValidationError(
                _("No gmina has the TERC code %(code)s."), params={"code": code}, code="unknown_gmina"
            )
        return gmina

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.filled() and not cleaned.get("quarter") and "quarter" not in self.errors:
            self.add_error("quarter", _("Choose the quarter when the people will start."))
        return cleaned

    def filled(self) -> bool:
        data = self.cleaned_data
        keys = ("occupation", "occupation_text", "count", "skills", "training", "gmina", "hours_per_week")
        return any(data.get(key) not in (None, "") for key in keys)

    def line(self) -> LineData | None:
        if not self.filled():
            return None
        data = self.cleaned_data
        return LineData(
            occupation=data.get("occupation"),
            occupation_text=data.get("occupation_text") or "",
            count=data.get("count") or 0,
            quarter=data.get("quarter") or date.min,
            site=data.get("site"),
            gmina=data.get("gmina"),
            skills=tuple((data.get("skills") or "").split(",")),
            contract_type=data.get("contract_type") or "",
            hours_per_week=data.get("hours_per_week"),
            shifts=tuple(data.get("shifts") or ()),
            training=data.get("training") or "",
        )


LineFormSet = forms.formset_factory(LineForm, extra=LINE_ROWS, max_num=100)


def line_initial(answer: SurveyAnswer | None) -> list[dict[str, Any]]:
    if answer is None:
        return []
    return [
        {
            "occupation": line.occupation_id or "",
            "occupation_text": line.occupation_text,
            "count": line.count,
            "quarter": line.quarter.isoformat(),
            "site": line.site_id,
            "gmina": "" if line.site_id else line.gmina_id,
            "skills": ", ".join(line.skills),
            "contract_type": line.contract_type,
            "hours_per_week": line.hours_per_week,
            "shifts": line.shifts,
            "training": line.training,
        }
        for line in answer.lines.all()
    ]


def answer_data(form: AnswerForm, lines: list[LineData]) -> AnswerData:
    return AnswerData(
        lines=lines,
        note=form.cleaned_data.get("note") or "",
        informant=form.cleaned_data.get("informant") or "",
    )


class DemandForm(forms.Form):
    survey = forms.ModelChoiceField(
        label=_("Round"), queryset=SurveyRound.objects.none(), required=False, empty_label=_("All rounds")
    )
    level = forms.TypedChoiceField(
        label=_("Occupations by"),
        coerce=int,
        choices=[
            (2, _("sub-major group (2 digits)")),
            (3, _("minor group (3 digits)")),
            (4, _("unit group (4 digits)")),
            (6, _("occupation (6 digits)")),
        ],
        initial=6,
        required=False,
    )
    rows = forms.TypedChoiceField(
        label=_("Rows"),
        coerce=RowsBy,
        choices=[(key.value, label) for key, label in ROWS_BY_LABELS.items()],
        initial=RowsBy.BOTH.value,
        required=False,
    )

    def __init__(self, *args: Any, rounds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = rounds  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def choices(self) -> tuple[SurveyRound | None, int, RowsBy]:
        """The round, KZiS level and rows asked for; what cannot be read falls back to the default."""
        if not self.is_valid():
            return None, 6, RowsBy.BOTH
        level = self.cleaned_data.get("level") or 6
        return (
            self.cleaned_data.get("survey"),
            level if level in LEVELS else 6,
            self.cleaned_data.get("rows") or RowsBy.BOTH,
        )
