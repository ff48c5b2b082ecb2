from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from reintegra.accounts.models import Organisation, Role, User
from reintegra.accounts.services import InvitationData, ProfileData, team_roles
from reintegra.forms import add_bootstrap_classes


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is not correct. Check both and try again."),
        "inactive": _("This account is inactive."),
    }


class PasswordResetRequestForm(PasswordResetForm):
    """Also reaches a colleague an administrator added who has not set a password yet (her
    invitation's link has run out). Django's form skips every account without a usable password;
    one that has never logged in has only ever had the invitation's."""

    def get_users(self, email: str) -> Any:
        candidates = User.objects.filter(email__iexact=email, is_active=True)
        return (
            user
            for user in candidates
            if (user.has_usable_password() or user.last_login is None)
            and user.email.casefold() == email.casefold()
        )


class PasswordResetSetForm(SetPasswordForm):
    """The new password from an e-mailed link; it also lifts a lock-out of failed log-ins.

    Only someone who can read the account's e-mail gets here, and the lock-out page sends
    locked-out users this way, so waiting out the cool-off after it would be pointless.
    """

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit:
            axes_reset(username=user.get_username())
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "phone", "job_title"]

    def profile_data(self) -> ProfileData:
        return ProfileData(**self.cleaned_data)


class OrganisationSecurityForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["require_2fa_for_staff"]


class TOTPCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from the authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        error_messages={"invalid": _("Enter the 6-digit code shown in the app.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class TeamRoleField(forms.ChoiceField):
    """A role on the organisation's team: only the roles an administrator may give there."""

    def __init__(self, organisation: Organisation, **kwargs: Any) -> None:
        roles = team_roles(organisation)
        super().__init__(label=_("Role"), choices=[(role.value, role.label) for role in roles], **kwargs)


class InvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        help_text=_("The link to set a password goes here; it is also the user name for logging in."),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = TeamRoleField(organisation)
        add_bootstrap_classes(self)

    def invitation_data(self) -> InvitationData:
        data = self.cleaned_data
        return InvitationData(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            role=Role(data["role"]),
        )


class MemberRoleForm(forms.Form):
    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"] = TeamRoleField(organisation)
        add_bootstrap_classes(self)

    def role(self) -> Role:
        return Role(self.cleaned_data["role"])
