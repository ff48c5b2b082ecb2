"""Pages of the contest for a socially responsible employer: set-up, nominations, the juror's
sheet, closing and publishing, the result. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import authenticated, requires
from reintegra.collation import by_name
from reintegra.confirm import confirm_page
from reintegra.employers.fairs import contest as services
from reintegra.employers.fairs import selectors
from reintegra.employers.fairs.forms import ContestForm, CriterionForm, JurorForm, NominationForm
from reintegra.employers.models import Contest, ContestStatus
from reintegra.forms import add_service_error


@requires("contest.view")
@require_GET
def contest_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "contests": selectors.contest_list_for_user(request.user),
        "may_create": policy.holds_anywhere(request.user, "contest.manage"),
    }
    return render(request, "employers/fairs/contest_list.html", context)


@requires("contest.manage")
@require_http_methods(["GET", "POST"])
def contest_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(
        policy.organisations_where(request.user, "contest.manage").order_by(*by_name("name"))
    )
    form = ContestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            contest = services.contest_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The contest was set up."))
            return redirect("employers:fairs:contest_detail", contest.pk)
    return render(request, "employers/fairs/contest_form.html", {"form": form})


def _detail_context(request: AuthenticatedRequest, contest: Contest, **forms: Any) -> dict[str, Any]:
    return {
        "contest": contest,
        "criteria": contest.criteria.all(),
        "jury": selectors.jury_of(contest),
        "nominations": selectors.nominations_of(contest),
        "is_juror": contest.jury.filter(pk=request.user.pk).exists(),
        "may_manage": policy.can(request.user, "contest.manage", contest),
        "may_nominate": policy.can(request.user, "contest.nominate", contest),
        "open": contest.status == ContestStatus.OPEN,
        "criterion_form": forms.get("criterion_form") or CriterionForm(),
        "juror_form": forms.get("juror_form") or JurorForm(candidates=selectors.jury_candidates(contest)),
    }


@requires("contest.view")
@require_GET
def contest_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contest = selectors.contest_get_for_user(request.user, pk)
    return render(request, "employers/fairs/contest_detail.html", _detail_context(request, contest))


@requires("contest.manage")
@require_POST
def criterion_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contest = selectors.contest_get_for_user(request.user, pk, permission="contest.manage")
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.criterion_add(actor=request.user, contest=contest, data=form.criterion_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The criterion was added."))
            return redirect("employers:fairs:contest_detail", contest.pk)
    context = _detail_context(request, contest, criterion_form=form)
    return render(request, "employers/fairs/contest_detail.html", context, status=400)


@requires("contest.manage")
@require_POST
def juror_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contest = selectors.contest_get_for_user(request.user, pk, permission="contest.manage")
    form = JurorForm(request.POST, candidates=selectors.jury_candidates(contest))
    if form.is_valid():
        try:
            services.juror_add(actor=request.user, contest=contest, juror=form.cleaned_data["juror"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The juror was added."))
            return redirect("employers:fairs:contest_detail", contest.pk)
    context = _detail_context(request, contest, juror_form=form)
    return render(request, "employers/fairs/contest_detail.html", context, status=400)


@requires("contest.nominate")
@require_http_methods(["GET", "POST"])
def nominate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contest = selectors.contest_get_for_user(request.user, pk, permission="contest.nominate")
    form = NominationForm(request.POST or None, employers=selectors.employers_for_contest(contest))
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_create(actor=request.user, contest=contest, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The employer was nominated."))
            return redirect("employers:fairs:contest_detail", contest.pk)
    return render(request, "employers/fairs/nominate.html", {"form": form, "contest": contest})


def _points(request: AuthenticatedRequest, contest: Contest) -> tuple[list[services.ScoreEntry], list[str]]:
    """The sheet's fields are ``points-<nomination>-<criterion>``; empty ones are skipped."""
    entries, errors = [], []
    for name in request.POST:
        value = request.POST.get(name, "")
        if not name.startswith("points-") or not value.strip():
            continue
        parts = name.split("-")
        text = value.strip()
        if len(parts) != 3 or not all(part.isdigit() and len(part) <= 12 for part in parts[1:]):
            continue
        if not text.isdigit() or len(text) > 3:
            errors.append(_("Score: %(value)s is not a whole number of points.") % {"value": text[:20]})
            continue
        entries.append(
            services.ScoreEntry(nomination_id=int(parts[1]), criterion_id=int(parts[2]), points=int(text))
        )
    return entries, errors


@requires("contest.view")
@require_http_methods(["GET", "POST"])
def score_sheet(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A juror's sheet: every nomination by every criterion; one POST saves them all."""
    contest = selectors.contest_get_for_user(request.user, pk)
    errors: list[str] = []
    values: dict[tuple[int, int], Any] = selectors.scores_of_juror(contest, request.user)
    if request.method == "POST":
        entries, errors = _points(request, contest)
        if not errors:
            try:
                services.scores_record(juror=request.user, contest=contest, entries=entries)
            except ValidationError as error:
                errors = [message for items in error.message_dict.values() for message in items]
            else:
                messages.success(request, _("Your scores were saved."))
                return redirect("employers:fairs:score_sheet", contest.pk)
        values = {
            (int(key.split("-")[1]), int(key.split("-")[2])): request.POST.get(key, "")[:5]
            for key in request.POST
            if key.startswith("points-")
            and key.count("-") == 2
            and all(p.isdigit() for p in key.split("-")[1:])
        }
    nominations = selectors.nominations_of(contest)
    criteria = list(contest.criteria.all())
    rows = [
        (nomination, [(criterion, values.get((nomination.pk, criterion.pk), "")) for criterion in criteria])
        for nomination in nominations
    ]
    context = {
        "contest": contest,
        "criteria": criteria,
        "rows": rows,
        "errors": errors,
        "is_juror": contest.jury.filter(pk=request.user.pk).exists(),
        "open": contest.status == ContestStatus.OPEN,
    }
    return render(request, "employers/fairs/score_sheet.html", context, status=400 if errors else 200)


def _move(request: AuthenticatedRequest, pk: int, *, close: bool) -> HttpResponse:
    contest = selectors.contest_get_for_user(request.user, pk, permission="contest.manage")
    back = reverse("employers:fairs:contest_detail", args=[contest.pk])
    if request.method == "GET":
        if close:
            title, question, label = (
                _("Close the contest"),
                _("Close the contest? The scores of the jury become final and can no longer be changed."),
                _("Close the contest"),
            )
        else:
            title, question, label = (
                _("Publish the result"),
                _("Publish the result? Employers will see the ranking."),
                _("Publish the result"),
            )
        return confirm_page(request, title=title, question=question, confirm_label=label, back=back)
    try:
        if close:
            services.contest_close(actor=request.user, contest=contest)
        else:
            services.contest_publish(actor=request.user, contest=contest)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The contest is closed.") if close else _("The result is published."))
    return redirect(back)


@requires("contest.manage")
@require_http_methods(["GET", "POST"])
def contest_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(request, pk, close=True)


@requires("contest.manage")
@require_http_methods(["GET", "POST"])
def contest_publish(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(request, pk, close=False)


@authenticated
@require_GET
def contest_result(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The ranking: the organiser's staff at any time, employers once it is published."""
    contest = selectors.contest_result_get_for_user(request.user, pk)
    context = {
        "contest": contest,
        "criteria": list(contest.criteria.all()),
        "rows": selectors.contest_result(contest),
        "is_staff": policy.can(request.user, "contest.view", contest),
        "published": contest.status == ContestStatus.PUBLISHED,
    }
    return render(request, "employers/fairs/contest_result.html", context)
