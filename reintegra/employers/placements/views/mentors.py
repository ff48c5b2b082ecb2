"""Mentors: the employer's employees who look after the people placed there, and their mentees."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.employers.placements import selectors, services
from reintegra.employers.placements.forms import (
    MentorForm,
)
from reintegra.employers.selectors import employer_get_for_user
from reintegra.forms import add_service_error

# --- Mentors -------------------------------------------------------------------------------------


@requires("mentor.manage")
@require_GET
def mentor_list(request: AuthenticatedRequest) -> HttpResponse:
    """The mentors of the employers the user manages them for; of one, from its page (``?employer=``)."""
    employers = selectors.employers_for_mentors(request.user)
    chosen = next((one for one in employers if str(one.pk) == request.GET.get("employer")), None)
    context = {
        "mentors": selectors.mentors_for_user(request.user, chosen),
        "employers": [chosen] if chosen else employers,
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
