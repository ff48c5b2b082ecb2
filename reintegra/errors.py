"""Error pages in the user's language; never a stack trace outside DEBUG."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from reintegra.accounts.policy import public


@public
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.bad_request(request, exception, template_name="400.html")


@public
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.permission_denied(request, exception, template_name="403.html")


@public
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return defaults.page_not_found(request, exception, template_name="404.html")


@public
def server_error(request: HttpRequest) -> HttpResponse:
    return defaults.server_error(request, template_name="500.html")
