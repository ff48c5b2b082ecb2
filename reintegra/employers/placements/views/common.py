"""What the staff's and the employer's placement pages share: the forms that fit a placement's
state, a form sent from the page, the confirmation of a closing move, and the documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.confirm import confirm_post_page, is_confirmed
from reintegra.documents import pdf_response
from reintegra.employers.models import Placement, PlacementStatus
from reintegra.employers.placements import selectors, services
from reintegra.employers.placements.forms import (
    EmployerFeedbackForm,
    MentoringMeetingForm,
    MoveForm,
    ParticipantFeedbackForm,
    TermsForm,
)
from reintegra.employers.placements.workflow import (
    ALIVE,
    CLOSING_MOVES,
    HAS_STARTED,
    STAFF_ONLY_MOVES,
    moves_from,
)
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


def staff_moves(placement: Placement) -> list[PlacementStatus]:
    return moves_from(placement.status)


def employer_moves(placement: Placement) -> list[PlacementStatus]:
    return [move for move in moves_from(placement.status) if move not in STAFF_ONLY_MOVES]


def page_forms(
    placement: Placement, *, employer: bool, bound: dict[str, Form] | None = None
) -> dict[str, Any]:
    """The forms of a placement's page that fit its state, each bound when it was just sent."""
    bound = bound or {}
    moves = employer_moves(placement) if employer else staff_moves(placement)
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


def post_form(
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


def unconfirmed(request: AuthenticatedRequest, form: MoveForm) -> bool:
    """A move that closes the placement, sent without the confirmation (no JavaScript)."""
    return form.is_valid() and form.cleaned_data["to_status"] in CLOSING_MOVES and not is_confirmed(request)


def confirm_move(request: AuthenticatedRequest, form: MoveForm, back: str) -> HttpResponse:
    to = PlacementStatus(form.cleaned_data["to_status"])
    return confirm_post_page(
        request,
        title=str(MOVE_BUTTONS[to]),
        question=_("The placement will be closed as “%(status)s”; this cannot be undone.")
        % {"status": to.label},
        confirm_label=str(MOVE_BUTTONS[to]),
        back=back,
    )


def move_post(
    request: AuthenticatedRequest,
    placement: Placement,
    moves: list[PlacementStatus],
    page: Callable[..., HttpResponse],
    back: str,
) -> HttpResponse:
    """A move among ``moves`` (the reader's), confirmed first when it closes the placement."""
    form = MoveForm(request.POST, moves=moves)
    if unconfirmed(request, form):
        return confirm_move(request, form, reverse(back, args=[placement.pk]))
    return post_form(
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
        page=page,
        back=back,
    )


def terms_post(
    request: AuthenticatedRequest, placement: Placement, page: Callable[..., HttpResponse], back: str
) -> HttpResponse:
    form = TermsForm(request.POST, mentors=selectors.mentor_choices(placement))
    return post_form(
        request,
        placement,
        form,
        lambda: services.placement_terms_set(actor=request.user, placement=placement, terms=form.terms()),
        key="terms",
        done=_("The terms of the placement were saved."),
        page=page,
        back=back,
    )


def employer_feedback_post(
    request: AuthenticatedRequest, placement: Placement, page: Callable[..., HttpResponse], back: str
) -> HttpResponse:
    form = EmployerFeedbackForm(request.POST)
    return post_form(
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


def mentoring_meeting_post(
    request: AuthenticatedRequest, placement: Placement, page: Callable[..., HttpResponse], back: str
) -> HttpResponse:
    form = MentoringMeetingForm(request.POST)
    return post_form(
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


def agreement_response(request: AuthenticatedRequest, placement: Placement) -> HttpResponse:
    if placement.status not in AGREED:
        raise Http404
    return pdf_response(
        request,
        "employers/placements/print/agreement.html",
        {"placement": placement, "offer": placement.offer, "person": placement.participant},
        f"umowa-{placement.offer.get_kind_display()}-{placement.pk}",
    )


def certificate_response(request: AuthenticatedRequest, placement: Placement) -> HttpResponse:
    if placement.status != PlacementStatus.FINISHED:
        raise Http404
    return pdf_response(
        request,
        "employers/placements/print/certificate.html",
        {"placement": placement, "offer": placement.offer, "person": placement.participant},
        f"zaswiadczenie-{placement.pk}",
    )
