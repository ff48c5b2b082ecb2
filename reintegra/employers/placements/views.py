"""Placement pages: the staff's (propose, the placement with its timeline, documents, follow-ups)
and the employer contact's ("Kandydaci", her mentors). Thin: parse, call a service or selector,
render. The two sides have separate routes, so an employer's contact never reaches a page that
shows more of a person than her selectors allow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.confirm import confirm_post_page, is_confirmed
from reintegra.documents import pdf_response
from reintegra.employers.models import Placement, PlacementStatus
from reintegra.employers.placements import export, selectors, services
from reintegra.employers.placements.forms import (
    EmployerFeedbackForm,
    FollowUpForm,
    MentorForm,
    MentoringMeetingForm,
    MoveForm,
    ParticipantFeedbackForm,
    ProposeForm,
    TermsForm,
)
from reintegra.employers.placements.workflow import (
    ALIVE,
    CLOSING_MOVES,
    HAS_STARTED,
    STAFF_ONLY_MOVES,
    moves_from,
)
from reintegra.employers.selectors import employer_get_for_user
from reintegra.forms import add_service_error

# Placements with an agreement to print: accepted by the employer, and on from there.
AGREED = frozenset({PlacementStatus.ACCEPTED, *HAS_STARTED})

MOVE_BUTTONS = {
    PlacementStatus.ACCEPTED: gettext_lazy("Accept"),
    PlacementStatus.DECLINED: gettext_lazy("Decline"),
    PlacementStatus.WITHDRAWN: gettext_lazy("Withdraw the proposal"),
    PlacementStatus.STARTED: gettext_lazy("Mark as started"),
    PlacementStatus.FINISHED: gettext_lazy("Mark as finished"),
    PlacementStatus.BROKEN_OFF: gettext_lazy("Mark as broken off"),
}

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


def _staff_moves(placement: Placement) -> list[PlacementStatus]:
    return moves_from(placement.status)


def _employer_moves(placement: Placement) -> list[PlacementStatus]:
    return [move for move in moves_from(placement.status) if move not in STAFF_ONLY_MOVES]


def _page_forms(
    placement: Placement, *, employer: bool, bound: dict[str, Form] | None = None
) -> dict[str, Any]:
    """The forms of a placement's page that fit its state, each bound when it was just sent."""
    bound = bound or {}
    moves = _employer_moves(placement) if employer else _staff_moves(placement)
    started = placement.status in HAS_STARTED
    forms: dict[str, Any] = {
        "move_form": bound.get("move"),
        "closing_moves": CLOSING_MOVES,
        "move_forms": [(move, MOVE_BUTTONS[move], MoveForm(moves=moves, to=move)) for move in moves],
        "terms_form": bound.get("terms")
        or (
            TermsForm(
                mentors=selectors.mentor_choices(placement),
                initial={
                    "starts_on": placement.starts_on,
                    "ends_on": placement.ends_on,
                    "hours_per_week": placement.hours_per_week,
                    "mentor": placement.mentor_id,
                },
            )
            if placement.status in ALIVE
            else None
        ),
        "employer_feedback_form": bound.get("employer_feedback")
        or (
            EmployerFeedbackForm(
                initial={"rating": placement.employer_rating, "feedback": placement.employer_feedback}
            )
            if started
            else None
        ),
        "meeting_form": bound.get("meeting")
        or (MentoringMeetingForm() if started and placement.mentor_id else None),
    }
    if not employer:
        forms["participant_feedback_form"] = bound.get("participant_feedback") or (
            ParticipantFeedbackForm(initial={"feedback": placement.participant_feedback}) if started else None
        )
    return forms


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
        **_page_forms(placement, employer=False, bound=bound),
    }
    return render(
        request, "employers/placements/placement_detail.html", context, status=400 if bound else 200
    )


@requires("placement.view")
@require_GET
def placement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    page = selectors.placement_page_for_user(request.user, pk)
    return _staff_page(request, page.placement, page)


