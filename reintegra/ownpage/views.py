"""The participant's own page, and the worker's side of it (linking the account, confirming
passport entries). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.forms import add_bootstrap_classes, add_service_error
from reintegra.outcomes.exits import selectors as exit_selectors
from reintegra.outcomes.exits import services as exit_services
from reintegra.outcomes.models import FollowUp
from reintegra.outcomes.reach import selectors as reach_selectors
from reintegra.outcomes.reach import services as reach_services
from reintegra.ownpage import selectors, services
from reintegra.ownpage.forms import (
    AccountLinkForm,
    OwnFollowUpForm,
    OwnProposalForm,
    OwnReachForm,
    PassportEntryForm,
)
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user
from reintegra.people.services import participant_account_choices, participant_account_link


@requires("own_page.view")
@require_http_methods(["GET", "POST"])
def own_page(request: AuthenticatedRequest) -> HttpResponse:
    participant = selectors.own_record(request.user)
    if participant is None:
        return render(request, "ownpage/not_linked.html")
    form = PassportEntryForm(request.POST or None)
    add_bootstrap_classes(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.passport_entry_add(
                actor=request.user, participant=participant, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Your entry waits for your worker's confirmation."))
            return redirect("ownpage:own_page")
    return _page(request, participant, form)


def _page(
    request: AuthenticatedRequest,
    participant: Participant,
    form: PassportEntryForm,
    proposal_form: OwnProposalForm | None = None,
    proposal_round: int | None = None,
    follow_up_form: OwnFollowUpForm | None = None,
    follow_up_pk: int | None = None,
    reach_form: OwnReachForm | None = None,
    reach_pk: int | None = None,
) -> HttpResponse:
    rounds = selectors.open_votes(participant)
    proposal_forms = {
        item.voting.pk: proposal_form
        if proposal_form is not None and item.voting.pk == proposal_round
        else OwnProposalForm(prefix=f"round-{item.voting.pk}")
        for item in rounds
    }
    for bound in proposal_forms.values():
        add_bootstrap_classes(bound)
    follow_ups = [
        (
            follow_up,
            follow_up_form if follow_up.pk == follow_up_pk and follow_up_form else _follow_up_form(follow_up),
        )
        for follow_up in exit_selectors.own_follow_ups(request.user, participant)
    ]
    reach = [
        (line, reach_form if line.enrolment.pk == reach_pk and reach_form else _reach_form(line.enrolment.pk))
        for line in reach_selectors.own_reach(request.user, participant)
    ]
    context = {
        "participant": participant,
        "sessions": selectors.upcoming_sessions(participant),
        "passport": selectors.passport(request.user, participant),
        "plan": selectors.current_plan(request.user, participant),
        "rounds": [(item, proposal_forms[item.voting.pk]) for item in rounds],
        "attachments": selectors.own_attachments(request.user, participant),
        "follow_ups": follow_ups,
        "reach": reach,
        "form": form,
    }
    invalid = (
        form.errors
        or (proposal_form is not None and proposal_form.errors)
        or (follow_up_form is not None and follow_up_form.errors)
        or (reach_form is not None and reach_form.errors)
    )
    return render(request, "ownpage/own_page.html", context, status=400 if invalid else 200)


@requires("own_page.view")
@require_POST
def own_propose(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = selectors.own_record_or_404(request.user)
    voting = selectors.own_round(participant, pk)
    form = OwnProposalForm(request.POST, prefix=f"round-{voting.pk}")
    if form.is_valid():
        try:
            services.own_proposal_create(
                actor=request.user,
                participant=participant,
                voting=voting,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                builds_towards=form.cleaned_data["builds_towards"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Your proposal is on the list: the club can vote for it."))
            return redirect("ownpage:own_page")
    if not any(item.voting.pk == voting.pk for item in selectors.open_votes(participant)):
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect("ownpage:own_page")
    return _page(request, participant, PassportEntryForm(), form, voting.pk)


def _follow_up_form(follow_up: FollowUp, data: QueryDict | None = None) -> OwnFollowUpForm:
    form = OwnFollowUpForm(
        data,
        prefix=f"follow-up-{follow_up.pk}",
        employed_at_entry=exit_services.employed_at_entry(follow_up.enrolment),
    )
    add_bootstrap_classes(form)
    return form


@requires("own_page.view")
@require_POST
def own_follow_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The person answers a follow-up after she left a programme: how she is doing now."""
    participant = selectors.own_record_or_404(request.user)
    follow_up = exit_selectors.own_follow_up(request.user, participant, pk)
    form = _follow_up_form(follow_up, request.POST)
    if form.is_valid():
        try:
            exit_services.follow_up_answer_own(
                actor=request.user,
                follow_up=follow_up,
                employment=form.employment(),
                job_seeking=form.cleaned_data["job_seeking"],
                in_education=form.cleaned_data["in_education"],
                improvement=form.cleaned_data.get("improvement") or "",
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you for your answer. Good luck!"))
            return redirect("ownpage:own_page")
    return _page(request, participant, PassportEntryForm(), follow_up_form=form, follow_up_pk=follow_up.pk)


def _reach_form(enrolment_pk: int, data: QueryDict | None = None) -> OwnReachForm:
    form = OwnReachForm(data, prefix=f"reach-{enrolment_pk}")
    add_bootstrap_classes(form)
    return form


@requires("own_page.view")
@require_POST
def own_reach(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The person tells how many people she told about a programme she takes or took part in."""
    participant = selectors.own_record_or_404(request.user)
    enrolment = reach_selectors.own_reach_enrolment(request.user, participant, pk)
    form = _reach_form(enrolment.pk, request.POST)
    if form.is_valid():
        try:
            reach_services.reach_record_own(
                actor=request.user,
                enrolment=enrolment,
                people_told=form.cleaned_data["people_told"],
                applied=form.cleaned_data["applied"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Word of mouth helps others find the programme."))
            return redirect("ownpage:own_page")
    return _page(request, participant, PassportEntryForm(), reach_form=form, reach_pk=enrolment.pk)


@requires("own_page.view")
@require_POST
def own_vote(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = selectors.own_record_or_404(request.user)
    proposal = selectors.own_proposal(participant, pk)
    in_favour = request.POST.get("in_favour") != "no"
    try:
        services.own_vote_cast(
            actor=request.user,
            participant=participant,
            proposal=proposal,
            vote=selectors.own_vote(participant, proposal),
            in_favour=in_favour,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your vote was saved."))
    return redirect("ownpage:own_page")


@requires("own_page.view")
@require_GET
def own_attachment(request: AuthenticatedRequest, pk: int) -> FileResponse:
    participant = selectors.own_record_or_404(request.user)
    attachment, handle = selectors.own_attachment_download(request.user, participant, pk)
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def account_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, pk, permission="participant.change")
    form = AccountLinkForm(
        request.POST or None,
        accounts=participant_account_choices(participant),
        initial={"account": participant.account_id},
    )
    add_bootstrap_classes(form)
    if request.method == "POST" and form.is_valid():
        try:
            participant_account_link(
                actor=request.user, participant=participant, account=form.cleaned_data["account"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The account link was saved."))
            return redirect("ownpage:account_link", participant.pk)
    context = {
        "participant": participant,
        "form": form,
        "entries": selectors.awaiting_entries(request.user, participant),
    }
    return render(request, "ownpage/account_link.html", context, status=400 if form.errors else 200)


@requires("participant.change")
@require_POST
def entry_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_get_for_user(request.user, pk)
    try:
        services.passport_entry_confirm(actor=request.user, entry=entry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The passport entry was confirmed."))
    if request.POST.get("back") == "list":
        return redirect("ownpage:entries_awaiting")
    return redirect("ownpage:account_link", entry.participant_id)


@requires("participant.view")
@require_GET
def entries_awaiting(request: AuthenticatedRequest) -> HttpResponse:
    """The passport entries awaiting confirmation across the people the worker may see."""
    mine = request.GET.get("mine") == "1"
    context = {
        "page": selectors.awaiting_entries_page(request.user, request.GET.get("page"), mine=mine),
        "mine": mine,
        "query": "mine=1" if mine else "",
    }
    return render(request, "ownpage/entries_awaiting.html", context)
