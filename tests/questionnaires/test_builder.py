"""A coordinator builds a questionnaire, publishes it, and changes it only as a new version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.questionnaires import engine, services
from reintegra.questionnaires.models import (
    ImmutableVersionError,
    Questionnaire,
    QuestionnaireVersion,
    VersionStatus,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def version_url(name: str, version: QuestionnaireVersion) -> str:
    return reverse(f"questionnaires:{name}", args=[version.questionnaire_id, version.pk])


def test_a_coordinator_builds_and_publishes_a_questionnaire_in_plain_forms(
    coordinator: User, organisation: Organisation
) -> None:
    client = client_for(coordinator)
    created = client.post(
        reverse("questionnaires:create"),
        {"organisation": organisation.pk, "name": "Ankieta zainteresowań", "code": "zainteresowania"},
    )
    questionnaire = Questionnaire.objects.get(code="zainteresowania")
    draft = questionnaire.versions.get()
    assert created["Location"] == reverse("questionnaires:detail", args=[questionnaire.pk])

    client.post(version_url("section_add", draft), {"title": "Czas wolny"})
    client.post(version_url("version_scored", draft), {"scored": "on"})
    client.post(
        version_url("question_add", draft),
        {"section": "s1", "label": "Czy uprawiasz sport?", "kind": "yes_no", "required": "on"},
    )
    client.post(
        version_url("question_add", draft),
        {
            "section": "s1",
            "label": "Jaki sport?",
            "kind": "single_choice",
            "choices": "Piłka nożna | 1\nPływanie | 2",
            "show_if_question": "q1",
            "show_if_value": "tak",
        },
    )
    client.post(
        version_url("question_add", draft),
        {"section": "s1", "label": "Ile godzin?", "kind": "scale", "min": "0", "max": "10"},
    )
    published = client.post(version_url("version_publish", draft))

    draft.refresh_from_db()
    assert published.status_code == 302
    assert draft.status == VersionStatus.PUBLISHED
    assert draft.published_at is not None
    questions = engine.question_map(draft.definition)
    assert list(questions) == ["q1", "q2", "q3"]
    assert questions["q2"]["choices"] == [
        {"value": "pilka_nozna", "label": "Piłka nożna", "points": 1},
        {"value": "plywanie", "label": "Pływanie", "points": 2},
    ]
    assert questions["q2"]["show_if"] == {"question": "q1", "equals": True}
    assert questions["q3"] == {
        "key": "q3",
        "label": "Ile godzin?",
        "kind": "scale",
        "required": False,
        "min": 0,
        "max": 10,
    }
    assert engine.max_score(draft.definition) == 2
    assert "Ankieta zainteresowań" in client.get(reverse("questionnaires:list")).content.decode()


def test_a_question_form_names_the_field_that_is_wrong(coordinator: User, organisation: Organisation) -> None:
    questionnaire = services.questionnaire_create(
        actor=coordinator, organisation=organisation, code="a", name="A"
    )
    draft = services.section_add(actor=coordinator, version=questionnaire.versions.get(), title="Sekcja")

    page = client_for(coordinator).post(
        version_url("question_add", draft),
        {"section": "s1", "label": "Ocena", "kind": "scale", "min": "5", "max": "1"},
    )
    no_options = client_for(coordinator).post(
        version_url("question_add", draft), {"section": "s1", "label": "Wybór", "kind": "single_choice"}
    )

    assert page.context["form"].errors["max"] == ["The highest value cannot be below the lowest."]
    assert no_options.context["form"].errors["choices"] == ["A choice question needs at least one option."]


def test_an_empty_draft_cannot_be_published(coordinator: User, organisation: Organisation) -> None:
    questionnaire = services.questionnaire_create(
        actor=coordinator, organisation=organisation, code="a", name="A"
    )

    with pytest.raises(ValidationError, match="at least one question"):
        services.version_publish(actor=coordinator, version=questionnaire.versions.get())


def test_a_published_version_is_immutable(coordinator: User, published: QuestionnaireVersion) -> None:
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.section_add(actor=coordinator, version=published, title="Nowa")
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.question_remove(actor=coordinator, version=published, key="ready")
    published.definition = {**published.definition, "scored": False}
    with pytest.raises(ImmutableVersionError):
        published.save()
    published.refresh_from_db()
    published.status = VersionStatus.DRAFT
    with pytest.raises(ImmutableVersionError):
        published.save()
    page = client_for(coordinator).get(version_url("question_add", published))
    assert page.status_code == 403


def test_editing_a_published_questionnaire_starts_a_new_draft_copying_it(
    coordinator: User, published: QuestionnaireVersion
) -> None:
    client = client_for(coordinator)
    started = client.post(reverse("questionnaires:version_start_draft", args=[published.questionnaire_id]))

    draft = published.questionnaire.versions.get(status=VersionStatus.DRAFT)
    assert started["Location"] == version_url("version", draft)
    assert draft.number == 2
    assert draft.definition == published.definition
    client.post(
        reverse("questionnaires:question_remove", args=[published.questionnaire_id, draft.pk, "notes"])
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert "notes" not in engine.question_map(draft.definition)
    assert "notes" in engine.question_map(published.definition)


def test_a_question_another_depends_on_cannot_be_removed(
    coordinator: User, published: QuestionnaireVersion
) -> None:
    draft = services.version_start_draft(actor=coordinator, questionnaire=published.questionnaire)

    with pytest.raises(ValidationError, match="Kto zajmie się dziećmi"):
        services.question_remove(actor=coordinator, version=draft, key="children")


def test_a_caseworker_cannot_build_questionnaires(caseworker: User, published: QuestionnaireVersion) -> None:
    client = client_for(caseworker)

    assert client.get(reverse("questionnaires:list")).status_code == 403
    assert client.get(reverse("questionnaires:create")).status_code == 403
    assert (
        client.post(
            reverse("questionnaires:version_start_draft", args=[published.questionnaire_id])
        ).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.version_start_draft(actor=caseworker, questionnaire=published.questionnaire)


def test_a_coordinator_of_another_organisation_gets_404_for_our_questionnaire(
    outsider_admin: User, published: QuestionnaireVersion
) -> None:
    client = client_for(outsider_admin)

    assert client.get(reverse("questionnaires:detail", args=[published.questionnaire_id])).status_code == 404
    assert client.get(version_url("version", published)).status_code == 404
    assert (
        client.post(
            reverse("questionnaires:version_start_draft", args=[published.questionnaire_id])
        ).status_code
        == 404
    )
    assert "Diagnoza wstępna" not in client.get(reverse("questionnaires:list")).content.decode()


def test_the_shipped_questionnaires_are_published_and_read_only_for_every_coordinator(
    coordinator: User,
) -> None:
    shipped = Questionnaire.objects.filter(organisation__isnull=True)
    passport = shipped.get(code="passport")

    assert set(shipped.values_list("code", flat=True)) == {
        "diagnostic_interview",
        "evaluation",
        "passport",
        "professional_profile",
    }
    assert all(q.versions.get().status == VersionStatus.PUBLISHED for q in shipped)
    assert (
        client_for(coordinator).get(reverse("questionnaires:detail", args=[passport.pk])).status_code == 200
    )
    assert (
        client_for(coordinator)
        .post(reverse("questionnaires:version_start_draft", args=[passport.pk]))
        .status_code
        == 403
    )


def test_the_navigation_offers_questionnaires_to_coordinators_only(
    coordinator: User, caseworker: User
) -> None:
    url = reverse("questionnaires:list")

    assert url in client_for(coordinator).get(reverse("home")).content.decode()
    assert url not in client_for(caseworker).get(reverse("home")).content.decode()


def test_the_version_page_shows_each_question_s_kind_and_condition_in_words(
    coordinator: User, published: QuestionnaireVersion
) -> None:
    page = client_for(coordinator).get(version_url("version", published)).content.decode()

    assert "single choice" in page
    assert "single_choice" not in page
    assert "shown only if “Czy ma Pani dzieci pod opieką?” is answered" in page
