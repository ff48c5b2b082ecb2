"""Forms of partnerships and referrals: they turn ticks and choices into values for the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation
from reintegra.forms import add_bootstrap_classes
from reintegra.partnership.models import LegalBasis, MemberRole, ReferralOutcome
from reintegra.partnership.snapshot import REFERABLE_FIELDS, FieldBlock
from reintegra.text import SHORT_TEXT


class PartnershipForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Give the partnership a name.")},
    )
    area_description = forms.CharField(
        label=_("Area"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        help_text=_("The area the partnership covers."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class MemberAddForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        label=_("Role in the partnership"), choices=MemberRole.choices, initial=MemberRole.PARTNER
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        add_bootstrap_classes(self)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role in the partnership"),
        choices=MemberRole.choices,
        error_messages={"invalid_choice": _("Choose the member's role from the list.")},
    )

    def __init__(self, *args: Any, member_pk: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"member_{member_pk}_%s")  # one form on every row of the table
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)
        self.fields["role"].widget.attrs["class"] = "form-select form-select-sm"


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Refer to"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Choose one of the partnership's member organisations.")},
    )
    referred_fields = forms.MultipleChoiceField(
        label=_("Fields that go with the referral"),
        choices=list(REFERABLE_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The partner sees only these fields, as they are today, and the reason for referral."),
        error_messages={"required": _("Choose at least one field to refer, from the list.")},
    )
    reason = forms.CharField(
        label=_("Reason for referral"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SHORT_TEXT,
        error_messages={"required": _("Say why the person is referred.")},
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"),
        choices=[("", _("none: the person's consent to sharing with partners")), *LegalBasis.choices],
        required=False,
        help_text=_("Without a legal basis, the referral needs the person's consent in force."),
    )
    legal_basis_reference = forms.CharField(
        label=_("Legal basis: provision"),
        required=False,
        max_length=300,
        help_text=_("The act and article, e.g. art. 46 of the act on social assistance."),
    )

    def __init__(
        self,
        *args: Any,
        targets: QuerySet[Organisation],
        blocks: dict[str, FieldBlock] | None = None,
        agreed: set[str] | None = None,
        **kwargs: Any,
    ) -> None:
        """``agreed``: the groups the chosen receiver's agreement in force lets it receive
        (``None``: no receiver chosen yet, or it has no agreement)."""
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = targets  # type: ignore[attr-defined]
        self.blocks = blocks or {}
        self.agreed = agreed
        add_bootstrap_classes(self)

    def field_choices(self) -> list[tuple[Any, FieldBlock | None, bool]]:
        """Each checkbox with the reason its group may not leave, if any, and whether the chosen
        receiver's agreement leaves it out; a group no legal basis can free, or the agreement
        leaves out, is disabled (the service refuses it all the same)."""
        choices = []
        for checkbox in self["referred_fields"]:
            block = self.blocks.get(checkbox.data["value"])
            outside = self.agreed is not None and checkbox.data["value"] not in self.agreed
            described = []
            if outside:
                described.append(f"outside_{checkbox.data['value']}")
                checkbox.data["attrs"]["disabled"] = True
            if block is not None:
                described.append(f"blocked_{block.field}")
                if not block.cover.bases:
                    checkbox.data["attrs"]["disabled"] = True
            if described:
                checkbox.data["attrs"]["aria-describedby"] = " ".join(described)
            choices.append((checkbox, block, outside))
        return choices


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for declining"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
        error_messages={"required": _("Say why the referral is declined.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=SHORT_TEXT
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=SHORT_TEXT,
        help_text=_("Optional. The receiving organisation sees it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "withdraw_%s")  # the receiver's decline form has "reason" too
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "—"), *ReferralOutcome.choices],
        error_messages={
            "required": _("Choose the outcome from the list."),
            "invalid_choice": _("Choose the outcome from the list."),
        },
    )
    note = forms.CharField(
        label=_("Short note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, up to 500 characters. The sending organisation sees it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "outcome_%s")  # the referral page has other "note" fields
        super().__init__(*args, **kwargs)
        add_bootstrap_classes(self)
