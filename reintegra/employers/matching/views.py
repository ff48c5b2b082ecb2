"""Matching pages: a person's job profile, her matched offers, an offer's matched people, and
overrides. Thin: parse, call a service or selector, render. Employer contacts reach none."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.employers.matching import selectors, services
from reintegra.employers.matching.forms import JobProfileForm, OverrideForm
from reintegra.forms import add_service_error
from reintegra.people.selectors import participant_get_for_user


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def job_profile_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant, profile = selectors.job_profile_for_user(request.user, pk, permission="participant.change")
    form = JobProfileForm(request.POST or None, initial=JobProfileForm.initial_of(profile))
    if request.method == "POST" and form.is_valid():
        try:
            services.job_profile_save(actor=request.user, participant=participant, data=form.profile_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The job profile has been saved."))
            return redirect("employers:matching:participant_matches", participant.pk)
    context = {"participant": participant, "profile": profile, "form": form}
    return render(request, "employers/matching/job_profile_form.html", context)


@requires("match.view")
@require_GET
def participant_matches(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.matches_for_participant(request.user, pk)
    context = {
        "participant": found.participant,
        "profile": found.profile,
        "matches": found.matches,
        "may_change": policy.can(request.user, "participant.change", found.participant),
        "may_override": policy.can(request.user, "match.override", found.participant),
    }
    return render(request, "employers/matching/participant_matches.html", context)


@requires("match.view")
@require_GET
def offer_matches(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    found = selectors.matches_for_offer(request.user, pk)
    context = {
        "offer": found.offer,
        "matches": found.matches,
        "may_override": policy.holds_anywhere(request.user, "match.override"),
    }
    return render(request, "employers/matching/offer_matches.html", context)


@requires("match.override")
@require_POST
def override_set(request: AuthenticatedRequest, pk: int, offer_pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, pk, permission="match.override")
    offer = selectors.staff_offer_get(request.user, offer_pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.match_override_set(
                actor=request.user,
                participant=participant,
                offer=offer,
                action=form.cleaned_data["action"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The override has been recorded."))
    else:
        messages.error(request, _("Give the override a reason."))
    return _back(request, participant.pk, offer.pk)


@requires("match.override")
@require_POST
def override_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    override = selectors.override_get_for_user(request.user, pk)
    services.match_override_remove(actor=request.user, override=override)
    messages.success(request, _("The override has been withdrawn."))
    return _back(request, override.participant_id, override.offer_id)


def _back(request: AuthenticatedRequest, participant_pk: int, offer_pk: int) -> HttpResponse:
    if request.POST.get("back") == "offer":
        return redirect("employers:matching:offer_matches", offer_pk)
    return redirect("employers:matching:participant_matches", participant_pk)
