"""Questionnaire pages: the coordinator's builder, and filling one in with a person."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.confirm import confirm_page
from reintegra.documents import pdf_response
from reintegra.forms import add_service_error
from reintegra.pagination import CappedPaginator
from reintegra.people.selectors import participant_get_for_user
from reintegra.questionnaires import engine, selectors, services
from reintegra.questionnaires.forms import (
    KIND_CHOICES,
    AnswerForm,
    QuestionForm,
    QuestionnaireForm,
    SectionForm,
)
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, Response

PAGE_SIZE = 25
REFRESH = "_refresh"


def _can_manage(request: AuthenticatedRequest, questionnaire: Questionnaire) -> bool:
    return questionnaire.organisation_id is not None and policy.can(
        request.user, "questionnaire.manage", questionnaire
    )


def _errors_to_messages(request: AuthenticatedRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Builder ----------------------------------------------------------------------------


@requires("questionnaire.manage")
@require_GET
def questionnaire_list(request: AuthenticatedRequest) -> HttpResponse:
    page = CappedPaginator(selectors.questionnaire_list_for_user(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "questionnaires/questionnaire_list.html", {"page": page})


@requires("questionnaire.manage")
@require_http_methods(["GET", "POST"])
def questionnaire_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(policy.organisations_where(request.user, "questionnaire.manage"))
    form = QuestionnaireForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The questionnaire has been created; add its sections and questions.")
            )
            return redirect("questionnaires:detail", pk=questionnaire.pk)
    return render(request, "questionnaires/questionnaire_form.html", {"form": form})


@requires("questionnaire.manage")
@require_GET
def questionnaire_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    versions = list(selectors.versions_of(questionnaire))
    return render(
        request,
        "questionnaires/questionnaire_detail.html",
        {
            "questionnaire": questionnaire,
            "versions": versions,
            "has_draft": any(v.is_draft for v in versions),
            "can_manage": _can_manage(request, questionnaire),
        },
    )


def _version(request: AuthenticatedRequest, pk: int, version_pk: int) -> QuestionnaireVersion:
    return selectors.version_get(selectors.questionnaire_get_for_user(request.user, pk), version_pk)


@requires("questionnaire.manage")
@require_GET
def version_detail(request: AuthenticatedRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk)
    editable = version.is_draft and _can_manage(request, version.questionnaire)
    context = {
        "questionnaire": version.questionnaire,
        "version": version,
        "editable": editable,
        "sections": _for_display(version.definition),
        "max_score": engine.max_score(version.definition),
        "section_form": SectionForm() if editable else None,
    }
    return render(request, "questionnaires/version_detail.html", context)


def _for_display(definition: dict[str, Any]) -> list[dict[str, Any]]:
    """Sections with each question's kind and condition in words, not codes."""
    kinds = dict(KIND_CHOICES)
    labels = {key: question["label"] for key, question in engine.question_map(definition).items()}
    return [
        {
            **section,
            "questions": [
                {
                    **question,
                    "kind_label": kinds.get(question["kind"], question["kind"]),
                    "condition_label": labels.get((question.get("show_if") or {}).get("question", ""), ""),
                    "condition_value": _condition_value(definition, question.get("show_if")),
                }
                for question in section["questions"]
            ],
        }
        for section in definition.get("sections", [])
    ]


def _condition_value(definition: dict[str, Any], condition: dict[str, Any] | None) -> str:
    if not condition:
        return ""
    target = engine.question_map(definition).get(condition["question"])
    return _display(dict(target), condition.get("equals")) if target else str(condition.get("equals"))


