"""Needs survey pages. Thin: parse, call a service or selector, render.

Staff of the keeping organisation (``survey.manage``) open, send and close rounds, enter
answers given on the phone and read the demand; an employer's contact (``survey.answer``)
answers the rounds sent to her own employer.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.collation import by_name
from reintegra.confirm import confirm_page
from reintegra.employers.models import AnswerChannel, Employer, SurveyRound
from reintegra.employers.surveys import export, selectors, services
from reintegra.employers.surveys.forms import (
    AnswerForm,
    DemandForm,
    LineForm,
    LineFormSet,
    RoundForm,
    answer_data,
    line_initial,
)
from reintegra.employers.surveys.workflow import IllegalMoveError
from reintegra.forms import add_service_error

# --- Rounds (staff) ------------------------------------------------------------------------


@requires("survey.manage")
@require_http_methods(["GET", "POST"])
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    """The rounds of the user's organisations; a coordinator opens a new one."""
    organisations = list(policy.organisations_where(request.user, "survey.manage").order_by(*by_name("name")))
    form = RoundForm(request.POST or None, organisations=organisations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                survey = services.survey_round_open(
                    actor=request.user, organisation=form.cleaned_data["organisation"], data=form.round_data()
                )
            except ValidationError as error:
                add_service_error(form, error, renamed={"first_quarter": "quarter", "last_quarter": "length"})
            else:
                messages.success(
                    request, _("The round was opened. Send it to the employers when it is ready.")
                )
                return redirect("employers:surveys:round_detail", survey.pk)
        status = 400
    context = {"rounds": selectors.rounds_for_user(request.user), "form": form}
    return render(request, "employers/surveys/round_list.html", context, status=status)


@requires("survey.manage")
@require_GET
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.round_get_for_user(request.user, pk)
    context = {
        "survey": survey,
        "rows": selectors.round_employers(survey),
        "taking_answers": services.taking_answers(survey),
    }
    return render(request, "employers/surveys/round_detail.html", context)


@requires("survey.manage")
@require_POST
def round_send(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.round_get_for_user(request.user, pk)
    try:
        invitations = services.survey_round_send(actor=request.user, survey=survey)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The round was sent to %(count)d employer.",
                "The round was sent to %(count)d employers.",
                len(invitations),
            )
            % {"count": len(invitations)},
        )
    return redirect("employers:surveys:round_detail", survey.pk)


@requires("survey.manage")
@require_http_methods(["GET", "POST"])
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    survey = selectors.round_get_for_user(request.user, pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Close the round?"),
            question=_("Employers will no longer be able to answer it or change their answers."),
            confirm_label=_("Close the round"),
            back=reverse("employers:surveys:round_detail", args=[survey.pk]),
        )
    try:
        services.survey_round_close(actor=request.user, survey=survey)
    except IllegalMoveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The round was closed."))
    return redirect("employers:surveys:round_detail", survey.pk)


@requires("survey.manage")
@require_POST
def round_next(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    previous = selectors.round_get_for_user(request.user, pk)
    try:
        survey = services.survey_round_open_next(actor=request.user, previous=previous)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("employers:surveys:round_detail", previous.pk)
    messages.success(request, _("The next round was opened from this one."))
    return redirect("employers:surveys:round_detail", survey.pk)


# --- Answers -------------------------------------------------------------------------------


@requires("survey.manage")
@require_http_methods(["GET", "POST"])
def answer_by_phone(request: AuthenticatedRequest, pk: int, employer_pk: int) -> HttpResponse:
    """A coordinator records (or corrects) what an employer said on the phone."""
    survey = selectors.round_get_for_user(request.user, pk)
    employer = selectors.employer_of_round(survey, employer_pk)
    return _answer_page(request, survey, employer, AnswerChannel.PHONE)


@requires("survey.answer")
@require_GET
def my_surveys(request: AuthenticatedRequest) -> HttpResponse:
    """The employer contact's rounds: those sent to her employer, with her employer's answers."""
    invitations = list(selectors.invitations_of_contact(request.user))
    answered = selectors.answered_rounds(invitations)
    rows = [
        (invitation, (invitation.round_id, invitation.employer_id) in answered) for invitation in invitations
    ]
    return render(request, "employers/surveys/my_surveys.html", {"rows": rows})


@requires("survey.answer")
@require_http_methods(["GET", "POST"])
def answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The employer contact answers, for her own employer, a round sent to it."""
    invitation = selectors.contact_invitation_get(request.user, pk)
    return _answer_page(request, invitation.round, invitation.employer, AnswerChannel.ONLINE)


def _answer_page(
    request: AuthenticatedRequest, survey: SurveyRound, employer: Employer, channel: AnswerChannel
) -> HttpResponse:
    existing = selectors.answer_of(survey, employer)
    by_phone = channel == AnswerChannel.PHONE
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(data, by_phone=by_phone, initial=AnswerForm.initial_for(existing))
    sites = list(employer.sites.order_by("name", "pk"))
    lines = LineFormSet(
        data, prefix="lines", initial=line_initial(existing), form_kwargs={"survey": survey, "sites": sites}
    )
    taking_answers = services.taking_answers(survey)
    status = 200
    if request.method == "POST":
        if form.is_valid() and lines.is_valid():
            filled = [f for f in lines.forms if isinstance(f, LineForm) and f.line() is not None]
            try:
                services.survey_answer_save(
                    actor=request.user,
                    survey=survey,
                    employer=employer,
                    data=answer_data(form, [line for f in filled if (line := f.line()) is not None]),
                    channel=channel,
                )
            except ValidationError as error:
                add_service_error(form, error, rows={"line": filled})
            else:
                messages.success(
                    request, _("The answer was saved. It can be changed until the round closes.")
                )
                if by_phone:
                    return redirect("employers:surveys:round_detail", survey.pk)
                return redirect("employers:surveys:answer", survey.pk)
        status = 400
    context: dict[str, Any] = {
        "survey": survey,
        "employer": employer,
        "answer": existing,
        "form": form,
        "lines": lines,
        "by_phone": by_phone,
        "taking_answers": taking_answers,
        "invalid": status == 400,
        "summary_forms": [form, *lines.forms],
    }
    return render(request, "employers/surveys/answer.html", context, status=status)


# --- Demand --------------------------------------------------------------------------------


def _demand(request: AuthenticatedRequest) -> tuple[DemandForm, selectors.Demand]:
    form = DemandForm(request.GET or None, rounds=selectors.rounds_for_user(request.user))
    survey, level, rows_by = form.choices()
    return form, selectors.demand_for_user(request.user, survey=survey, level=level, rows_by=rows_by)


@requires("survey.manage")
@require_GET
def demand(request: AuthenticatedRequest) -> HttpResponse:
    """What the employers will hire: by occupation, gmina and quarter, with totals."""
    form, found = _demand(request)
    survey = form.choices()[0]
    context = {
        "form": form,
        "demand": found,
        "table": export.demand_table(found),
        "training": selectors.training_needs(request.user, survey=survey)[: export.TRAINING_SHOWN],
        "query": request.GET.urlencode(),
    }
    return render(request, "employers/surveys/demand.html", context)


@requires("survey.manage")
@require_GET
def demand_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, found = _demand(request)
    table = export.demand_table(found)
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(table),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export.as_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="demand.{fmt}"'
    return response
