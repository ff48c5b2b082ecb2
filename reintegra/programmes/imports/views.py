"""Uploading a participants file into a programme: the same all-or-nothing import as the command."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.models import User
from reintegra.accounts.policy import requires
from reintegra.programmes.imports import guide, parsing
from reintegra.programmes.imports.forms import ParticipantImportForm
from reintegra.programmes.imports.services import (
    ImportReport,
    participants_import,
    participants_import_check,
    participants_import_kept,
    report_summary,
)
from reintegra.programmes.models import Programme

PROBLEMS_SHOWN = 1000
PEOPLE_SHOWN = 1000


def _programmes_for_import(user: User) -> list[Programme]:
    organisation_ids = policy.organisation_ids_where(user, "programme.manage")
    return list(Programme.objects.filter(organisation_id__in=organisation_ids).select_related("organisation"))


def _programme_for_import(user: User, pk: int) -> Programme:
    """The programme, or the same 404 as a missing one when the user may not manage it."""
    programme = Programme.objects.select_related("organisation").filter(pk=pk).first()
    if programme is None or not policy.can(user, "programme.manage", programme):
        raise Http404
    return programme


@requires("programme.manage")
@require_GET
def import_start(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, "programmes/imports/start.html", {"programmes": _programmes_for_import(request.user)}
    )


@requires("programme.manage")
@require_GET
def import_help(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "programmes/imports/help.html",
        {
            "columns": guide.columns(),
            "required_columns": parsing.REQUIRED_COLUMNS,
            "example": guide.EXAMPLE,
            "max_mib": parsing.IMPORT_MAX_BYTES // (1024 * 1024),
        },
    )


@requires("programme.manage")
@require_GET
def import_template(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    """The file to fill in: the header with every column the import reads, and no rows."""
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    content_type = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[fmt]
    response = HttpResponse(guide.template_file(fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="uczestnicy-wzor.{fmt}"'
    return response


@requires("programme.manage")
@require_http_methods(["GET", "POST"])
def participants_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = _programme_for_import(request.user, pk)
    # Not `request.POST or None`: with the box unticked a POST may carry nothing but the file.
    posted = request.method == "POST"
    form = ParticipantImportForm(request.POST if posted else None, request.FILES if posted else None)
    context: dict[str, object] = {"programme": programme, "form": form}
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        if form.cleaned_data["dry_run"]:
            report = participants_import_check(
                actor=request.user, programme=programme, source=upload, name=upload.name or ""
            )
        else:
            report = participants_import(actor=request.user, programme=programme, source=upload)
        context.update(_report_context(report))
    return render(request, "programmes/imports/participants_upload.html", context)


@requires("programme.manage")
@require_POST
def participants_import_kept_file(request: AuthenticatedRequest, pk: int, kept_id: int) -> HttpResponse:
    """The one click after a clean dry run: imports the file kept then, without uploading it again."""
    programme = _programme_for_import(request.user, pk)
    report = participants_import_kept(actor=request.user, programme=programme, kept_id=kept_id)
    context: dict[str, object] = {"programme": programme, "form": ParticipantImportForm()}
    context.update(_report_context(report))
    return render(request, "programmes/imports/participants_upload.html", context)


def _report_context(report: ImportReport) -> dict[str, object]:
    return {
        "report": report,
        "summary": report_summary(report),
        "problems": report.problems[:PROBLEMS_SHOWN],
        "problems_hidden": max(0, len(report.problems) - PROBLEMS_SHOWN),
        "warnings": report.warnings[:PROBLEMS_SHOWN],
        "warnings_hidden": max(0, len(report.warnings) - PROBLEMS_SHOWN),
        "people": report.people[:PEOPLE_SHOWN],
        "people_hidden": max(0, len(report.people) - PEOPLE_SHOWN),
    }
