"""The HTTP API (django-ninja), version 1: typed schemas, OpenAPI at /api/v1/openapi.json.

Every error has one shape, ``{"code": ..., "message": ...}``, with a translated message; refused
input adds ``fields`` (each field's messages, see ``api_errors.py``): 422 when the request does
not fit the schema, 400 when a service refuses it. A plan saved by someone else meanwhile, or
moved where its workflow does not go, is a 409.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from reintegra.accounts.api import router as accounts_router
from reintegra.api_errors import InvalidInputError, field_errors
from reintegra.employers.offer_workflow import IllegalOfferMoveError
from reintegra.plans.services import PlanConflictError
from reintegra.plans.workflow import IllegalPlanMoveError


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
api.add_router("/", "reintegra.casework.api.router")
api.add_router("/", "reintegra.plans.api.router")
api.add_router("/", "reintegra.employers.placements.api.router")
api.add_router("/", "reintegra.employers.api.router")
api.add_router("/", "reintegra.employers.matching.api.router")
api.add_router("/", "reintegra.outcomes.reports.api.router")
api.add_router("/", "reintegra.outcomes.funder.api.router")


def _error(request: HttpRequest, status: int, code: str, message: str, **extra: object) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, "forbidden", _("You do not have permission to do this."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 401, "unauthenticated", _("Log in to use the API."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """django-ninja's own refusals, in our shape: a write without the CSRF token, a body that is
    not JSON."""
    if exc.status_code == 403:
        message = _("Send the value of the csrftoken cookie in the X-CSRFToken header.")
        return _error(request, 403, "csrf_failed", message)
    if exc.status_code == 400:
        return _error(request, 400, "invalid", _("Send the input as a JSON object."), fields={})
    return _error(request, exc.status_code, "error", str(exc))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error.get("loc", [])), []).append(str(error.get("msg", "")))
    return _refused(request, 422, fields)


def _field_name(location: list[object] | tuple[object, ...]) -> str:
    """``("path", "user_id")`` → ``user_id``; a body's fields without the operation's parameter
    that holds it: ``("body", "payload", "next_steps", 0, "text")`` → ``next_steps[0].text``."""
    parts = list(location[2:] if tuple(location[:1]) == ("body",) else location[1:])
    if not parts and len(location) == 2:
        parts = [location[1]]  # the body as a whole (not JSON, or not an object)
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _refused(
    request: HttpRequest, status: int, fields: dict[str, list[str]], code: str = "invalid"
) -> HttpResponse:
    """The message names the fields refused, then says what is wrong with the input as a whole."""
    named = [name for name in fields if name]
    parts = [_("Invalid input: %(fields)s.") % {"fields": ", ".join(named)}] if named else []
    return _error(request, status, code, " ".join([*parts, *fields.get("", [])]), fields=fields)


@api.exception_handler(InvalidInputError)
def refused_by_service(request: HttpRequest, exc: InvalidInputError) -> HttpResponse:
    return _refused(request, 400, exc.fields, exc.code)


@api.exception_handler(DjangoValidationError)
def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A service's refusal: of fields (400 with their names), or of the move as a whole."""
    if hasattr(exc, "error_dict"):
        return _refused(request, 400, field_errors(exc))
    return _error(request, 400, exc.code or "invalid", " ".join(exc.messages), fields={})


@api.exception_handler(PlanConflictError)
def conflict(request: HttpRequest, exc: PlanConflictError) -> HttpResponse:
    message = _("Someone else saved this plan meanwhile; read it again and apply your changes to it.")
    return _error(request, 409, "conflict", message)


@api.exception_handler(IllegalPlanMoveError)
@api.exception_handler(IllegalOfferMoveError)
def illegal_move(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 409, "illegal_move", str(exc))
