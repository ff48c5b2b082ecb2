"""The employer contact's own pages: her employer's sites and offers, which she edits, posts,
opens and closes — and nothing else. Every object is reached with ``employer.own``: only her
own employer's, never another's, and never anything of a person (a person reaches an employer
only through the parts that decide what an employer may see of her)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.employers import selectors, services
from reintegra.employers.forms import SiteForm
from reintegra.employers.models import Employer, Offer, OfferStatus, Site
from reintegra.employers.views.offers import offer_context, offer_form_page, offer_move
from reintegra.forms import add_service_error

OWN = "employer.own"
HOME = "employers:own_home"


def _own_employer(request: AuthenticatedRequest) -> Employer:
    employer = selectors.employer_of_contact(request.user)
    if employer is None:
        raise Http404
    return employer


def _offer_url(offer: Offer) -> str:
    return reverse("employers:own_offer_detail", args=[offer.pk])


@requires(OWN)
@require_GET
def own_home(request: AuthenticatedRequest) -> HttpResponse:
    """The start page of an employer's contact: the employer's sites and offers."""
    employer = selectors.employer_of_contact(request.user)
    context = {
        "employer": employer,
        "sites": selectors.sites_of(employer) if employer else [],
        "offers": selectors.offers_of(employer) if employer else [],
    }
    return render(request, "employers/own/home.html", context)


def _site_page(request: AuthenticatedRequest, employer: Employer, site: Site | None) -> HttpResponse:
    initial = {}
    if site is not None:
        initial = dict(services.site_data_of(site).__dict__) | {"gmina": site.gmina_id}
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if site is None:
                services.site_create(actor=request.user, employer=employer, data=form.site_data())
            else:
                services.site_update(actor=request.user, site=site, data=form.site_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The site was saved."))
            return redirect(HOME)
    context = {"form": form, "employer": employer, "site": site, "back_url": reverse(HOME)}
    return render(request, "employers/site_form.html", context)


@requires(OWN)
@require_http_methods(["GET", "POST"])
def own_site_create(request: AuthenticatedRequest) -> HttpResponse:
    return _site_page(request, _own_employer(request), None)


@requires(OWN)
@require_http_methods(["GET", "POST"])
def own_site_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_for_user(request.user, pk, permission=OWN)
    return _site_page(request, site.employer, site)


@requires(OWN)
@require_http_methods(["GET", "POST"])
def own_offer_create(request: AuthenticatedRequest) -> HttpResponse:
    employer = _own_employer(request)
    return offer_form_page(
        request, employer=employer, offer=None, back_url=reverse(HOME), saved_url=_offer_url
    )


@requires(OWN)
@require_GET
def own_offer_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission=OWN)
    return render(request, "employers/own/offer_detail.html", offer_context(request, offer))


@requires(OWN)
@require_http_methods(["GET", "POST"])
def own_offer_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission=OWN)
    return offer_form_page(
        request, employer=offer.employer, offer=offer, back_url=_offer_url(offer), saved_url=_offer_url
    )


@requires(OWN)
@require_POST
def own_offer_open(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission=OWN)
    return offer_move(request, offer, OfferStatus.OPEN, back_url=_offer_url(offer))


@requires(OWN)
@require_http_methods(["GET", "POST"])
def own_offer_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get_for_user(request.user, pk, permission=OWN)
    return offer_move(request, offer, OfferStatus.CLOSED, back_url=_offer_url(offer))
