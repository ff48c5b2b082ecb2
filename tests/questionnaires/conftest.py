"""A published questionnaire of our organisation and a person of ours to fill it in with."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation
from reintegra.people.models import Participant
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, VersionStatus
from tests.factories import ParticipantFactory

DEFINITION: dict[str, Any] = {
    "scored": True,
    "sections": [
        {
            "key": "s1",
            "title": "Sytuacja rodzinna",
            "questions": [
                {
                    "key": "children",
                    "label": "Czy ma Pani dzieci pod opieką?",
                    "kind": "yes_no",
                    "required": True,
                },
                {
                    "key": "care",
                    "label": "Kto zajmie się dziećmi?",
                    "kind": "single_choice",
                    "required": True,
                    "choices": [
                        {"value": "family", "label": "Rodzina", "points": 0},
                        {"value": "nobody", "label": "Nikt", "points": 2},
                    ],
                    "show_if": {"question": "children", "equals": True},
                },
                {
                    "key": "household",
                    "label": "Liczba osób w gospodarstwie",
                    "kind": "number",
                    "min": 1,
                    "max": 20,
                },
                {"key": "since", "label": "Od kiedy bez pracy", "kind": "date"},
            ],
        },
        {
            "key": "s2",
            "title": "Oczekiwania",
            "questions": [
                {
                    "key": "support",
                    "label": "Formy wsparcia",
                    "kind": "multiple_choice",
                    "choices": [
                        {"value": "course", "label": "Kurs", "points": 1},
                        {"value": "job", "label": "Pośrednictwo pracy", "points": 1},
                    ],
                },
                {
                    "key": "ready",
                    "label": "Gotowość do pracy",
                    "kind": "scale",
                    "min": 1,
                    "max": 5,
                    "required": True,
                },
                {"key": "notes", "label": "Uwagi", "kind": "text"},
            ],
        },
    ],
}


@pytest.fixture
def questionnaire(organisation: Organisation) -> Questionnaire:
    return Questionnaire.objects.create(organisation=organisation, code="diagnoza", name="Diagnoza wstępna")


@pytest.fixture
def published(questionnaire: Questionnaire) -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.create(
        questionnaire=questionnaire,
        number=1,
        status=VersionStatus.PUBLISHED,
        published_at=timezone.now(),
        definition=DEFINITION,
    )


@pytest.fixture
def person(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Halina", last_name="Wróblewska")


def form_data(**answers: object) -> dict[str, object]:
    """POST data of the fill-in form: ``answer_<key>`` per answer."""
    return {"filled_on": "2026-11-20", **{f"answer_{key}": value for key, value in answers.items()}}


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    """The tests read the English messages; pages default to English too (no Accept-Language)."""
