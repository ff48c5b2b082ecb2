"""Writes of the evaluation survey: the staff record it with a person, or she answers it herself.

Rules enforced here (the answers themselves are checked by the questionnaire engine, each
problem naming its question):

* a survey is given on an enrolment in the programme or left, once at entry and once at exit;
* at entry only the self-assessment is asked: the satisfaction is rated at exit;
* the exit survey is never dated before the entry one, nor the entry one after the exit one;
* the staff of the person's organisation record it; the person only on her own enrolment.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.dates import day
from reintegra.outcomes.evaluation.report import SATISFACTION_SECTION, section_questions
from reintegra.outcomes.evaluation.selectors import SURVEYED, survey_version
from reintegra.outcomes.models import EvaluationMoment, EvaluationResponse
from reintegra.programmes.models import Enrolment
from reintegra.questionnaires.services import response_create


def definition_for(definition: dict[str, Any], moment: str) -> dict[str, Any]:
    """The questions asked at this moment: at entry, all but the satisfaction."""
    if moment == EvaluationMoment.EXIT:
        return definition
    asked = copy.deepcopy(definition)
    asked["sections"] = [s for s in asked.get("sections", []) if s.get("key") != SATISFACTION_SECTION]
    return asked


def _check(enrolment: Enrolment, moment: str, answers: dict[str, Any], filled_on: date) -> None:
    if moment not in EvaluationMoment.values:
        raise ValidationError({"moment": _("Choose entry or exit.")}, code="bad_moment")
    if enrolment.status not in SURVEYED:
        raise ValidationError(
            _("The survey is given only to a person in the programme or who has left it."),
            code="not_enrolled",
        )
    if filled_on > timezone.localdate():
        raise ValidationError(
            {"filled_on": _("The date of filling in cannot be in the future.")}, code="future"
        )
    given = {
        survey.moment: survey.response.filled_on
        for survey in EvaluationResponse.objects.select_for_update()
        .filter(enrolment=enrolment)
        .select_related("response")
    }
    if moment in given:
        raise ValidationError(
            {"moment": _("This survey has already been filled in for this moment.")}, code="given"
        )
    entry, exit_ = given.get(EvaluationMoment.ENTRY), given.get(EvaluationMoment.EXIT)
    if moment == EvaluationMoment.EXIT and entry is not None and filled_on < entry:
        raise ValidationError(
            {
                "filled_on": _("The exit survey cannot be dated before the entry survey (%(date)s).")
                % {"date": day(entry)}
            },
            code="exit_before_entry",
        )
    if moment == EvaluationMoment.ENTRY and exit_ is not None and filled_on > exit_:
        raise ValidationError(
            {
                "filled_on": _("The entry survey cannot be dated after the exit survey (%(date)s).")
                % {"date": day(exit_)}
            },
            code="entry_after_exit",
        )


def _satisfaction_at_entry(definition: dict[str, Any], moment: str, answers: dict[str, Any]) -> None:
    if moment != EvaluationMoment.ENTRY:
        return
    errors = {
        question["key"]: _("“%(question)s”: the satisfaction is rated at exit, not at entry.")
        % {"question": question["label"]}
        for question in section_questions(definition, SATISFACTION_SECTION)
        if question["key"] in answers
    }
    if errors:
        raise ValidationError(errors, code="satisfaction_at_entry")


def _record(
    *, actor: User, enrolment: Enrolment, moment: str, answers: dict[str, Any], filled_on: date, own: bool
) -> EvaluationResponse:
    Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
    _check(enrolment, moment, answers, filled_on)
    version = survey_version()
    _satisfaction_at_entry(version.definition, moment, answers)
    response = response_create(
        actor=None if own else actor,
        participant=enrolment.participant,
        version=version,
        answers=answers,
        filled_on=filled_on,
    )
    if own:
        response.filled_by = actor
        response.save(update_fields=["filled_by"])
    survey = EvaluationResponse(enrolment=enrolment, moment=moment, response=response, by_the_person=own)
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def evaluation_record(
    *, actor: User, enrolment: Enrolment, moment: str, answers: dict[str, Any], filled_on: date
) -> EvaluationResponse:
    """A worker records the survey given with the person (on paper, by phone, together)."""
    if not policy.can(actor, "participant.change", enrolment.participant):
        raise PermissionDenied
    return _record(
        actor=actor, enrolment=enrolment, moment=moment, answers=answers, filled_on=filled_on, own=False
    )


@transaction.atomic
def evaluation_answer_own(
    *, actor: User, enrolment: Enrolment, moment: str, answers: dict[str, Any]
) -> EvaluationResponse:
    """The person answers the survey herself, on her own page, dated today."""
    participant = enrolment.participant
    if participant.account_id != actor.pk or not policy.can(actor, "own_page.view", participant):
        raise PermissionDenied
    return _record(
        actor=actor,
        enrolment=enrolment,
        moment=moment,
        answers=answers,
        filled_on=timezone.localdate(),
        own=True,
    )
