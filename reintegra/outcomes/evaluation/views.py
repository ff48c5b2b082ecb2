"""The evaluation survey's pages: the report (staff), recording a survey with a person (staff),
and answering it herself (the participant). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra import tables as spreadsheets
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.forms import add_service_error
from reintegra.outcomes.evaluation import selectors, services
from reintegra.outcomes.evaluation.forms import ReportForm
from reintegra.outcomes.evaluation.report import evaluation_tables
from reintegra.outcomes.models import EvaluationMoment
from reintegra.outcomes.tables import Table
from reintegra.programmes.models import Enrolment
from reintegra.questionnaires.forms import AnswerForm

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ID_DIGITS = 18

# --- The report ----------------------------------------------------------------------------


def _report_form(request: AuthenticatedRequest) -> ReportForm:
    """The programme and period asked for; a programme outside the user's organisations is 404."""
    raw = request.GET.get("programme", "")
    if raw.isdigit() and len(raw) <= MAX_ID_DIGITS:
        selectors.report_programme_get_for_user(request.user, int(raw))
    programmes = selectors.report_programmes_for_user(request.user)
    return ReportForm(request.GET if "programme" in request.GET else None, programmes=programmes)


def _cell(value: int | float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=2)
    return str(value)


def _text_rows(table: Table) -> list[list[str]]:
    return [[row.name, *(_cell(row.cells[key]) for key, _label in table.columns)] for row in table.rows]


@requires("evaluation.view")
@require_GET
def report(request: AuthenticatedRequest) -> HttpResponse:
    form = _report_form(request)
    shown = []
    if form.is_bound and form.is_valid():
        found, _relations = evaluation_tables([form.cleaned_data["programme"]], form.period())
        shown = [(table, [str(label) for _key, label in table.columns], _text_rows(table)) for table in found]
    context = {"form": form, "tables": shown, "query": request.GET.urlencode()}
    return render(request, "outcomes/evaluation/report.html", context, status=400 if form.errors else 200)


@requires("evaluation.view")
@require_GET
def report_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    form = _report_form(request)
    if not form.is_bound or not form.is_valid():
        return render(request, "outcomes/evaluation/report.html", {"form": form, "tables": []}, status=400)
    programme = form.cleaned_data["programme"]
    found, _relations = evaluation_tables([programme], form.period())
    headers, rows = _one_sheet(found)
    body = (
        spreadsheets.as_xlsx(_("Evaluation"), headers, rows)
        if fmt == "xlsx"
        else spreadsheets.as_csv(headers, rows)
    )
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ewaluacja-{programme.code}.{fmt}"'
    return response


def _one_sheet(found: list[Table]) -> tuple[list[str], list[list[str]]]:
    """Every table one under another: its title, its header and its rows, then an empty line."""
    lines: list[list[str]] = []
    for table in found:
        lines += [[table.title], ["", *(str(label) for _key, label in table.columns)], *_text_rows(table), []]
    return lines[0], lines[1:-1]


# --- The staff record a survey with the person ---------------------------------------------


@requires("participant.view")
@require_GET
def person(request: AuthenticatedRequest, participant_id: int) -> HttpResponse:
    participant, surveys = selectors.person_surveys_for_user(request.user, participant_id)
    context = {"participant": participant, "surveys": surveys}
    return render(request, "outcomes/evaluation/person.html", context)


def _moment_or_404(moment: str) -> str:
    if moment not in EvaluationMoment.values:
        raise Http404
    return moment


def _answer_form(request: AuthenticatedRequest, moment: str, *, with_date: bool) -> AnswerForm:
    definition = services.definition_for(selectors.survey_version().definition, moment)
    data = request.POST if request.method == "POST" else None
    return AnswerForm(data, definition=definition, with_date=with_date)


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def fill(request: AuthenticatedRequest, pk: int, moment: str) -> HttpResponse:
    enrolment = selectors.enrolment_get_for_user(request.user, pk)
    moment = _moment_or_404(moment)
    form = _answer_form(request, moment, with_date=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_record(
                actor=request.user,
                enrolment=enrolment,
                moment=moment,
                answers=form.answers,
                filled_on=form.cleaned_data["filled_on"],
            )
        except ValidationError as error:
            add_service_error(form, error, renamed=form.fields_by_question)
        else:
            messages.success(request, _("The survey has been saved."))
            return redirect("outcomes:evaluation:person", enrolment.participant_id)
    return _fill_page(request, enrolment, moment, form, back="person")


def _fill_page(
    request: AuthenticatedRequest, enrolment: Enrolment, moment: str, form: AnswerForm, *, back: str
) -> HttpResponse:
    context = {
        "enrolment": enrolment,
        "moment": EvaluationMoment(moment),
        "form": form,
        "back": back,
    }
    status = 400 if form.errors else 200
    return render(request, "outcomes/evaluation/fill.html", context, status=status)


# --- The person answers herself --------------------------------------------------------------


@requires("own_page.view")
@require_GET
def own(request: AuthenticatedRequest) -> HttpResponse:
    participant, surveys = selectors.own_surveys(request.user)
    return render(request, "outcomes/evaluation/own.html", {"participant": participant, "surveys": surveys})


@requires("own_page.view")
@require_http_methods(["GET", "POST"])
def own_fill(request: AuthenticatedRequest, pk: int, moment: str) -> HttpResponse:
    enrolment = selectors.own_enrolment(request.user, pk)
    moment = _moment_or_404(moment)
    form = _answer_form(request, moment, with_date=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_answer_own(
                actor=request.user, enrolment=enrolment, moment=moment, answers=form.answers
            )
        except ValidationError as error:
            add_service_error(form, error, renamed=form.fields_by_question)
        else:
            messages.success(request, _("Thank you for your answers."))
            return redirect("outcomes:evaluation:own")
    return _fill_page(request, enrolment, moment, form, back="own")
