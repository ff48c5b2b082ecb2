"""Cost pages: the programmes, a programme's costs with filters, totals and exports, and the
forms that record, correct and remove a cost. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra import tables
from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.confirm import confirm_page
from reintegra.forms import add_service_error
from reintegra.outcomes.costs import export, selectors, services
from reintegra.outcomes.costs.forms import CostFilterForm, CostForm
from reintegra.outcomes.models import FundingSource

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@requires("cost.view")
@require_GET
def programme_list(request: AuthenticatedRequest) -> HttpResponse:
    programmes = selectors.cost_programmes_for_user(request.user)
    return render(request, "outcomes/costs/programme_list.html", {"programmes": programmes})


@requires("cost.view")
@require_GET
def cost_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.cost_programme_get_for_user(request.user, pk)
    form = CostFilterForm(request.GET or None)
    costs = selectors.costs_of(
        request.user, programme, form.chosen() if form.is_bound else selectors.CostFilter()
    )
    grid = selectors.totals(costs)
    context = {
        "programme": programme,
        "form": form,
        "costs": costs,
        "grid": grid,
        "totals": export.totals_lines(grid),
        "sources": FundingSource.choices,
        "query": request.GET.urlencode(),
        "may_manage": policy.can(request.user, "cost.manage", programme),
    }
    return render(request, "outcomes/costs/cost_list.html", context)


@requires("cost.view")
@require_GET
def cost_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    programme = selectors.cost_programme_get_for_user(request.user, pk)
    form = CostFilterForm(request.GET or None)
    costs = selectors.costs_of(
        request.user, programme, form.chosen() if form.is_bound else selectors.CostFilter()
    )
    headers, rows = export.headers(), export.rows(costs)
    body = tables.as_xlsx(_("Costs"), headers, rows) if fmt == "xlsx" else tables.as_csv(headers, rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="koszty-{programme.code}.{fmt}"'
    return response


@requires("cost.manage")
@require_http_methods(["GET", "POST"])
def cost_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.cost_programme_get_for_user(request.user, pk, permission="cost.manage")
    form = CostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_record(actor=request.user, programme=programme, data=form.cost_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The cost was recorded."))
            return redirect("outcomes:costs:list", programme.pk)
    context = {"form": form, "programme": programme, "title": _("Record a cost")}
    return render(request, "outcomes/costs/cost_form.html", context)


@requires("cost.manage")
@require_http_methods(["GET", "POST"])
def cost_correct(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cost = selectors.cost_get_for_user(request.user, pk)
    form = CostForm(request.POST or None, cost=cost)
    if request.method == "POST" and form.is_valid():
        try:
            services.cost_correct(actor=request.user, cost=cost, data=form.cost_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The cost was corrected."))
            return redirect("outcomes:costs:list", cost.programme_id)
    context = {"form": form, "programme": cost.programme, "cost": cost, "title": _("Correct a cost")}
    return render(request, "outcomes/costs/cost_form.html", context)


@requires("cost.manage")
@require_http_methods(["GET", "POST"])
def cost_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cost = selectors.cost_get_for_user(request.user, pk)
    back = reverse("outcomes:costs:list", args=[cost.programme_id])
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove this cost?"),
            question=_("%(amount)s zł for %(description)s will no longer count in the totals and reports.")
            % {"amount": f"{cost.amount:.2f}".replace(".", ","), "description": cost.description},
            confirm_label=_("Remove"),
            back=back,
        )
    services.cost_remove(actor=request.user, cost=cost)
    messages.success(request, _("The cost was removed."))
    return redirect(back)
