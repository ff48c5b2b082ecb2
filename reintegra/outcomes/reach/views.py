"""Reach pages: the programmes, a programme's participants with what each told (and its
export), the form that records a participant's reach, and the one that records who told an
applicant about the programme. Thin: parse, call a service or
selector, render."""

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
from reintegra.outcomes.reach import export, selectors, services
from reintegra.outcomes.reach.forms import HeardFromForm, ReachForm

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@requires("reach.view")
@require_GET
def programme_list(request: AuthenticatedRequest) -> HttpResponse:
    programmes = selectors.reach_programmes_for_user(request.user)
    return render(request, "outcomes/reach/programme_list.html", {"programmes": programmes})


@requires("reach.view")
@require_GET
def reach_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.reach_programme_get_for_user(request.user, pk)
    lines, totals = selectors.reach_list_for_user(request.user, programme)
    context = {
        "programme": programme,
        "lines": lines,
        "totals": totals,
        "heard_from": selectors.heard_from_for_user(request.user, programme),
        "reached_at_least": selectors.REACHED_AT_LEAST,
        "may_record": policy.can(request.user, "reach.record", programme),
    }
    return render(request, "outcomes/reach/reach_list.html", context)


@requires("reach.view")
@require_GET
def reach_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    programme = selectors.reach_programme_get_for_user(request.user, pk)
    lines = selectors.reach_export_for_user(request.user, programme, fmt=fmt)
    headers, rows = export.headers(), export.rows(lines)
    body = tables.as_xlsx(_("Reach"), headers, rows) if fmt == "xlsx" else tables.as_csv(headers, rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="zasieg-{programme.code}.{fmt}"'
    return response


@requires("reach.view")
@require_GET
def heard_from_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    programme = selectors.reach_programme_get_for_user(request.user, pk)
    links = selectors.heard_from_export_for_user(request.user, programme, fmt=fmt)
    headers, rows = export.heard_from_headers(), export.heard_from_rows(links)
    title = _("Word of mouth")
    body = tables.as_xlsx(title, headers, rows) if fmt == "xlsx" else tables.as_csv(headers, rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="z-polecenia-{programme.code}.{fmt}"'
    return response


@requires("reach.record")
@require_http_methods(["GET", "POST"])
def reach_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.reach_programme_get_for_user(request.user, pk, permission="reach.record")
    form = ReachForm(request.POST or None, participants=selectors.reach_participants(programme))
    if request.method == "POST" and form.is_valid():
        try:
            services.reach_record(
                actor=request.user, enrolment=form.cleaned_data["enrolment"], data=form.reach_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The reach was recorded."))
            return redirect("outcomes:reach:list", programme.pk)
    return render(request, "outcomes/reach/reach_form.html", {"form": form, "programme": programme})


@requires("reach.record")
@require_http_methods(["GET", "POST"])
def heard_from_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff name the participant who told an applicant about the programme."""
    programme = selectors.reach_programme_get_for_user(request.user, pk, permission="reach.record")
    applicants = selectors.reach_applicants(programme)
    initial = (
        {"applicant": request.GET.get("applicant")} if request.GET.get("applicant", "").isdigit() else {}
    )
    form = HeardFromForm(
        request.POST or None,
        initial=initial,
        applicants=applicants,
        participants=selectors.reach_participants(programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.heard_from_record(
                actor=request.user,
                applicant=form.cleaned_data["applicant"],
                told_by=form.cleaned_data["told_by"],
            )
        except ValidationError as error:
            add_service_error(form, error, renamed={"enrolment": "applicant"})
        else:
            messages.success(request, _("Who told the applicant about the programme was recorded."))
            return redirect("outcomes:reach:list", programme.pk)
    context = {"form": form, "programme": programme}
    return render(request, "outcomes/reach/heard_from_form.html", context, status=400 if form.errors else 200)


@requires("reach.record")
@require_http_methods(["GET", "POST"])
def heard_from_remove(request: AuthenticatedRequest, pk: int, link_pk: int) -> HttpResponse:
    """Removes a wrong word-of-mouth link, after a confirmation."""
    programme = selectors.reach_programme_get_for_user(request.user, pk, permission="reach.record")
    link = selectors.heard_from_get_for_user(request.user, programme, link_pk)
    back = reverse("outcomes:reach:list", args=[programme.pk])
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove the link?"),
            question=_("%(applicant)s will no longer count as brought by %(teller)s.")
            % {"applicant": link.enrolment.participant, "teller": link.told_by.participant},
            confirm_label=_("Remove the link"),
            back=back,
        )
    services.heard_from_remove(actor=request.user, link=link)
    messages.success(request, _("The link was removed."))
    return redirect(back)
