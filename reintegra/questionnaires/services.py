"""Writes to questionnaires and responses: policy-checked, validated, one transaction each.

Rules enforced here:

* only a draft version changes; editing a published questionnaire starts a new draft version
  that copies the published definition, and the published one stays as it was;
* publishing checks the whole definition and retires the version published before it;
* a response is checked against the version it is given on and keeps that version for good.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.people.models import Participant
from reintegra.questionnaires import engine
from reintegra.questionnaires.messages import messages_for
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, Response, VersionStatus

SHIPPED_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def shipped_load() -> int:
    """Ships any questionnaire of ``data/*.json`` that is missing, as a published version 1.

    The data migration does the same on a fresh database; the demo calls this after a flush.
    A shipped questionnaire that exists is left alone: it changes only through a new version.
    """
    created = 0
    for path in sorted(SHIPPED_DIR.glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        questionnaire, new = Questionnaire.objects.get_or_create(
            organisation=None,
            code=item["code"],
            defaults={"name": item["name"], "description": item.get("description", "")},
        )
        if new:
            QuestionnaireVersion.objects.create(
                questionnaire=questionnaire,
                number=1,
                status=VersionStatus.PUBLISHED,
                published_at=timezone.now(),
                definition=item["definition"],
            )
            created += 1
    return created


def _check_manage(actor: User, questionnaire: Questionnaire) -> None:
    # A shipped questionnaire (no organisation) belongs to nobody's coordinators.
    if questionnaire.organisation_id is None or not policy.can(actor, "questionnaire.manage", questionnaire):
        raise PermissionDenied


@transaction.atomic
def questionnaire_create(
    *, actor: User, organisation: Organisation, code: str, name: str, description: str = ""
) -> Questionnaire:
    """A coordinator's new questionnaire, with an empty draft version 1."""
    if not policy.can(actor, "questionnaire.manage", organisation):
        raise PermissionDenied
    questionnaire = Questionnaire(organisation=organisation, code=code, name=name, description=description)
    questionnaire.full_clean()
    questionnaire.save()
    QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, definition={"scored": False, "sections": []}
    )
    return questionnaire


def _locked_draft(version: QuestionnaireVersion) -> QuestionnaireVersion:
    stored = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if stored.status != VersionStatus.DRAFT:
        raise ValidationError(
            _("A published questionnaire cannot be changed; start a new version instead."),
            code="not_draft",
        )
    return stored


def _save_definition(version: QuestionnaireVersion, definition: dict[str, Any]) -> QuestionnaireVersion:
    problems = engine.definition_problems(definition)
    if problems:
        raise ValidationError(messages_for(problems, definition), code="invalid_definition")
    version.definition = definition
    version.save(update_fields=["definition"])
    return version


@transaction.atomic
def version_set_scored(*, actor: User, version: QuestionnaireVersion, scored: bool) -> QuestionnaireVersion:
    _check_manage(actor, version.questionnaire)
    draft = _locked_draft(version)
    return _save_definition(draft, {**draft.definition, "scored": scored})


@transaction.atomic
def section_add(*, actor: User, version: QuestionnaireVersion, title: str) -> QuestionnaireVersion:
    """A new section at the end of a draft."""
    _check_manage(actor, version.questionnaire)
    draft = _locked_draft(version)
    definition = copy.deepcopy(draft.definition)
    sections = definition.setdefault("sections", [])
    taken = {section["key"] for section in sections}
    number = len(sections) + 1
    while f"s{number}" in taken:
        number += 1
    sections.append({"key": f"s{number}", "title": title, "questions": []})
    return _save_definition(draft, definition)


@transaction.atomic
def question_add(
    *, actor: User, version: QuestionnaireVersion, section_key: str, question: dict[str, Any]
) -> QuestionnaireVersion:
    """A question at the end of a draft's section; its code is made unique if not given."""
    _check_manage(actor, version.questionnaire)
    draft = _locked_draft(version)
    definition = copy.deepcopy(draft.definition)
    section = next((s for s in definition.get("sections", []) if s["key"] == section_key), None)
    if section is None:
        raise ValidationError({"section": _("Choose a section of this questionnaire.")}, code="no_section")
    question = dict(question)
    if not question.get("key"):
        question["key"] = _free_key(definition)
    section["questions"].append(question)
    return _save_definition(draft, definition)


def _free_key(definition: dict[str, Any]) -> str:
    taken = set(engine.question_map(definition))
    number = len(taken) + 1
    while f"q{number}" in taken:
        number += 1
    return f"q{number}"


@transaction.atomic
def question_remove(*, actor: User, version: QuestionnaireVersion, key: str) -> QuestionnaireVersion:
    """Removes a question from a draft; refused if a later question's condition depends on it."""
    _check_manage(actor, version.questionnaire)
    draft = _locked_draft(version)
    definition = copy.deepcopy(draft.definition)
    for section in definition.get("sections", []):
        section["questions"] = [q for q in section["questions"] if q["key"] != key]
    return _save_definition(draft, definition)


@transaction.atomic
def version_publish(*, actor: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """Freezes a draft; the version published before it is retired (its answers stay)."""
    _check_manage(actor, version.questionnaire)
    draft = _locked_draft(version)
    problems = engine.definition_problems(draft.definition)
    if problems:
        raise ValidationError(messages_for(problems, draft.definition), code="invalid_definition")
    if not any(True for _question in engine.questions(draft.definition)):
        raise ValidationError(_("Add at least one question before publishing."), code="empty")
    now = timezone.now()
    QuestionnaireVersion.objects.filter(
        questionnaire_id=draft.questionnaire_id, status=VersionStatus.PUBLISHED
    ).update(status=VersionStatus.RETIRED, retired_at=now)
    draft.status = VersionStatus.PUBLISHED
    draft.published_at = now
    draft.save(update_fields=["status", "published_at"])
    return draft


@transaction.atomic
def version_start_draft(*, actor: User, questionnaire: Questionnaire) -> QuestionnaireVersion:
    """The way to change a published questionnaire: a new draft copying the latest version."""
    _check_manage(actor, questionnaire)
    Questionnaire.objects.select_for_update().filter(pk=questionnaire.pk).first()
    existing = questionnaire.versions.filter(status=VersionStatus.DRAFT).first()
    if existing is not None:
        return existing
    latest = questionnaire.versions.order_by("-number").first()
    number = (questionnaire.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    definition = copy.deepcopy(latest.definition) if latest else {"scored": False, "sections": []}
    return QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=number, definition=definition
    )


@transaction.atomic
def version_retire(*, actor: User, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A retired version is no longer offered for filling; its answers stay readable."""
    _check_manage(actor, version.questionnaire)
    stored = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if stored.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("Only a published version can be retired."), code="not_published")
    stored.status = VersionStatus.RETIRED
    stored.retired_at = timezone.now()
    stored.save(update_fields=["status", "retired_at"])
    return stored


# --- Responses --------------------------------------------------------------------------


def _checked_answers(version: QuestionnaireVersion, answers: dict[str, Any]) -> dict[str, Any]:
    problems = engine.answer_problems(version.definition, answers)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            field = (
                problem.question if problem.question in engine.question_map(version.definition) else "__all__"
            )
            errors.setdefault(field, []).extend(messages_for([problem], version.definition))
        raise ValidationError(errors)
    return engine.clean(version.definition, answers)


def _may_answer_for(participant: Participant, version: QuestionnaireVersion) -> bool:
    owner = version.questionnaire.organisation_id
    return owner is None or owner == participant.organisation_id


@transaction.atomic
def response_create(
    *,
    actor: User | None,
    participant: Participant,
    version: QuestionnaireVersion,
    answers: dict[str, Any],
    filled_on: date | None = None,
) -> Response:
    """Staff of the person's organisation record answers given on a published version.

    Every answer is checked by the engine (type, required when shown, options, range); the
    answers of questions hidden by their condition are not kept. ``actor`` None: a system job.
    """
    if actor is not None and not policy.can(actor, "participant.change", participant):
        raise PermissionDenied
    if version.status != VersionStatus.PUBLISHED or not _may_answer_for(participant, version):
        raise ValidationError(_("This questionnaire version cannot be filled in."), code="not_published")
    kept = _checked_answers(version, answers)
    response = Response(
        participant=participant,
        version=version,
        filled_by=actor,
        filled_on=filled_on or timezone.localdate(),
        answers=kept,
        score=engine.score(version.definition, kept),
    )
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def response_update(*, actor: User, response: Response, answers: dict[str, Any]) -> Response:
    """Corrects the answers, checked against the version they were given on (which never changes)."""
    if not policy.can(actor, "participant.change", response.participant):
        raise PermissionDenied
    stored = Response.objects.select_for_update().select_related("version", "participant").get(pk=response.pk)
    kept = _checked_answers(stored.version, answers)
    stored.answers = kept
    stored.score = engine.score(stored.version.definition, kept)
    stored.save(update_fields=["answers", "score", "updated_at"])
    return stored