def _post(
    request: AuthenticatedRequest,
    placement: Placement,
    form: Form,
    act: Callable[[], object],
    *,
    key: str,
    done: str,
    page: Callable[..., HttpResponse],
    back: str,
) -> HttpResponse:
    """A form on the placement's page: done, back to the page; refused, the page with the form's errors."""
    if form.is_valid():
        try:
            act()
        except ValidationError as error:
            add_service_error(
                form, error, renamed={"employer_feedback": "feedback", "participant_feedback": "feedback"}
            )
        else:
            messages.success(request, done)
            return redirect(back, placement.pk)
    return page(request, placement, **{key: form})


def _unconfirmed(request: AuthenticatedRequest, form: MoveForm) -> bool:
    """A move that closes the placement, sent without the confirmation (no JavaScript)."""
    return form.is_valid() and form.cleaned_data["to_status"] in CLOSING_MOVES and not is_confirmed(request)


def _confirm_move(request: AuthenticatedRequest, form: MoveForm, back: str) -> HttpResponse:
    to = PlacementStatus(form.cleaned_data["to_status"])
    return confirm_post_page(
        request,
        title=str(MOVE_BUTTONS[to]),
        question=_("The placement will be closed as “%(status)s”; this cannot be undone.")
        % {"status": to.label},
        confirm_label=str(MOVE_BUTTONS[to]),
        back=back,
    )


@requires("placement.propose")
@require_POST
def placement_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    form = MoveForm(request.POST, moves=_staff_moves(placement))
    if _unconfirmed(request, form):
        return _confirm_move(request, form, reverse("employers:placements:detail", args=[pk]))
    return _post(
        request,
        placement,
        form,
        lambda: services.placement_move(
            actor=request.user,
            placement=placement,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
        ),
        key="move",
        done=_("The placement's status was changed."),
        page=_staff_page,
        back="employers:placements:detail",
    )


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


def _terms(
    request: AuthenticatedRequest, placement: Placement, page: Callable[..., HttpResponse], back: str
) -> HttpResponse:
    form = TermsForm(request.POST, mentors=selectors.mentor_choices(placement))
    return _post(
        request,
        placement,
        form,
        lambda: services.placement_terms_set(actor=request.user, placement=placement, terms=form.terms()),
        key="terms",
        done=_("The terms of the placement were saved."),
        page=page,
        back=back,
    )


def _employer_feedback(
    request: AuthenticatedRequest, placement: Placement, page: Callable[..., HttpResponse], back: str
) -> HttpResponse:
    form = EmployerFeedbackForm(request.POST)
    return _post(
        request,
        placement,
        form,
        lambda: services.placement_employer_feedback(
            actor=request.user,
            placement=placement,
            feedback=form.cleaned_data["feedback"],
            rating=form.cleaned_data["rating"],
        ),
        key="employer_feedback",
        done=_("The employer's feedback was saved."),
        page=page,
        back=back,
    )


def _mentoring_meeting(
    request: AuthenticatedRequest, placement: Placement, page: Callable[..., HttpResponse], back: str
) -> HttpResponse:
    form = MentoringMeetingForm(request.POST)
    return _post(
        request,
        placement,
        form,
        lambda: services.mentoring_meeting_record(
            actor=request.user, placement=placement, data=form.meeting_data()
        ),
        key="meeting",
        done=_("The mentoring meeting was recorded."),
        page=page,
        back=back,
    )


