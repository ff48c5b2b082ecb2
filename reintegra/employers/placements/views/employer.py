"""The employer contact's pages: "Kandydaci", the people proposed to her employer's offers, as
her selectors let her see them, her answers, the start and end, feedback and the documents."""

from __future__ import annotations

from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.employers.models import Placement, PlacementStatus
from reintegra.employers.placements import selectors
from reintegra.employers.placements.views.common import (
    AGREED,
    agreement_response,
    certificate_response,
    employer_feedback_post,
    employer_moves,
    mentoring_meeting_post,
    move_post,
    page_forms,
    terms_post,
)

# --- The employer's contact: candidates ----------------------------------------------------------


@requires("placement.employer")
@require_GET
def candidate_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    context = {
        "candidates": selectors.candidates_for_contact(request.user, status=status),
        "statuses": PlacementStatus.choices,
        "status": status,
    }
    return render(request, "employers/placements/candidate_list.html", context)


def _candidate_page(
    request: AuthenticatedRequest,
    placement: Placement,
    page: selectors.PlacementPage | None = None,
    **bound: Form,
) -> HttpResponse:
    page = page or selectors.placement_page(request.user, placement, for_employer=True)
    context = {
        "profile": page.profile,
        "placement": placement,
        "has_agreement": placement.status in AGREED,
        "timeline": page.timeline,
        "meetings": page.meetings,
        **page_forms(placement, employer=True, bound=bound),
    }
    return render(
        request, "employers/placements/candidate_detail.html", context, status=400 if bound else 200
    )


def _candidate(request: AuthenticatedRequest, pk: int) -> Placement:
    return selectors.candidate_get_for_contact(request.user, pk).placement


@requires("placement.employer")
@require_GET
def candidate_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = selectors.candidate_page_for_contact(request.user, pk)
    return _candidate_page(request, page.placement, page)


@requires("placement.employer")
@require_POST
def candidate_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = _candidate(request, pk)
    return move_post(
        request, placement, employer_moves(placement), _candidate_page, "employers:placements:candidate"
    )


@requires("placement.employer")
@require_POST
def candidate_terms(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return terms_post(request, _candidate(request, pk), _candidate_page, "employers:placements:candidate")


@requires("placement.employer")
@require_POST
def candidate_feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return employer_feedback_post(
        request, _candidate(request, pk), _candidate_page, "employers:placements:candidate"
    )


@requires("placement.employer")
@require_POST
def candidate_mentoring_meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return mentoring_meeting_post(
        request, _candidate(request, pk), _candidate_page, "employers:placements:candidate"
    )


def _agreed_candidate(request: AuthenticatedRequest, pk: int) -> Placement:
    """The documents name the person: the employer has them once the person agreed to meet."""
    profile = selectors.candidate_get_for_contact(request.user, pk)
    if not profile.may_meet:
        raise Http404
    return profile.placement


@requires("placement.employer")
@require_GET
def candidate_agreement_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return agreement_response(request, _agreed_candidate(request, pk))


@requires("placement.employer")
@require_GET
def candidate_certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return certificate_response(request, _agreed_candidate(request, pk))
