"""The HTTP API (django-ninja), version 1: typed schemas, OpenAPI at /api/v1/openapi.json.

Every error has one shape, ``{"code": ..., "message": ...}``, with a translated message.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import SessionAuth

from reintegra.accounts.api import router as accounts_router


class Error(Schema):
    code: str
    message: str


api = NinjaAPI(
    title="Reintegra API",
    version="1",
    urls_namespace="api",
    auth=SessionAuth(),
    docs_url="/docs",
)
api.add_router("/", accounts_router)
api.add_router("/", "reintegra.people.api.router")
api.add_router("/", "reintegra.partnership.api.router")


def _error(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, "forbidden", _("You do not have permission to do this."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 401, "unauthenticated", _("Log in to use the API."))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = ", ".join(".".join(str(part) for part in error.get("loc", [])[1:]) for error in exc.errors)
    return _error(request, 422, "invalid", _("Invalid input: %(fields)s.") % {"fields": fields})
