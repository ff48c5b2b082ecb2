"""Request types for views behind a log-in, so the type checker knows ``request.user``."""

from __future__ import annotations

from django.http import HttpRequest

from reintegra.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