@requires("questionnaire.manage")
@require_POST
def section_add(request: AuthenticatedRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.section_add(actor=request.user, version=version, title=form.cleaned_data["title"])
        except ValidationError as error:
            _errors_to_messages(request, error)
    else:
        messages.error(request, _("Give the section a title."))
    return redirect("questionnaires:version", pk=pk, version_pk=version_pk)


@requires("questionnaire.manage")
@require_http_methods(["GET", "POST"])
def question_add(request: AuthenticatedRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk)
    if not (version.is_draft and _can_manage(request, version.questionnaire)):
        raise PermissionDenied
    form = QuestionForm(request.POST or None, definition=version.definition, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            services.question_add(
                actor=request.user,
                version=version,
                section_key=form.cleaned_data["section"],
                question=form.question,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The question has been added."))
            return redirect("questionnaires:version", pk=pk, version_pk=version_pk)
    return render(request, "questionnaires/question_form.html", {"form": form, "version": version})


@requires("questionnaire.manage")
@require_http_methods(["GET", "POST"])
def question_remove(request: AuthenticatedRequest, pk: int, version_pk: int, key: str) -> HttpResponse:
    """GET asks for confirmation; POST removes the question from the draft."""
    version = _version(request, pk, version_pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove the question “%(key)s”?") % {"key": key},
            question=_("The question and its answer options are removed from this draft version."),
            confirm_label=_("Remove"),
            back=reverse("questionnaires:version", args=[pk, version_pk]),
        )
    try:
        services.question_remove(actor=request.user, version=version, key=key)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The question has been removed."))
    return redirect("questionnaires:version", pk=pk, version_pk=version_pk)


@requires("questionnaire.manage")
@require_POST
def version_scored(request: AuthenticatedRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk)
    try:
        services.version_set_scored(
            actor=request.user, version=version, scored=request.POST.get("scored") == "on"
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    return redirect("questionnaires:version", pk=pk, version_pk=version_pk)


@requires("questionnaire.manage")
@require_POST
def version_publish(request: AuthenticatedRequest, pk: int, version_pk: int) -> HttpResponse:
    version = _version(request, pk, version_pk)
    try:
        services.version_publish(actor=request.user, version=version)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The version has been published; it can no longer be changed."))
    return redirect("questionnaires:version", pk=pk, version_pk=version_pk)


@requires("questionnaire.manage")
@require_http_methods(["GET", "POST"])
def version_retire(request: AuthenticatedRequest, pk: int, version_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST retires the version."""
    version = _version(request, pk, version_pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Retire version %(number)s?") % {"number": version.number},
            question=_("Nobody can fill in a retired version; answers given on it stay."),
            confirm_label=_("Retire"),
            back=reverse("questionnaires:detail", args=[pk]),
        )
    try:
        services.version_retire(actor=request.user, version=version)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("The version has been retired; answers given on it stay."))
    return redirect("questionnaires:detail", pk=pk)


@requires("questionnaire.manage")
@require_POST
def version_start_draft(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get_for_user(request.user, pk)
    draft = services.version_start_draft(actor=request.user, questionnaire=questionnaire)
    messages.success(
        request, _("A new draft version is ready to edit; answers already given keep their version.")
    )
    return redirect("questionnaires:version", pk=pk, version_pk=draft.pk)


# --- Filling in with a person ------------------------------------------------------------


@requires("participant.view")
@require_GET
def participant_questionnaires(request: AuthenticatedRequest, participant_id: int) -> HttpResponse:
    participant, page = selectors.responses_page_for_user(
        request.user, participant_id, request.GET.get("page"), per_page=PAGE_SIZE
    )
    context = {
        "participant": participant,
        "versions": list(selectors.fillable_versions_for(participant)),
        "page": page,
        "can_change": policy.can(request.user, "participant.change", participant),
    }
    return render(request, "questionnaires/participant_questionnaires.html", context)


def _fill_template(request: AuthenticatedRequest) -> str:
    # htmx re-renders only the form when an answer changes which questions are shown.
    return "questionnaires/fill.html#answer-form" if request.htmx else "questionnaires/fill.html"


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def fill(request: AuthenticatedRequest, participant_id: int, version_id: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, participant_id, permission="participant.change")
    version = selectors.fillable_version_get(participant, version_id)
    form = AnswerForm(request.POST if request.method == "POST" else None, definition=version.definition)
    if request.method == "POST" and REFRESH in request.POST:
        form = AnswerForm(definition=version.definition, answers=form.partial_answers)
        form.initial["filled_on"] = request.POST.get("filled_on") or form.initial["filled_on"]
    elif request.method == "POST" and form.is_valid():
        try:
            response = services.response_create(
                actor=request.user,
                participant=participant,
                version=version,
                answers=form.answers,
                filled_on=form.cleaned_data["filled_on"],
            )
        except ValidationError as error:
            add_service_error(form, error, renamed=form.fields_by_question)
        else:
            messages.success(request, _("The answers have been saved."))
            return redirect("questionnaires:response", pk=response.pk)
    context = {"participant": participant, "version": version, "form": form}
    return render(request, _fill_template(request), context)


def _answered_sections(response: Response) -> list[dict[str, Any]]:
    """The sections of a response's version with the questions it answered, for the page and the print."""
    sections = [
        {
            "title": section["title"],
            "rows": [
                {"question": question, "answer": _display(question, response.answers.get(question["key"]))}
                for question in section["questions"]
                if question["key"] in response.answers
            ],
        }
        for section in response.version.definition.get("sections", [])
    ]
    return [section for section in sections if section["rows"]]


@requires("participant.view")
@require_GET
def response_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = selectors.response_get_for_user(request.user, pk)
    context = {
        "response": response,
        "participant": response.participant,
        "sections": _answered_sections(response),
        "max_score": engine.max_score(response.version.definition),
        "can_change": policy.can(request.user, "participant.change", response.participant),
    }
    return render(request, "questionnaires/response_detail.html", context)


@requires("participant.view")
@require_GET
def response_print(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The response as a PDF: the printed passport, diagnosis or profile, with signature fields."""
    response = selectors.response_get_for_user(request.user, pk)
    participant = response.participant
    context = {
        "response": response,
        "participant": participant,
        "sections": _answered_sections(response),
        "max_score": engine.max_score(response.version.definition),
    }
    filename = f"{response.version.questionnaire.name} {participant.last_name} {response.filled_on:%Y-%m-%d}"
    return pdf_response(request, "questionnaires/print/response.html", context, filename)


def _display(question: dict[str, Any], answer: object) -> str:
    """An answer as the person gave it: option labels, not their stored values."""
    if question["kind"] in engine.CHOICE_KINDS:
        labels = {c["value"]: c["label"] for c in question["choices"]}
        chosen = answer if isinstance(answer, list) else [answer]
        return ", ".join(str(labels.get(item, item)) for item in chosen)
    if question["kind"] == engine.YES_NO:
        return _("yes") if answer else _("no")
    return str(answer)


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def response_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    response = selectors.response_get_for_user(request.user, pk, permission="participant.change")
    definition = response.version.definition
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(data, definition=definition, answers=response.answers, with_date=False)
    if request.method == "POST" and REFRESH in request.POST:
        form = AnswerForm(definition=definition, answers=form.partial_answers, with_date=False)
    elif request.method == "POST" and form.is_valid():
        try:
            services.response_update(actor=request.user, response=response, answers=form.answers)
        except ValidationError as error:
            add_service_error(form, error, renamed=form.fields_by_question)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("questionnaires:response", pk=response.pk)
    context = {
        "participant": response.participant,
        "version": response.version,
        "form": form,
        "response": response,
    }
    return render(request, _fill_template(request), context)
