"""Workshop ideas (idea → implemented → reviewed) and study visits of a partnership: lists with
their export, the forms. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.forms import add_service_error
from reintegra.partnership.meetings import export, selectors, services
from reintegra.partnership.meetings.forms import IdeaFilterForm, IdeaForm, IdeaMoveForm, VisitForm
from reintegra.partnership.meetings.views import form_page
from reintegra.partnership.meetings.workflow import IDEA_NEXT
from reintegra.partnership.models import IdeaStatus, Partnership, StudyVisit

# --- Ideas ------------------------------------------------------------------------------------


@requires("partnership.view")
@require_GET
def idea_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = selectors.access(request.user, pk)
    filters = IdeaFilterForm(request.GET or None)
    status = filters.status_value()
    context = {
        "partnership": access.partnership,
        "may_record": access.may_record,
        "ideas": list(selectors.ideas_of(access.partnership, status)),
        "filters": filters,
        "status": status,
    }
    return render(request, "partnership/meetings/idea_list.html", context)


@requires("partnership.view")
@require_GET
def idea_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    access = selectors.access(request.user, pk)
    status = IdeaFilterForm(request.GET or None).status_value()
    rows = export.idea_rows(selectors.ideas_of(access.partnership, status))
    return export.response(fmt, _("Workshop ideas"), "workshop-ideas", export.idea_headers(), rows)


def _idea_form(
    request: AuthenticatedRequest, partnership: Partnership, initial: dict[str, object] | None = None
) -> IdeaForm:
    return IdeaForm(
        request.POST or None,
        initial=initial,
        organisations=selectors.member_organisations(partnership),
        meetings=selectors.meetings_of(partnership),
    )


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def idea_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    form = _idea_form(request, partnership)
    if request.method == "POST" and form.is_valid():
        try:
            idea = services.idea_create(actor=request.user, partnership=partnership, data=form.idea_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The idea has been recorded."))
            return redirect("partnership:meetings:idea_detail", partnership.pk, idea.pk)
    return form_page(
        request,
        form,
        partnership=partnership,
        title=_("Record an idea"),
        back=reverse("partnership:meetings:ideas", args=[partnership.pk]),
        submit=_("Save"),
    )


@requires("partnership.view")
@require_GET
def idea_detail(request: AuthenticatedRequest, pk: int, idea_pk: int) -> HttpResponse:
    access = selectors.access(request.user, pk)
    idea = selectors.idea_get(access.partnership, idea_pk)
    next_status = IDEA_NEXT.get(idea.status)
    context = {
        "partnership": access.partnership,
        "may_record": access.may_record,
        "idea": idea,
        "next_status": next_status,
        "next_label": IdeaStatus(next_status).label if next_status else "",
    }
    return render(request, "partnership/meetings/idea_detail.html", context)


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def idea_edit(request: AuthenticatedRequest, pk: int, idea_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    idea = selectors.idea_get(partnership, idea_pk)
    initial = {name: getattr(idea, name) for name in services.IDEA_FIELDS}
    form = _idea_form(request, partnership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_update(actor=request.user, idea=idea, data=form.idea_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("partnership:meetings:idea_detail", partnership.pk, idea.pk)
    return form_page(
        request,
        form,
        partnership=partnership,
        title=_("Edit the idea"),
        back=reverse("partnership:meetings:idea_detail", args=[partnership.pk, idea.pk]),
        submit=_("Save"),
    )


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def idea_move(request: AuthenticatedRequest, pk: int, idea_pk: int) -> HttpResponse:
    """The idea's next step: implemented (what was done) or reviewed (what it gave)."""
    partnership = selectors.access(request.user, pk, record=True).partnership
    idea = selectors.idea_get(partnership, idea_pk)
    to_status = IDEA_NEXT.get(idea.status)
    if to_status is None:
        raise Http404
    form = IdeaMoveForm(request.POST or None, to_status=to_status)
    if request.method == "POST" and form.is_valid():
        try:
            services.idea_move(
                actor=request.user,
                idea=idea,
                to_status=to_status,
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The idea is now “%(status)s”.") % {"status": IdeaStatus(to_status).label}
            )
            return redirect("partnership:meetings:idea_detail", partnership.pk, idea.pk)
    title = (
        _("The idea was implemented") if to_status == IdeaStatus.IMPLEMENTED else _("The idea was reviewed")
    )
    return form_page(
        request,
        form,
        partnership=partnership,
        title=title,
        intro=idea.title,
        back=reverse("partnership:meetings:idea_detail", args=[partnership.pk, idea.pk]),
        submit=_("Save"),
    )


# --- Study visits -----------------------------------------------------------------------------


@requires("partnership.view")
@require_GET
def visit_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = selectors.access(request.user, pk)
    context = {
        "partnership": access.partnership,
        "may_record": access.may_record,
        "visits": list(selectors.visits_of(access.partnership)),
    }
    return render(request, "partnership/meetings/visit_list.html", context)


@requires("partnership.view")
@require_GET
def visit_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    access = selectors.access(request.user, pk)
    rows = export.visit_rows(selectors.visits_of(access.partnership))
    return export.response(fmt, _("Study visits"), "study-visits", export.visit_headers(), rows)


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def visit_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    form = VisitForm(request.POST or None, organisations=selectors.member_organisations(partnership))
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_create(actor=request.user, partnership=partnership, data=form.visit_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The study visit has been recorded."))
            return redirect("partnership:meetings:visits", partnership.pk)
    return form_page(
        request,
        form,
        partnership=partnership,
        title=_("Record a study visit"),
        back=reverse("partnership:meetings:visits", args=[partnership.pk]),
        submit=_("Save"),
    )


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def visit_edit(request: AuthenticatedRequest, pk: int, visit_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    visit: StudyVisit = selectors.visit_get(partnership, visit_pk)
    initial: dict[str, object] = {name: getattr(visit, name) for name in services.VISIT_FIELDS}
    initial["organisations"] = [o.pk for o in visit.organisations.all()]
    form = VisitForm(
        request.POST or None, initial=initial, organisations=selectors.member_organisations(partnership)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(actor=request.user, visit=visit, data=form.visit_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("partnership:meetings:visits", partnership.pk)
    return form_page(
        request,
        form,
        partnership=partnership,
        title=_("Edit the study visit"),
        back=reverse("partnership:meetings:visits", args=[partnership.pk]),
        submit=_("Save"),
    )
