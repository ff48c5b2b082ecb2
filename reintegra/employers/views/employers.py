"""The staff's pages of employers, their sites and contacts. Thin: parse, call a service or a
selector, render. An employer the user may not reach answers 404, as one that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.confirm import confirm_page
from reintegra.employers import export, history, selectors, services
from reintegra.employers.forms import ContactForm, EmployerFilterForm, EmployerForm, SiteForm
from reintegra.employers.models import Employer, Site
from reintegra.forms import add_service_error
from reintegra.pagination import CappedPaginator

PAGE_SIZE = 25
EXPORT_LIMIT = 10_000


def _filters(request: AuthenticatedRequest) -> tuple[EmployerFilterForm, selectors.EmployerFilter | None]:
    form = EmployerFilterForm(request.GET or None)
    return form, form.to_filter() if form.is_bound and form.is_valid() else None


@requires("employer.list")
@require_GET
def employer_list(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filters(request)
    employers = selectors.employer_list_for_user(request.user, filters)
    page = CappedPaginator(employers, PAGE_SIZE, count_from_short_page=True).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "may_create": bool(selectors.organisations_keeping(request.user)),
    }
    return render(request, "employers/employer_list.html", context)


@requires("employer.list")
@require_GET
def employer_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    _form, filters = _filters(request)
    employers = selectors.employer_list_for_user(request.user, filters)[:EXPORT_LIMIT]
    content_type = export.XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(export.employers_table(employers, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="employers.{fmt}"'
    return response


@requires("employer.manage")
@require_http_methods(["GET", "POST"])
def employer_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = selectors.organisations_keeping(request.user)
    if not organisations:
        raise Http404
    partnerships = selectors.partnerships_of(organisations[0]) if len(organisations) == 1 else None
    form = EmployerForm(request.POST or None, organisations=organisations, partnerships=partnerships)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_create(
                actor=request.user, kept_by=form.cleaned_data["kept_by"], data=form.employer_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The employer was registered."))
            return redirect("employers:employer_detail", employer.pk)
    return render(request, "employers/employer_form.html", {"form": form})


@requires("employer.manage")
@require_http_methods(["GET", "POST"])
def employer_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get_for_user(request.user, pk, permission="employer.manage")
    initial: dict[str, Any] = dict(services.employer_data_of(employer).__dict__)
    initial["kept_by"] = employer.kept_by_id
    initial["partnership"] = employer.partnership_id
    form = EmployerForm(
        request.POST or None,
        initial=initial,
        organisations=[employer.kept_by],
        partnerships=selectors.partnerships_of(employer.kept_by),
        employer=employer,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(actor=request.user, employer=employer, data=form.employer_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("employers:employer_detail", employer.pk)
    return render(request, "employers/employer_form.html", {"form": form, "employer": employer})


@requires("employer.list")
@require_GET
def employer_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get_for_user(request.user, pk)
    context = {
        "employer": employer,
        "sites": selectors.sites_of(employer),
        "contacts": selectors.contacts_of(employer),
        "history": history.history_for(request.user, employer),
        "may_manage": selectors.employer_allows(request.user, "employer.manage", employer),
        "may_edit_sites": services.may_edit_sites(request.user, employer),
        "may_post_offers": selectors.employer_allows(request.user, "offer.manage", employer),
    }
    return render(request, "employers/employer_detail.html", context)


# --- Sites and contacts ----------------------------------------------------------------------


def _site_form_page(
    request: AuthenticatedRequest, employer: Employer, site: Site | None, form: SiteForm
) -> HttpResponse:
    context = {
        "form": form,
        "employer": employer,
        "site": site,
        "back_url": reverse("employers:employer_detail", args=[employer.pk]),
    }
    return render(request, "employers/site_form.html", context)


@requires("employer.list")
@require_http_methods(["GET", "POST"])
def site_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get_for_user(request.user, pk)
    if not services.may_edit_sites(request.user, employer):
        raise Http404
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_create(actor=request.user, employer=employer, data=form.site_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The site was added."))
            return redirect("employers:employer_detail", employer.pk)
    return _site_form_page(request, employer, None, form)


@requires("employer.list")
@require_http_methods(["GET", "POST"])
def site_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for_user(request.user, pk)
    if not services.may_edit_sites(request.user, site.employer):
        raise Http404
    initial = dict(services.site_data_of(site).__dict__)
    initial["gmina"] = site.gmina_id
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_update(actor=request.user, site=site, data=form.site_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("employers:employer_detail", site.employer_id)
    return _site_form_page(request, site.employer, site, form)


@requires("employer.manage")
@require_http_methods(["GET", "POST"])
def contact_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get_for_user(request.user, pk, permission="employer.manage")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_contact_add(actor=request.user, employer=employer, data=form.contact_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contact was added; she gets an e-mail to set her password."))
            return redirect("employers:employer_detail", employer.pk)
    return render(request, "employers/contact_form.html", {"form": form, "employer": employer})


@requires("employer.manage")
@require_http_methods(["GET", "POST"])
def contact_remove(request: AuthenticatedRequest, pk: int, contact_pk: int) -> HttpResponse:
    employer = selectors.employer_get_for_user(request.user, pk, permission="employer.manage")
    contact = selectors.contact_get(employer, contact_pk)
    back = reverse("employers:employer_detail", args=[employer.pk])
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("End %(name)s's access?") % {"name": contact.get_full_name() or contact.username},
            question=_("She will no longer log in for %(employer)s.") % {"employer": employer},
            confirm_label=_("End the access"),
            back=back,
        )
    services.employer_contact_remove(actor=request.user, employer=employer, contact=contact)
    messages.success(request, _("The contact's access has ended."))
    return redirect(back)
