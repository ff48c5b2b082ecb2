from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from reintegra.accounts.policy import requires_two_factor, roles_by_organisation

# Paths a user who still owes a second factor may reach.
_ALLOWED_URL_NAMES = ("accounts:twofactor", "accounts:logout", "set_language")


class TwoFactorRequiredMiddleware:
    """Sends staff of organisations that require 2FA to enrol or confirm before anything else.

    It runs on every request, so a requirement switched on while someone is logged in applies
    from their next click.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]
            and not self._allowed(request)
            and requires_two_factor(user)
        ):
            if request.path_info.startswith(reverse("api:api-root")):
                return JsonResponse(
                    {
                        "code": "two_factor_required",
                        "message": _("Confirm your log-in with a code from your authenticator app first."),
                    },
                    status=403,
                )
            target = f"{reverse('accounts:twofactor')}?{urlencode({'next': request.get_full_path()})}"
            if request.headers.get("HX-Request") == "true":
                # An htmx swap would put the whole 2FA page into a fragment: load it as a page.
                return HttpResponseClientRedirect(target)
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith(f"/{settings.STATIC_URL.lstrip('/')}"):
            return True
        return path in {reverse(name) for name in _ALLOWED_URL_NAMES}


class MembershipEndedMiddleware:
    """Logs out, on their next request, a user whose every membership has ended.

    A deactivated account needs nothing here: its sessions are deleted, and Django's
    authentication finds no active user for any left over. A leaver whose memberships have run
    out by their end dates keeps an active account, and is turned away here on her next click.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not roles_by_organisation(user) and user.memberships.exists():
            logout(request)
            message = _(
                "Your membership of the organisation has ended. Ask its administrator if this is a mistake."
            )
            if request.path_info.startswith(reverse("api:api-root")):
                return JsonResponse({"code": "unauthenticated", "message": message}, status=401)
            messages.warning(request, message)
            target = redirect_to_login(request.get_full_path())
            if request.headers.get("HX-Request") == "true":
                return HttpResponseClientRedirect(target.url)
            return target
        return self.get_response(request)
