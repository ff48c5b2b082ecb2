"""The staff's placement pages: propose a person, the placement with its timeline and actions,
its documents, the list and its export, and the retention follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.employers.models import Placement, PlacementStatus
from reintegra.employers.placements import export, selectors, services
from reintegra.employers.placements.forms import (
    FollowUpForm,
    ParticipantFeedbackForm,
    ProposeForm,
)
from reintegra.employers.placements.views.common import (
    AGREED,
    agreement_response,
    certificate_response,
    employer_feedback_post,
    mentoring_meeting_post,
    move_post,
    page_forms,
    post_form,
    staff_moves,
    terms_post,
)
from reintegra.employers.placements.workflow import (
    ALIVE,
)
from reintegra.forms import add_service_error

# --- Staff: proposing ----------------------------------------------------------------------------


@requires("placement.view")
@require_GET
def placement_list(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    context = {
        "placements": selectors.placement_list_for_user(request.user, status=status),
        "statuses": PlacementStatus.choices,
        "status": status,
    }
    return render(request, "employers/placements/placement_list.html", context)


@requires("placement.view")
@require_GET
def placement_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    placements = selectors.placement_export_for_user(
        request.user, status=request.GET.get("status", ""), fmt=fmt
    )
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(placements),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export.as_csv(placements), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="placements.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@requires("placement.propose")
@require_http_methods(["GET", "POST"])
def propose_for_offer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_for_staff(request.user, pk)
    # From the offer's matched people, the person comes chosen (``?participant=``).
    initial = {"participant": request.GET.get("participant", "")}
    form = ProposeForm(
        request.POST or None, people=selectors.proposable_people(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_propose(
                actor=request.user,
                participant=form.chosen_person(),
                offer=offer,
                note=form.cleaned_data["note"],
                terms=form.terms(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The person was proposed for the offer."))
            return redirect("employers:placements:detail", placement.pk)
    context = {
        "form": form,
        "offer": offer,
        "placements": selectors.offer_placements_for_user(request.user, offer),
    }
    return render(request, "employers/placements/propose.html", context)


@requires("placement.propose")
@require_http_methods(["GET", "POST"])
def propose_for_person(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = selectors.person_placements_page(request.user, pk)
    person = page.person
    # From the person's matched offers, the offer comes chosen (``?offer=``).
    initial = {"offer": request.GET.get("offer", "")}
    form = ProposeForm(
        request.POST or None, offers=selectors.open_offers_for_staff(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_propose(
                actor=request.user,
                participant=person,
                offer=form.cleaned_data["offer"],
                note=form.cleaned_data["note"],
                terms=form.terms(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The person was proposed for the offer."))
            return redirect("employers:placements:detail", placement.pk)
    context = {"form": form, "person": person, "placements": page.placements}
    return render(request, "employers/placements/propose.html", context)


# --- Staff: the placement ------------------------------------------------------------------------


def _staff_page(
    request: AuthenticatedRequest,
    placement: Placement,
    page: selectors.PlacementPage | None = None,
    **bound: Form,
) -> HttpResponse:
    page = page or selectors.placement_page(request.user, placement)
    context = {
        "placement": placement,
        "label": selectors.candidate_label(placement),
        "may_agree": placement.status in ALIVE and placement.meeting_agreed_at is None,
        "has_agreement": placement.status in AGREED,
        "timeline": page.timeline,
        "meetings": page.meetings,
        "follow_ups": page.follow_ups,
        **page_forms(placement, employer=False, bound=bound),
    }
    return render(
        request, "employers/placements/placement_detail.html", context, status=400 if bound else 200
    )


@requires("placement.view")
@require_GET
def placement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = selectors.placement_page_for_user(request.user, pk)
    return _staff_page(request, page.placement, page)


@requires("placement.propose")
@require_POST
def placement_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    return move_post(request, placement, staff_moves(placement), _staff_page, "employers:placements:detail")


@requires("placement.propose")
@require_POST
def placement_meeting_agreed(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    try:
        services.placement_meeting_agreed(actor=request.user, placement=placement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Recorded: the person agreed to meet. The employer now sees the name and phone.")
        )
    return redirect("employers:placements:detail", placement.pk)


@requires("placement.propose")
@require_POST
def placement_terms(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    return terms_post(request, placement, _staff_page, "employers:placements:detail")


@requires("placement.propose")
@require_POST
def placement_employer_feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    return employer_feedback_post(request, placement, _staff_page, "employers:placements:detail")


@requires("placement.propose")
@require_POST
def placement_participant_feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    form = ParticipantFeedbackForm(request.POST)
    return post_form(
        request,
        placement,
        form,
        lambda: services.placement_participant_feedback(
            actor=request.user, placement=placement, feedback=form.cleaned_data["feedback"]
        ),
        key="participant_feedback",
        done=_("The person's feedback was saved."),
        page=_staff_page,
        back="employers:placements:detail",
    )


@requires("placement.propose")
@require_POST
def placement_mentoring_meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    return mentoring_meeting_post(request, placement, _staff_page, "employers:placements:detail")


# --- Documents -----------------------------------------------------------------------------------


@requires("placement.view")
@require_GET
def agreement_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return agreement_response(request, selectors.placement_get_for_user(request.user, pk))


@requires("placement.view")
@require_GET
def certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return certificate_response(request, selectors.placement_get_for_user(request.user, pk))


# --- Staff: follow-ups ---------------------------------------------------------------------------


@requires("placement.view")
@require_GET
def follow_up_list(request: AuthenticatedRequest) -> HttpResponse:
    mine = request.GET.get("mine") == "1"
    context = {"follow_ups": selectors.follow_ups_due_for_user(request.user, mine=mine), "mine": mine}
    return render(request, "employers/placements/follow_up_list.html", context)


@requires("placement.propose")
@require_http_methods(["GET", "POST"])
def follow_up_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    follow_up = selectors.follow_up_get_for_user(request.user, pk)
    form = FollowUpForm(
        request.POST or None, initial={"still_employed": follow_up.still_employed, "note": follow_up.note}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                actor=request.user,
                follow_up=follow_up,
                still_employed=form.cleaned_data["still_employed"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The follow-up was recorded."))
            return redirect("employers:placements:follow_ups")
    return render(request, "employers/placements/follow_up_form.html", {"form": form, "follow_up": follow_up})
