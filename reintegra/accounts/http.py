"""Request types for views behind a log-in, so the type checker knows ``request.user``."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from reintegra.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
