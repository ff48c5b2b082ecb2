"""Accounts pages: log-in, profiles, the team and its administration, organisation security,
two-factor enrolment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reintegra.accounts import selectors, services, twofactor
from reintegra.accounts.forms import (
    InvitationForm,
    LoginForm,
    MemberRoleForm,
    OrganisationSecurityForm,
    PasswordResetRequestForm,
    PasswordResetSetForm,
    ProfileForm,
    TOTPCodeForm,
)
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import authenticated, organisations_where, public, requires
from reintegra.forms import add_service_error

login = public(auth_views.LoginView.as_view(form_class=LoginForm, redirect_authenticated_user=True))
logout = public(auth_views.LogoutView.as_view())
password_reset = public(
    auth_views.PasswordResetView.as_view(
        form_class=PasswordResetRequestForm, success_url=reverse_lazy("accounts:password_reset_done")
    )
)
password_reset_done = public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=PasswordResetSetForm, success_url=reverse_lazy("accounts:password_reset_complete")
    )
)
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view())
password_change = authenticated(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done"))
)
password_change_done = authenticated(auth_views.PasswordChangeDoneView.as_view())


@requires("user.list")
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    users = selectors.user_list_for_user(request.user)
    managed = list(organisations_where(request.user, "user.manage"))
    return render(
        request,
        "accounts/user_list.html",
        {"users": users, "managed_organisations": managed, "managed_ids": {o.pk for o in managed}},
    )


@requires("user.manage")
@require_http_methods(["GET", "POST"])
def member_invite(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        request.user, organisation_pk, permission="user.manage"
    )
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.member_invite(
                actor=request.user, organisation=organisation, data=form.invitation_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been added; an e-mail with a link to set a password went to %(email)s.")
                % {"name": user, "email": user.email},
            )
            return redirect("accounts:user_list")
    return render(request, "accounts/member_invite.html", {"organisation": organisation, "form": form})


@requires("user.manage")
@require_http_methods(["GET", "POST"])
def member_role(request: AuthenticatedRequest, organisation_pk: int, pk: int) -> HttpResponse:
    organisation, member = selectors.member_get_for_user(request.user, organisation_pk=organisation_pk, pk=pk)
    initial = {"role": member.roles[0]}  # type: ignore[attr-defined]
    form = MemberRoleForm(request.POST or None, initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_change_role(
                actor=request.user, organisation=organisation, member=member, role=form.role()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The role of %(name)s has been changed.") % {"name": member})
            return redirect("accounts:user_list")
    return render(
        request, "accounts/member_role.html", {"organisation": organisation, "member": member, "form": form}
    )


@requires("user.manage")
@require_http_methods(["GET", "POST"])
def member_deactivate(request: AuthenticatedRequest, organisation_pk: int, pk: int) -> HttpResponse:
    """A confirmation page; the POST ends the member's roles and, if it was her last, her account."""
    organisation, member = selectors.member_get_for_user(request.user, organisation_pk=organisation_pk, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.member_deactivate(actor=request.user, organisation=organisation, member=member)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("%(name)s has been deactivated.") % {"name": member})
            return redirect("accounts:user_list")
    return render(
        request,
        "accounts/member_deactivate.html",
        {"organisation": organisation, "member": member, "errors": errors},
        status=400 if errors else 200,
    )


@authenticated
def user_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    profile = selectors.user_get_for_user(request.user, pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "profile": profile,
            "memberships": selectors.memberships_of(profile),
            "may_edit": services.policy.can(request.user, "user.change", profile),
        },
    )


@authenticated
@require_http_methods(["GET", "POST"])
def user_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    profile = selectors.user_get_for_user(request.user, pk, permission="user.change")
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(actor=request.user, user=profile, data=form.profile_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("accounts:user_detail", pk=profile.pk)
    return render(request, "accounts/user_edit.html", {"profile": profile, "form": form})


@authenticated
def my_profile(request: AuthenticatedRequest) -> HttpResponse:
    return redirect("accounts:user_detail", pk=request.user.pk)


@requires("organisation.manage")
@require_http_methods(["GET", "POST"])
def organisation_security(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(
        request.user,
        pk,
        permission="organisation.manage",
    )
    # Not `request.POST or None`: with the only box unticked a POST may carry no fields at all.
    data = request.POST if request.method == "POST" else None
    form = OrganisationSecurityForm(data, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_update_security(
            actor=request.user,
            organisation=organisation,
            require_2fa_for_staff=form.cleaned_data["require_2fa_for_staff"],
        )
        messages.success(request, _("The security settings have been saved."))
        return redirect("accounts:organisation_security", pk=organisation.pk)
    return render(
        request, "accounts/organisation_security.html", {"organisation": organisation, "form": form}
    )


@authenticated
@require_http_methods(["GET", "POST"])
def two_factor(request: AuthenticatedRequest) -> HttpResponse:
    """Enrol a TOTP device (first time) or confirm this log-in with a code."""
    user = request.user
    device = twofactor.device_confirmed_for(user)
    enrolling = device is None
    if enrolling:
        device = twofactor.device_pending_for(user)
    form = TOTPCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert device is not None
        try:
            twofactor.device_confirm(request, device, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, _("Two-factor authentication is confirmed."))
            return redirect(_safe_next(request))
    context = {"form": form, "enrolling": enrolling, "next": request.GET.get("next", "")}
    if enrolling and device is not None:
        context["qr_svg"] = twofactor.qr_svg(device)
        context["secret"] = twofactor.secret_of(device)
    return render(request, "accounts/two_factor.html", context)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"
