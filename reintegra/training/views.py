"""Staff training pages: trainings with their modules, sessions, attendance and completions, the
certificate, supervision, one's own record and a programme's requirements. Thin: parse, call a
service or selector, render."""

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
from reintegra.accounts.policy import authenticated, requires
from reintegra.collation import by_name
from reintegra.confirm import confirm_page
from reintegra.documents import pdf_response
from reintegra.forms import add_service_error
from reintegra.programmes.models import role_names
from reintegra.training import selectors, services
from reintegra.training.forms import (
    CompletionForm,
    ModuleForm,
    RequirementForm,
    SupervisionForm,
    TrainingForm,
    TrainingSessionForm,
)

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _export(fmt: str, title: str, table: tuple[list[str], list[list[str]]], filename: str) -> HttpResponse:
    headers, rows = table
    body = tables.as_xlsx(title, headers, rows) if fmt == "xlsx" else tables.as_csv(headers, rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


# --- Trainings -----------------------------------------------------------------------------


@requires("training.view")
@require_GET
def training_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "trainings": selectors.training_list_for_user(request.user),
        "programmes": selectors.programmes_for_user(request.user),
        "may_manage": policy.holds_anywhere(request.user, "training.manage"),
    }
    return render(request, "training/training_list.html", context)


@requires("training.view")
@require_GET
def training_list_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    table = selectors.trainings_table(selectors.training_list_for_user(request.user))
    return _export(fmt, _("Trainings"), table, "szkolenia")


