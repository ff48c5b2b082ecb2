from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from reintegra.accounts.policy import requires_two_factor

# Paths a user who still owes a second factor may reach.
_ALLOWED_URL_NAMES = {"accounts:twofactor", "accounts:logout", "set_language"}


class TwoFactorRequiredMiddleware:
    """Sends staff of organisations that require 2FA to enrol or confirm before anything else."""

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
            return redirect(f"{reverse('accounts:twofactor')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        path = request.path_info
        if path.startswith("/static/"):
            return True
        allowed = {reverse(name) for name in _ALLOWED_URL_NAMES}
        return path in allowed
