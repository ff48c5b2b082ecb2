"""The report page and its files. Thin: the form parses, the scopes decide what the reader may
count, the report is composed and shown or exported."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.outcomes.reports import completeness as completeness_files
from reintegra.outcomes.reports import compose, definitions, export, scopes, selectors
from reintegra.outcomes.reports.forms import CompletenessForm, ReportForm
from reintegra.outcomes.reports.selectors import Incomplete

TEMPLATE = "outcomes/reports/report.html"
COMPLETENESS = "outcomes/reports/completeness.html"


def _form(request: AuthenticatedRequest) -> ReportForm:
    if request.GET:
        return ReportForm(request.GET, user=request.user)
    today = timezone.localdate()
    initial = {"start": today.replace(month=1, day=1), "end": today}
    return ReportForm(initial=initial, user=request.user)


def _refused(request: AuthenticatedRequest, form: ReportForm) -> HttpResponse:
    """The form with its errors; a scope out of reach answers 404, as one that does not exist."""
    return render(request, TEMPLATE, {"form": form}, status=404 if form.out_of_reach() else 400)


@requires("report.view")
@require_GET
def report(request: AuthenticatedRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_bound:
        return render(request, TEMPLATE, {"form": form})
    if not form.is_valid():
        return _refused(request, form)
    scope = scopes.scope_get_for_user(request.user, form.cleaned_data["scope"])
    report = compose.report_for(scope, form.period())
    context = {
        "form": form,
        "scope": scope,
        "report": report,
        "shown": compose.shown(report),
        "query": request.GET.urlencode(),
        "defined": definitions.codes(get_language()),
        **_incomplete(request, scope),
    }
    return render(request, TEMPLATE, context)


@requires("report.view")
@require_GET
def definition_list(request: AuthenticatedRequest) -> HttpResponse:
    """Every indicator's definition, as the docs state it in the reader's language
    (docs/indicators.pl.md in Polish, docs/indicators.md otherwise); a report's codes link here."""
    shown = definitions.definitions(get_language())
    doc = definitions.FILES[shown[0].language if shown else definitions.language_of(get_language())]
    return render(request, "outcomes/reports/definitions.html", {"definitions": shown, "doc": f"docs/{doc}"})


def _incomplete(request: AuthenticatedRequest, scope: scopes.Scope) -> dict[str, object]:
    """How many of a programme's people cannot be counted yet, with a link to the check for a
    reader who may see who they are. Not for a whole organisation: the count reads every
    person's facts, which the report itself never does (it reads the counts kept on write)."""
    if scope.kind != scopes.ScopeKind.PROGRAMME:
        return {}
    return {
        "incomplete": completeness_files.incomplete_count(scope, timezone.localdate()),
        "completeness_query": urlencode({"scope": scope.value}),
        "may_check": policy.holds_anywhere(request.user, "report.completeness"),
    }


@requires("report.view")
@require_GET
def report_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in export.FORMATS:
        raise Http404
    form = ReportForm(request.GET, user=request.user)
    if not form.is_valid():
        return _refused(request, form)
    scope = scopes.scope_get_for_user(request.user, form.cleaned_data["scope"])
    report = compose.report_for(scope, form.period())
    response = HttpResponse(export.render(report, scope, fmt), content_type=export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(scope, report, fmt)}"'
    return response


# --- The data-completeness check ---------------------------------------------------------------


def _listed(request: AuthenticatedRequest, form: CompletenessForm) -> list[Incomplete]:
    scope = scopes.scope_get_for_user(request.user, form.cleaned_data["scope"])
    return selectors.completeness_for_user(
        request.user, on=timezone.localdate(), **{str(scope.kind): scope.id}
    )


@requires("report.completeness")
@require_GET
def completeness(request: AuthenticatedRequest) -> HttpResponse:
    """The participants who cannot be counted yet, what each lacks, and a link to each."""
    form = CompletenessForm(request.GET or None, user=request.user)
    context: dict[str, object] = {"form": form}
    if form.is_bound and not form.is_valid():
        return render(request, COMPLETENESS, context, status=404 if form.out_of_reach() else 400)
    if form.is_bound:
        context |= {"listed": _listed(request, form), "query": request.GET.urlencode()}
    return render(request, COMPLETENESS, context)


@requires("report.completeness")
@require_GET
def completeness_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    form = CompletenessForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(request, COMPLETENESS, {"form": form}, status=404 if form.out_of_reach() else 400)
    listed = _listed(request, form)
    body = completeness_files.as_xlsx(listed) if fmt == "xlsx" else completeness_files.as_csv(listed)
    response = HttpResponse(body, content_type=export.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="kompletnosc-danych.{fmt}"'
    return response
