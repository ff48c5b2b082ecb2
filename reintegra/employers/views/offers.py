"""The staff's offer pages: the list (filtered, exported), an offer's page, writing, opening,
closing and extending offers. The form and the moves are shared with the employer contact's own
pages (``own.py``), which pass their own addresses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.confirm import confirm_page
from reintegra.employers import export, offer_workflow, selectors, services
from reintegra.employers.forms import ExtendForm, OfferFilterForm, OfferForm
from reintegra.employers.models import Employer, Offer, OfferStatus, Shift
from reintegra.forms import add_service_error
from reintegra.pagination import CappedPaginator

PAGE_SIZE = 25
EXPORT_LIMIT = 10_000

# --- Shared with the employer contact's pages ------------------------------------------------


def _initial_from_post(form_class: type[forms.Form], post: QueryDict) -> dict[str, Any]:
    """What was typed, as a new form's initial values: the form comes back to choose a code,
    not to be judged, so it shows no errors yet."""
    initial: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            initial[name] = post.getlist(name)
        elif isinstance(field, forms.BooleanField):
            initial[name] = name in post
        else:
            initial[name] = post.get(name, "")
    return initial


def offer_form_page(
    request: AuthenticatedRequest,
    *,
    employer: Employer,
    offer: Offer | None,
    back_url: str,
    saved_url: Callable[[Offer], str],
) -> HttpResponse:
    """Writes a new offer of the employer (``offer`` None) or changes one."""
    initial = OfferForm.initial_of(services.offer_data_of(offer)) if offer is not None else {}
    if request.method == "POST" and OfferForm.FIND in request.POST:
        form = OfferForm(initial=_initial_from_post(OfferForm, request.POST), employer=employer)
    else:
        form = OfferForm(request.POST or None, initial=initial, employer=employer)
        if request.method == "POST" and form.is_valid():
            try:
                if offer is None:
                    saved = services.offer_create(
                        actor=request.user,
                        employer=employer,
                        data=form.offer_data(),
                        publish="publish" in request.POST,
                    )
                else:
                    saved = services.offer_update(actor=request.user, offer=offer, data=form.offer_data())
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The offer was saved."))
                return redirect(saved_url(saved))
    context = {"form": form, "employer": employer, "offer": offer, "back_url": back_url}
    return render(request, "employers/offer_form.html", context)


def offer_move(request: AuthenticatedRequest, offer: Offer, to_status: str, *, back_url: str) -> HttpResponse:
    """Opens or closes the offer; closing asks first (GET shows the question, POST does it)."""
    if to_status == OfferStatus.CLOSED and request.method == "GET":
        return confirm_page(
            request,
            title=_("Close the offer?"),
            question=_("It will take no more candidates; what was started with it goes on."),
            confirm_label=_("Close the offer"),
            back=back_url,
        )
    try:
        if to_status == OfferStatus.CLOSED:
            services.offer_close(actor=request.user, offer=offer)
            messages.success(request, _("The offer was closed."))
        else:
            services.offer_open(actor=request.user, offer=offer)
            messages.success(request, _("The offer is open and takes candidates."))
    except offer_workflow.IllegalOfferMoveError as error:
        messages.error(request, str(error))
    return redirect(back_url)


def offer_context(request: AuthenticatedRequest, offer: Offer) -> dict[str, Any]:
    return {
        "offer": offer,
        "shifts": [Shift(shift).label for shift in offer.shifts if shift in Shift.values],
        "may_manage": selectors.offer_allows(request.user, "offer.manage", offer),
        "may_open": offer_workflow.can_move(offer.status, OfferStatus.OPEN),
        "may_close": offer_workflow.can_move(offer.status, OfferStatus.CLOSED),
        "is_internship": offer.kind in services.INTERNSHIP_KINDS,
        "internship_max_months": services.internship_max_months(),
        "extend_form": ExtendForm(),
    }


# --- The staff's pages -----------------------------------------------------------------------


def _filters(request: AuthenticatedRequest) -> tuple[OfferFilterForm, selectors.OfferFilter | None]:
    form = OfferFilterForm(request.GET or None)
    return form, form.to_filter() if form.is_bound and form.is_valid() else None


@requires("employer.list")
@require_GET
def offer_list(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filters(request)
    offers = selectors.offer_list_for_user(request.user, filters)
    page = CappedPaginator(offers, PAGE_SIZE, count_from_short_page=True).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "employers/offer_list.html", context)


@requires("employer.list")
@require_GET
def offer_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    _form, filters = _filters(request)
    offers = selectors.offer_list_for_user(request.user, filters)[:EXPORT_LIMIT]
    content_type = export.XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(export.offers_table(offers, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="offers.{fmt}"'
    return response


def _detail_url(offer: Offer) -> str:
    return reverse("employers:offer_detail", args=[offer.pk])


@requires("employer.list")
@require_GET
def offer_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk)
    return render(request, "employers/offer_detail.html", offer_context(request, offer))


@requires("employer.list")
@require_http_methods(["GET", "POST"])
def offer_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get_for_user(request.user, pk, permission="offer.manage")
    back_url = reverse("employers:employer_detail", args=[employer.pk])
    return offer_form_page(request, employer=employer, offer=None, back_url=back_url, saved_url=_detail_url)


@requires("employer.list")
@require_http_methods(["GET", "POST"])
def offer_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission="offer.manage")
    return offer_form_page(
        request, employer=offer.employer, offer=offer, back_url=_detail_url(offer), saved_url=_detail_url
    )


@requires("employer.list")
@require_POST
def offer_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission="offer.manage")
    return offer_move(request, offer, OfferStatus.OPEN, back_url=_detail_url(offer))


@requires("employer.list")
@require_http_methods(["GET", "POST"])
def offer_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission="offer.manage")
    return offer_move(request, offer, OfferStatus.CLOSED, back_url=_detail_url(offer))


@requires("employer.list")
@require_POST
def offer_extend(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission="offer.manage")
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.offer_extend(actor=request.user, offer=offer, months=form.cleaned_data["months"])
        except ValidationError as error:
            add_service_error(form, error, renamed={"duration_months": "months"})
        else:
            messages.success(request, _("The internship was extended."))
            return redirect(_detail_url(offer))
    context = offer_context(request, offer) | {"extend_form": form}
    return render(request, "employers/offer_detail.html", context, status=400)