@requires("training.manage")
@require_http_methods(["GET", "POST"])
def training_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(
        policy.organisations_where(request.user, "training.manage").order_by(*by_name("name"))
    )
    form = TrainingForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.training_create(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The training was added."))
            return redirect("training:training_detail", training.pk)
    return render(request, "training/form.html", {"form": form, "title": _("New training")})


@requires("training.view")
@require_GET
def training_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    training = selectors.training_get_for_user(request.user, pk)
    context = {
        "training": training,
        "page": selectors.training_page(training),
        "may_manage": policy.can(request.user, "training.manage", training),
    }
    return render(request, "training/training_detail.html", context)


@requires("training.view")
@require_GET
def completions_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    training = selectors.training_get_for_user(request.user, pk)
    table = selectors.completions_table(selectors.training_page(training).completions)
    return _export(fmt, _("Completions"), table, f"ukonczenia-{training.pk}")


@requires("training.manage")
@require_http_methods(["GET", "POST"])
def module_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    training = selectors.training_get_for_user(request.user, pk, permission="training.manage")
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.module_add(
                actor=request.user,
                training=training,
                title=form.cleaned_data["title"],
                topic=form.cleaned_data["topic"],
                hours=form.cleaned_data["hours"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The module was added."))
            return redirect("training:training_detail", training.pk)
    context = {"form": form, "title": _("New module"), "training": training}
    return render(request, "training/form.html", context)


@requires("training.manage")
@require_http_methods(["GET", "POST"])
def session_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    training = selectors.training_get_for_user(request.user, pk, permission="training.manage")
    form = TrainingSessionForm(request.POST or None, training=training)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_add(
                actor=request.user, module=form.cleaned_data["module"], data=form.session_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session was added."))
            return redirect("training:attendance", session.pk)
    context = {"form": form, "title": _("New training session"), "training": training}
    return render(request, "training/form.html", context)


@requires("training.manage")
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.session_get_for_user(request.user, pk, permission="training.manage")
    rows = selectors.attendance_rows(session)
    errors: list[str] = []
    if request.method == "POST":
        chosen = set(request.POST.getlist("present"))
        present = [row.user for row in rows if str(row.user.pk) in chosen]
        try:
            services.attendance_record(actor=request.user, session=session, present=present)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Attendance was saved."))
            return redirect("training:attendance", session.pk)
    return render(request, "training/attendance.html", {"session": session, "rows": rows, "errors": errors})


@requires("training.manage")
@require_http_methods(["GET", "POST"])
def completion_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    training = selectors.training_get_for_user(request.user, pk, permission="training.manage")
    form = CompletionForm(request.POST or None, trainees=selectors.trainees(training))
    if request.method == "POST" and form.is_valid():
        try:
            completion = services.completion_record(
                actor=request.user,
                training=training,
                user=form.cleaned_data["user"],
                completed_on=form.cleaned_data["completed_on"],
                certificate_number=form.cleaned_data["certificate_number"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The completion was recorded; certificate no. %(number)s.")
                % {"number": completion.certificate_number},
            )
            return redirect("training:training_detail", training.pk)
    context = {"form": form, "title": _("Record a completion"), "training": training}
    return render(request, "training/form.html", context)


# --- Certificates and one's own record -----------------------------------------------------


@authenticated
@require_GET
def certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    completion = selectors.completion_get_for_user(request.user, pk)
    modules = selectors.certificate_modules(completion)
    context = {"completion": completion, "modules": modules, "hours": sum(module.hours for module in modules)}
    filename = f"zaswiadczenie-{completion.certificate_number}.pdf"
    return pdf_response(request, "training/print/certificate.html", context, filename)


# The staff's own record: a funder's reviewer or an employer's contact has no trainings here,
# and a funder reaches nothing but the funded reports (tests/outcomes/funder/test_funder_access.py).
@requires("training.view")
@require_GET
def my_trainings(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "training/my_trainings.html", {"record": selectors.own_record(request.user)})


# --- Supervision ---------------------------------------------------------------------------


@requires("training.view")
@require_GET
def supervision_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "supervisions": selectors.supervision_list_for_user(request.user),
        "may_manage": policy.holds_anywhere(request.user, "training.manage"),
    }
    return render(request, "training/supervision_list.html", context)


@requires("training.view")
@require_GET
def supervision_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    table = selectors.supervisions_table(selectors.supervision_list_for_user(request.user))
    return _export(fmt, _("Supervision"), table, "superwizje")


@requires("training.manage")
@require_http_methods(["GET", "POST"])
def supervision_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(
        policy.organisations_where(request.user, "training.manage").order_by(*by_name("name"))
    )
    ids = [o.pk for o in organisations]
    form = SupervisionForm(
        request.POST or None,
        organisations=organisations,
        programmes=selectors.supervision_programmes(ids),
        staff=selectors.staff_of(ids),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_record(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                data=form.supervision_data(),
                staff=list(form.cleaned_data["staff"]),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The supervision was recorded."))
            return redirect("training:supervision_list")
    return render(request, "training/form.html", {"form": form, "title": _("New supervision")})


# --- A programme's requirements ------------------------------------------------------------


@requires("training.view")
@require_http_methods(["GET", "POST"])
def requirements(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk)
    may_manage = policy.can(request.user, "training.manage", programme)
    form = RequirementForm(
        request.POST or None,
        roles=list(role_names(programme.template).items()),
        trainings=selectors.trainings_of(programme),
    )
    if request.method == "POST":
        if not may_manage:
            raise Http404
        if form.is_valid():
            try:
                services.requirement_add(
                    actor=request.user,
                    programme=programme,
                    role=form.cleaned_data["role"],
                    training=form.cleaned_data["training"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The requirement was added."))
                return redirect("training:requirements", programme.pk)
    context = {
        "programme": programme,
        "rows": selectors.requirement_rows(programme),
        "form": form,
        "may_manage": may_manage,
    }
    return render(request, "training/requirements.html", context)


@requires("training.manage")
@require_http_methods(["GET", "POST"])
def requirement_remove(request: AuthenticatedRequest, pk: int, requirement_pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, permission="training.manage")
    requirement = selectors.requirement_get(programme, requirement_pk)
    back = reverse("training:requirements", args=[programme.pk])
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove the requirement?"),
            question=_("The role will no longer require the training „%(training)s”.")
            % {"training": requirement.training},
            confirm_label=_("Remove"),
            back=back,
        )
    services.requirement_remove(actor=request.user, requirement=requirement)
    messages.success(request, _("The requirement was removed."))
    return redirect(back)