@requires("placement.propose")
@require_POST
def placement_terms(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    return _terms(request, placement, _staff_page, "employers:placements:detail")


@requires("placement.propose")
@require_POST
def placement_employer_feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    return _employer_feedback(request, placement, _staff_page, "employers:placements:detail")


@requires("placement.propose")
@require_POST
def placement_participant_feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_get_for_user(request.user, pk)
    form = ParticipantFeedbackForm(request.POST)
    return _post(
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
    return _mentoring_meeting(request, placement, _staff_page, "employers:placements:detail")


# --- Documents -----------------------------------------------------------------------------------


def _agreement(request: AuthenticatedRequest, placement: Placement) -> HttpResponse:
    if placement.status not in AGREED:
        raise Http404
    return pdf_response(
        request,
        "employers/placements/print/agreement.html",
        {"placement": placement, "offer": placement.offer, "person": placement.participant},
        f"umowa-{placement.offer.get_kind_display()}-{placement.pk}",
    )


def _certificate(request: AuthenticatedRequest, placement: Placement) -> HttpResponse:
    if placement.status != PlacementStatus.FINISHED:
        raise Http404
    return pdf_response(
        request,
        "employers/placements/print/certificate.html",
        {"placement": placement, "offer": placement.offer, "person": placement.participant},
        f"zaswiadczenie-{placement.pk}",
    )


@requires("placement.view")
@require_GET
def agreement_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _agreement(request, selectors.placement_get_for_user(request.user, pk))


@requires("placement.view")
@require_GET
def certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _certificate(request, selectors.placement_get_for_user(request.user, pk))


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
        **_page_forms(placement, employer=True, bound=bound),
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
    form = MoveForm(request.POST, moves=_employer_moves(placement))
    if _unconfirmed(request, form):
        return _confirm_move(request, form, reverse("employers:placements:candidate", args=[pk]))
    return _post(
        request,
        placement,
        form,
        lambda: services.placement_move(
            actor=request.user,
            placement=placement,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
        ),
        key="move",
        done=_("The placement's status was changed."),
        page=_candidate_page,
        back="employers:placements:candidate",
    )


@requires("placement.employer")
@require_POST
def candidate_terms(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _terms(request, _candidate(request, pk), _candidate_page, "employers:placements:candidate")


@requires("placement.employer")
@require_POST
def candidate_feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _employer_feedback(
        request, _candidate(request, pk), _candidate_page, "employers:placements:candidate"
    )


@requires("placement.employer")
@require_POST
def candidate_mentoring_meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _mentoring_meeting(
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
    return _agreement(request, _agreed_candidate(request, pk))


@requires("placement.employer")
@require_GET
def candidate_certificate_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _certificate(request, _agreed_candidate(request, pk))


# --- Mentors -------------------------------------------------------------------------------------


@requires("mentor.manage")
@require_GET
def mentor_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "mentors": selectors.mentors_for_user(request.user),
        "employers": selectors.employers_for_mentors(request.user),
    }
    return render(request, "employers/placements/mentor_list.html", context)


@requires("mentor.manage")
@require_http_methods(["GET", "POST"])
def mentor_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = employer_get_for_user(request.user, pk, permission="mentor.manage")
    form = MentorForm(request.POST or None, accounts=selectors.mentor_account_choices(employer))
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_create(actor=request.user, employer=employer, data=form.mentor_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The mentor was added."))
            return redirect("employers:placements:mentors")
    return render(request, "employers/placements/mentor_form.html", {"form": form, "employer": employer})


@requires("mentor.manage")
@require_http_methods(["GET", "POST"])
def mentor_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    mentor = selectors.mentor_get_for_user(request.user, pk)
    initial = {name: getattr(mentor, name) for name in ("name", "job_title", "phone", "email", "active")}
    initial["account"] = mentor.account_id
    accounts = selectors.mentor_account_choices(mentor.employer)
    form = MentorForm(request.POST or None, initial=initial, accounts=accounts)
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_update(actor=request.user, mentor=mentor, data=form.mentor_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The mentor was saved."))
            return redirect("employers:placements:mentors")
    context = {
        "form": form,
        "employer": mentor.employer,
        "mentor": mentor,
        "mentees": selectors.mentees_for_user(request.user, mentor),
    }
    return render(request, "employers/placements/mentor_form.html", context)
