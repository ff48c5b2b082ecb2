"""The dashboards' pages: the list of what the user may chart, a programme's or an
organisation's dashboard, and the export of each of its tables. Thin: parse, read, render."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from reintegra import tables
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.outcomes.dashboards import panels, selectors

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@requires(selectors.PERMISSION)
@require_GET
def index(request: AuthenticatedRequest) -> HttpResponse:
    organisations = selectors.organisations_for_user(request.user)
    programmes = selectors.programmes_for_user(request.user)
    groups = [
        (organisation, [p for p in programmes if p.organisation_id == organisation.pk])
        for organisation in organisations
    ]
    return render(request, "outcomes/dashboards/index.html", {"groups": groups})


@requires(selectors.PERMISSION)
@require_GET
def organisation_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _dashboard(request, selectors.organisation_scope_for_user(request.user, pk))


@requires(selectors.PERMISSION)
@require_GET
def programme_dashboard(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _dashboard(request, selectors.programme_scope_for_user(request.user, pk))


def _dashboard(request: AuthenticatedRequest, scope: selectors.Scope) -> HttpResponse:
    context = {
        "scope": scope,
        "panels": [panels.panel(table) for table in selectors.dashboard_tables(scope)],
    }
    return render(request, "outcomes/dashboards/dashboard.html", context)


@requires(selectors.PERMISSION)
@require_GET
def organisation_export(request: AuthenticatedRequest, pk: int, table: str, fmt: str) -> HttpResponse:
    return _export(selectors.organisation_scope_for_user(request.user, pk), table, fmt)


@requires(selectors.PERMISSION)
@require_GET
def programme_export(request: AuthenticatedRequest, pk: int, table: str, fmt: str) -> HttpResponse:
    return _export(selectors.programme_scope_for_user(request.user, pk), table, fmt)


def _export(scope: selectors.Scope, key: str, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    table = selectors.table_for(scope, key)
    headers, rows = panels.headers(table), panels.rows(table)
    body = tables.as_xlsx(table.title, headers, rows) if fmt == "xlsx" else tables.as_csv(headers, rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    name = slugify(scope.programme.code if scope.programme else scope.organisation.name) or "reintegra"
    response["Content-Disposition"] = f'attachment; filename="{name}-{key}.{fmt}"'
    return response
