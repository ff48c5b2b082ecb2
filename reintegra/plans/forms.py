"""Forms of individual plans: the plan with its type's own fields, goals and actions as formsets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reintegra.accounts.models import User
from reintegra.dates import day
from reintegra.forms import DATE_WIDGET, WorkerChoiceField, add_bootstrap_classes
from reintegra.plans.models import ActionStatus, IndividualPlan
from reintegra.plans.plan_types import PlanType, choices
from reintegra.plans.services import ActionData, GoalData, PlanData
from reintegra.programmes.models import Programme
from reintegra.questionnaires.models import Response
from reintegra.text import LONG_TEXT, SHORT_TEXT

EXTRA_PREFIX = "extra_"
EMPTY_ROWS = 2


class ResponseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.version.questionnaire.name} ({day(obj.filled_on)})"


class PlanCreateForm(forms.Form):
    plan_type = forms.ChoiceField(label=_("Plan type"))
    starts_on = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.none(), required=False
    )
    source_response = ResponseChoiceField(
        label=_("From questionnaire"),
        queryset=Response.objects.none(),
        required=False,
        help_text=_("Its answers are copied into the plan's diagnosis."),
    )

    def __init__(
        self, *args: Any, programmes: QuerySet[Programme], responses: QuerySet[Response], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_type"].choices = choices("person")  # type: ignore[attr-defined]
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        self.fields["source_response"].queryset = responses  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class GroupPlanCreateForm(forms.Form):
    plan_type_code = forms.ChoiceField(label=_("Plan type"))
    starts_on = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan_type_code"].choices = choices("group")  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class PlanForm(forms.Form):
    """The plan's own data; ``revision`` is the version of the plan the worker opened."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)
    review_on = forms.DateField(label=_("Next review"), widget=DATE_WIDGET, required=False)
    ends_on = forms.DateField(label=_("End date"), widget=DATE_WIDGET, required=False)
    diagnosis = forms.CharField(
        label=_("Diagnosis"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=LONG_TEXT
    )
    support = forms.CharField(
        label=_("Support to be given"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT,
    )

    def __init__(self, *args: Any, plan_type: PlanType, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan_type = plan_type
        for extra_field in plan_type.fields:
            name = EXTRA_PREFIX + extra_field.key
            if extra_field.kind == "date":
                self.fields[name] = forms.DateField(
                    label=extra_field.label, required=False, widget=DATE_WIDGET
                )
            elif extra_field.kind == "choice":
                self.fields[name] = forms.ChoiceField(
                    label=extra_field.label, required=False, choices=[("", "—"), *extra_field.choices]
                )
            else:
                self.fields[name] = forms.CharField(
                    label=extra_field.label,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    max_length=SHORT_TEXT,
                )
        add_bootstrap_classes(self)

    @classmethod
    def initial_for(cls, plan: IndividualPlan) -> dict[str, Any]:
        initial = {field: getattr(plan, field) for field in ("revision", "starts_on", "review_on", "ends_on")}
        initial |= {"diagnosis": plan.diagnosis, "support": plan.support}
        return initial | {EXTRA_PREFIX + key: value for key, value in plan.extra.items()}

    def plan_data(self, plan: IndividualPlan) -> PlanData:
        """What the worker typed; the programme is not edited here and stays the plan's."""
        extra = {}
        for extra_field in self.plan_type.fields:
            value = self.cleaned_data.get(EXTRA_PREFIX + extra_field.key)
            if value not in (None, ""):
                extra[extra_field.key] = value.isoformat() if hasattr(value, "isoformat") else value
        return PlanData(
            starts_on=self.cleaned_data["starts_on"],
            review_on=self.cleaned_data["review_on"],
            ends_on=self.cleaned_data["ends_on"],
            diagnosis=self.cleaned_data["diagnosis"],
            support=self.cleaned_data["support"],
            extra=extra,
            programme=plan.programme,
        )


class GoalForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Goal"), max_length=500, required=False)
    achieved = forms.BooleanField(label=_("Achieved"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def goal(self) -> GoalData | None:
        text = (self.cleaned_data.get("text") or "").strip()
        if not text:
            return None
        return GoalData(
            text=text, achieved=self.cleaned_data.get("achieved", False), pk=self.cleaned_data.get("id")
        )


class ActionForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    what = forms.CharField(label=pgettext_lazy("a step of a plan", "Action"), max_length=500, required=False)
    worker = WorkerChoiceField(label=_("Responsible worker"), queryset=User.objects.none(), required=False)
    responsible = forms.CharField(
        label=_("Or responsible (other)"),
        max_length=200,
        required=False,
        help_text=_("The person themselves, a partner, a family member…"),
    )
    starts_on = forms.DateField(label=_("Start"), widget=DATE_WIDGET, required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_WIDGET, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.PLANNED)

    def __init__(self, *args: Any, staff: QuerySet[User] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["worker"].queryset = staff  # type: ignore[attr-defined]
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        filled = cleaned.get("deadline") or cleaned.get("starts_on") or cleaned.get("responsible")
        if filled and not (cleaned.get("what") or "").strip():
            self.add_error("what", _("Say what the action is, or leave its row empty."))
        return cleaned

    def action(self) -> ActionData | None:
        what = (self.cleaned_data.get("what") or "").strip()
        if not what:
            return None
        return ActionData(
            what=what,
            worker=self.cleaned_data.get("worker"),
            responsible=self.cleaned_data.get("responsible", ""),
            starts_on=self.cleaned_data.get("starts_on"),
            deadline=self.cleaned_data.get("deadline"),
            status=self.cleaned_data.get("status") or ActionStatus.PLANNED,
            pk=self.cleaned_data.get("id"),
        )


GoalFormSet = forms.formset_factory(GoalForm, extra=EMPTY_ROWS, max_num=50)
ActionFormSet = forms.formset_factory(ActionForm, extra=EMPTY_ROWS, max_num=100)


def goal_initial(goals: list[Any]) -> list[dict[str, Any]]:
    return [{"id": g.pk, "text": g.text, "achieved": g.achieved} for g in goals]


def action_initial(actions: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "what": a.what,
            "worker": a.worker_id,
            "responsible": a.responsible,
            "starts_on": a.starts_on,
            "deadline": a.deadline,
            "status": a.status,
        }
        for a in actions
    ]


class SignatureForm(forms.Form):
    role = forms.ChoiceField(label=_("Signatory"))
    name = forms.CharField(label=_("Name of the person signing"), max_length=200)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, plan_type: PlanType, missing: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [  # type: ignore[attr-defined]
            (s.role, s.label) for s in plan_type.signatories if s.role in missing
        ]
        add_bootstrap_classes(self)
