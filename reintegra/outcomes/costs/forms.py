"""The cost forms turn text into an amount, a date and choices (an amount as a Polish user types
it: ``1 234,56``); the service decides what is allowed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from reintegra.forms import DATE_WIDGET, add_bootstrap_classes
from reintegra.outcomes.costs import money
from reintegra.outcomes.costs.selectors import CostFilter
from reintegra.outcomes.costs.services import CostData
from reintegra.outcomes.models import CostCategory, FundingSource, ProgrammeCost
from reintegra.outcomes.models.costs import DESCRIPTION_LIMIT, LARGEST_AMOUNT, SMALLEST_AMOUNT

# An amount longer than this is not one (5 000 000,00 zł is 15 characters).
TYPED_LIMIT = 30


class AmountField(forms.Field):
    """An amount in złoty to the grosz, typed with a comma or a point, spaces between thousands."""

    default_error_messages = {
        "invalid": _("Type the amount in złoty, e.g. 1 234,56."),
        "negative": _("The amount cannot be negative: type what was spent."),
        "too_small": _("The amount must be more than 0 zł."),
        "too_large": _(
            "%(amount)s zł is more than one cost can be (at most 5 000 000 zł): check the amount."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"inputmode": "decimal", "autocomplete": "off", "maxlength": str(TYPED_LIMIT)}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        text = str(value or "").strip()[: TYPED_LIMIT + 1]
        if not text:
            return None
        if len(text) > TYPED_LIMIT:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if text.lstrip().startswith("-"):
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        try:
            amount = money.parse_amount(text)
        except money.AmountError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount < SMALLEST_AMOUNT:
            raise forms.ValidationError(self.error_messages["too_small"], code="too_small")
        if amount > LARGEST_AMOUNT:
            raise forms.ValidationError(
                self.error_messages["too_large"], code="too_large", params={"amount": text.strip()}
            )
        return amount


def _choices(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [(value, capfirst(label)) for value, label in choices]


class CostForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=_choices(CostCategory.choices))
    source = forms.ChoiceField(label=_("Funding source"), choices=_choices(FundingSource.choices))
    amount = AmountField(
        label=_("Amount (PLN)"), help_text=_("E.g. 1 234,56: a comma or a point before the grosze.")
    )
    incurred_on = forms.DateField(
        label=_("Incurred on"),
        widget=DATE_WIDGET,
        help_text=_("For a monthly cost such as a salary, the first day of its month."),
    )
    description = forms.CharField(
        label=_("Description"), max_length=DESCRIPTION_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, cost: ProgrammeCost | None = None, **kwargs: Any) -> None:
        if cost is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "category": cost.category,
                "source": cost.source,
                "amount": f"{cost.amount:.2f}".replace(".", ","),
                "incurred_on": cost.incurred_on,
                "description": cost.description,
            }
        super().__init__(*args, **kwargs)
        if cost is None:
            self.fields["incurred_on"].initial = timezone.localdate()
        add_bootstrap_classes(self)

    def cost_data(self) -> CostData:
        data = self.cleaned_data
        return CostData(
            category=data["category"],
            source=data["source"],
            amount=data["amount"],
            incurred_on=data["incurred_on"],
            description=data["description"],
        )


class CostFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *_choices(CostCategory.choices)],
        required=False,
    )
    source = forms.ChoiceField(
        label=_("Funding source"),
        choices=[("", _("All sources")), *_choices(FundingSource.choices)],
        required=False,
    )
    start = forms.DateField(label=_("From"), widget=DATE_WIDGET, required=False)
    end = forms.DateField(label=_("To"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period cannot be before its start."))
        return data

    def chosen(self) -> CostFilter:
        """The filter; an empty or invalid form filters nothing (the errors are shown)."""
        if not self.is_valid():
            return CostFilter()
        data = self.cleaned_data
        return CostFilter(
            category=data["category"], source=data["source"], start=data["start"], end=data["end"]
        )
