"""The audit log for organisation administrators: filter, page, export. Read-only."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.audit import export
from reintegra.audit.display import entry_rows
from reintegra.audit.forms import EntryFilterForm
from reintegra.audit.models import AuditEntry
from reintegra.audit.selectors import entry_list_for_user
from reintegra.pagination import CappedPaginator

PAGE_SIZE = 50
EXPORT_LIMIT = 100_000


def _filtered(request: AuthenticatedRequest) -> tuple[EntryFilterForm, QuerySet[AuditEntry]]:
    organisations = list(policy.organisations_where(request.user, "audit.view"))
    form = EntryFilterForm(request.GET or None, user=request.user, organisations=organisations)
    entry_filter = form.to_filter() if form.is_bound and form.is_valid() else None
    return form, entry_list_for_user(request.user, entry_filter)


@requires("audit.view")
@require_GET
def entry_list(request: AuthenticatedRequest) -> HttpResponse:
    form, entries = _filtered(request)
    page = CappedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # htmx asks for the results only; without JavaScript the form reloads the whole page.
    template = "audit/entry_list.html#results" if request.htmx else "audit/entry_list.html"
    context = {"form": form, "page": page, "rows": entry_rows(page.object_list), "query": query.urlencode()}
    return render(request, template, context)


@requires("audit.view")
@require_GET
def entry_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    _form, entries = _filtered(request)
    limited = entries[:EXPORT_LIMIT]
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(limited),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export.as_csv(limited), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-log.{fmt}"'
    return response
