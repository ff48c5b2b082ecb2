"""The funder's pages (her funded programmes, one's suppressed report and its files) and the
programme organisation's page of funding links. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra import tables
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.confirm import confirm_page
from reintegra.forms import add_service_error
from reintegra.outcomes.funder import selectors, services
from reintegra.outcomes.funder.anonymised import anonymised_file_for_user
from reintegra.outcomes.funder.forms import FundingForm, PeriodForm
from reintegra.outcomes.reports import compose, export, scopes
from reintegra.programmes.models import Programme

# The funder's files, and the evaluators' anonymised file: CSV and XLSX.
FILE_FORMATS = ("csv", "xlsx")

# --- The funder ------------------------------------------------------------------------------


@requires("report.funded")
@require_GET
def funded_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {"programmes": selectors.funded_programmes_for_user(request.user)}
    return render(request, "outcomes/funder/funded_list.html", context)


def _period_form(request: AuthenticatedRequest, programme: Programme) -> PeriodForm:
    """The period asked for in the address, or the programme's run up to today."""
    if "start" in request.GET or "end" in request.GET:
        return PeriodForm(request.GET)
    end = min(programme.end_date, timezone.localdate())
    return PeriodForm(
        {"start": programme.start_date.isoformat(), "end": max(end, programme.start_date).isoformat()}
    )


@requires("report.funded")
@require_GET
def funded_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.funded_programme_get_for_user(request.user, pk)
    form = _period_form(request, programme)
    if not form.is_valid():
        context = {"programme": programme, "form": form}
        return render(request, "outcomes/funder/funded_report.html", context, status=400)
    funded = selectors.funded_report_for_user(request.user, pk, form.period())
    context = {
        "programme": programme,
        "form": form,
        "report": funded.report,
        "shown": compose.shown(funded.report),
        "threshold": funded.threshold,
    }
    return render(request, "outcomes/funder/funded_report.html", context)


@requires("report.funded")
@require_GET
def funded_report_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    """The suppressed report as the staff's report files are written (``reports.export``): a
    hidden cell is empty, its table ends with the note saying why."""
    if fmt not in FILE_FORMATS:
        raise Http404
    programme = selectors.funded_programme_get_for_user(request.user, pk)
    form = _period_form(request, programme)
    if not form.is_valid():
        return render(
            request, "outcomes/funder/funded_report.html", {"programme": programme, "form": form}, status=400
        )
    funded = selectors.funded_report_for_user(request.user, pk, form.period())
    scope = scopes.of_programme(funded.programme)
    response = HttpResponse(export.render(funded.report, scope, fmt), content_type=export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(scope, funded.report, fmt)}"'
    return response


# --- The programme's organisation ------------------------------------------------------------


def _funding_page(request: AuthenticatedRequest, form: FundingForm, *, status: int = 200) -> HttpResponse:
    context = {"programmes": selectors.programmes_with_funders_for_user(request.user), "form": form}
    return render(request, "outcomes/funder/funding_list.html", context, status=status)


@requires("funding.manage")
@require_GET
def funding_list(request: AuthenticatedRequest) -> HttpResponse:
    return _funding_page(
        request, FundingForm(programmes=selectors.programmes_with_funders_for_user(request.user))
    )


@requires("funding.manage")
@require_POST
def funding_add(request: AuthenticatedRequest) -> HttpResponse:
    form = FundingForm(request.POST, programmes=selectors.programmes_with_funders_for_user(request.user))
    if not form.is_valid():
        return _funding_page(request, form, status=400)
    programme, funder = form.cleaned_data["programme"], form.cleaned_data["funder"]
    try:
        services.funding_add(actor=request.user, programme=programme, funder=funder)
    except ValidationError as error:
        add_service_error(form, error)
        return _funding_page(request, form, status=400)
    messages.success(
        request,
        _("%(funder)s now sees the reports of %(programme)s.")
        % {"funder": funder, "programme": programme.name},
    )
    return redirect("outcomes:funder:funding_list")


@requires("funding.manage")
@require_http_methods(["GET", "POST"])
def funding_remove(request: AuthenticatedRequest, pk: int, funding_pk: int) -> HttpResponse:
    funding = selectors.funding_get_for_user(request.user, pk, funding_pk)
    back = reverse("outcomes:funder:funding_list")
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Stop sharing %(programme)s with %(funder)s?")
            % {"programme": funding.programme.name, "funder": funding.funder},
            question=_("Its reviewers will no longer see the programme's reports."),
            confirm_label=_("Stop sharing"),
            back=back,
        )
    services.funding_remove(actor=request.user, funding=funding)
    messages.success(
        request,
        _("The programme's reports are no longer shared with %(funder)s.") % {"funder": funding.funder},
    )
    return redirect(back)


@requires("anonymised.export")
@require_GET
def anonymised_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    """The anonymised row-level file for evaluators (see ``anonymised``)."""
    if fmt not in FILE_FORMATS:
        raise Http404
    file = anonymised_file_for_user(request.user, pk)
    if fmt == "xlsx":
        body = tables.as_xlsx(file.programme.code, file.headers, file.rows)
    else:
        body = tables.as_csv(file.headers, file.rows)
    response = HttpResponse(body, content_type=export.CONTENT_TYPES[fmt])
    filename = f"{file.programme.code}-anonymised-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
