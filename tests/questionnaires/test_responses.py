"""A case worker fills a questionnaire in with a person; answers are case-file records."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from reintegra.questionnaires import services
from reintegra.questionnaires.models import QuestionnaireVersion, Response, VersionStatus
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.questionnaires.conftest import form_data

pytestmark = pytest.mark.django_db


def fill_url(person: Participant, version: QuestionnaireVersion) -> str:
    return reverse("questionnaires:fill", args=[person.pk, version.pk])


def test_a_caseworker_fills_a_questionnaire_with_a_person_and_sees_answers_and_score(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    client = client_for(caseworker)
    page = client.get(fill_url(person, published))
    assert "Czy ma Pani dzieci pod opieką?" in page.content.decode()
    assert "Kto zajmie się dziećmi?" not in page.content.decode()  # shown only after "yes"

    posted = client.post(
        fill_url(person, published),
        form_data(
            children="yes",
            care="nobody",
            household="3",
            since="2025-01-31",
            support=["course", "job"],
            ready="4",
        ),
    )

    response = Response.objects.get()
    assert posted.status_code == 302
    assert posted["Location"] == reverse("questionnaires:response", args=[response.pk])
    assert response.answers == {
        "children": True,
        "care": "nobody",
        "household": 3,
        "since": "2025-01-31",
        "support": ["course", "job"],
        "ready": 4,
    }
    assert response.score == 4
    assert response.filled_by == caseworker
    shown = client.get(posted["Location"]).content.decode()
    assert "Nikt" in shown
    assert "Pośrednictwo pracy" in shown
    assert "4" in shown


def test_the_person_s_page_lists_published_questionnaires_and_their_answers(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    services.response_create(
        actor=caseworker, participant=person, version=published, answers={"children": False, "ready": 2}
    )

    page = (
        client_for(caseworker).get(reverse("questionnaires:participant", args=[person.pk])).content.decode()
    )

    assert fill_url(person, published) in page
    assert "Diagnoza wstępna" in page
    assert reverse("questionnaires:response", args=[Response.objects.get().pk]) in page
    assert "Paszport na rynek pracy" in page  # shipped questionnaires are offered to every organisation


def test_a_question_shown_by_an_answer_becomes_required_without_javascript(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    client = client_for(caseworker)

    refreshed = client.post(fill_url(person, published), {**form_data(children="yes"), "_refresh": "1"})
    saved = client.post(fill_url(person, published), form_data(children="yes", ready="3"))

    assert refreshed.status_code == 200
    assert "Kto zajmie się dziećmi?" in refreshed.content.decode()
    assert "an answer is required" not in refreshed.content.decode()  # refreshing is not saving
    assert saved.status_code == 200
    assert "“Kto zajmie się dziećmi?”: an answer is required." in saved.context["form"].errors["answer_care"]
    assert not Response.objects.exists()


def test_a_hidden_question_is_not_required_and_its_answer_is_not_kept(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    client_for(caseworker).post(
        fill_url(person, published), form_data(children="no", care="nobody", ready="1")
    )

    assert Response.objects.get().answers == {"children": False, "ready": 1}


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"household": "dużo"},
            "answer_household",
            "“Liczba osób w gospodarstwie”: the answer is not of the right kind",
        ),
        (
            {"household": "25"},
            "answer_household",
            "“Liczba osób w gospodarstwie”: the answer must be between 1 and 20.",
        ),
        (
            {"since": "31.02.2026"},
            "answer_since",
            "“Od kiedy bez pracy”: the answer is not of the right kind",
        ),
        ({"support": ["holiday"]}, "answer_support", "“Formy wsparcia”: choose one of the options."),
        ({"ready": "9"}, "answer_ready", "“Gotowość do pracy”: choose one of the options."),
        ({"ready": ""}, "answer_ready", "“Gotowość do pracy”: an answer is required."),
    ],
)
def test_each_bad_answer_is_refused_with_a_message_naming_the_question(
    caseworker: User,
    person: Participant,
    published: QuestionnaireVersion,
    answers: dict[str, object],
    field: str,
    message: str,
) -> None:
    data = form_data(**{"children": "no", "ready": "3", **answers})

    page = client_for(caseworker).post(fill_url(person, published), data)

    assert page.status_code == 200
    assert any(error.startswith(message) for error in page.context["form"].errors[field])
    assert message.split("”")[0] in page.content.decode()
    assert not Response.objects.exists()


def test_the_service_refuses_answers_of_the_wrong_type_naming_the_question(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.response_create(
            actor=caseworker, participant=person, version=published, answers={"children": "tak", "ready": 3}
        )

    assert refused.value.message_dict == {
        "children": [
            "“Czy ma Pani dzieci pod opieką?”: the answer is not of the right kind for this question."
        ]
    }


def test_a_new_questionnaire_version_does_not_change_answers_already_given(
    coordinator: User, caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    given = services.response_create(
        actor=caseworker,
        participant=person,
        version=published,
        answers={"children": True, "care": "nobody", "ready": 5},
    )
    draft = services.version_start_draft(actor=coordinator, questionnaire=published.questionnaire)
    services.question_remove(actor=coordinator, version=draft, key="ready")
    services.question_add(
        actor=coordinator,
        version=draft,
        section_key="s1",
        question={"key": "income", "label": "Miesięczny dochód", "kind": "number"},
    )
    services.version_publish(actor=coordinator, version=draft)

    given.refresh_from_db()
    published.refresh_from_db()
    page = client_for(caseworker).get(reverse("questionnaires:response", args=[given.pk])).content.decode()
    assert given.version == published
    assert published.status == VersionStatus.RETIRED
    assert given.answers == {"children": True, "care": "nobody", "ready": 5}
    assert given.score == 2
    assert "Gotowość do pracy" in page  # the question of version 1, gone from version 2


def test_a_retired_or_draft_version_cannot_be_filled(
    caseworker: User, coordinator: User, person: Participant, published: QuestionnaireVersion
) -> None:
    draft = services.version_start_draft(actor=coordinator, questionnaire=published.questionnaire)
    services.version_retire(actor=coordinator, version=published)

    assert client_for(caseworker).get(fill_url(person, published)).status_code == 404
    assert client_for(caseworker).get(fill_url(person, draft)).status_code == 404


def test_a_worker_of_another_organisation_gets_404_for_the_person_s_questionnaires_and_answers(
    caseworker: User, outsider: User, person: Participant, published: QuestionnaireVersion
) -> None:
    response = services.response_create(
        actor=caseworker, participant=person, version=published, answers={"children": False, "ready": 2}
    )
    client = client_for(outsider)

    assert client.get(reverse("questionnaires:participant", args=[person.pk])).status_code == 404
    assert client.get(fill_url(person, published)).status_code == 404
    assert client.get(reverse("questionnaires:response", args=[response.pk])).status_code == 404
    assert client.get(reverse("questionnaires:response_edit", args=[response.pk])).status_code == 404
    assert client.get(reverse("questionnaires:response", args=[response.pk + 1000])).status_code == 404


def test_our_organisation_s_questionnaire_cannot_be_filled_with_another_organisation_s_person(
    outsider: User, other_organisation: Organisation, published: QuestionnaireVersion
) -> None:
    theirs = ParticipantFactory(organisation=other_organisation)

    assert client_for(outsider).get(fill_url(theirs, published)).status_code == 404


def test_a_participant_account_cannot_open_answers(
    caseworker: User, participant: User, person: Participant, published: QuestionnaireVersion
) -> None:
    response = services.response_create(
        actor=caseworker, participant=person, version=published, answers={"children": False, "ready": 2}
    )

    assert (
        client_for(participant).get(reverse("questionnaires:response", args=[response.pk])).status_code == 403
    )


def test_reading_answers_and_writing_them_land_in_the_audit_log_of_the_organisation(
    caseworker: User, person: Participant, published: QuestionnaireVersion, organisation: Organisation
) -> None:
    client = client_for(caseworker)
    client.post(fill_url(person, published), form_data(children="no", ready="2"))
    response = Response.objects.get()
    client.get(reverse("questionnaires:response", args=[response.pk]))
    client.post(
        reverse("questionnaires:response_edit", args=[response.pk]), form_data(children="no", ready="5")
    )

    entries = AuditEntry.objects.get_for_object(response).order_by("timestamp", "pk")
    actions = [entry.action for entry in entries]
    assert actions[:3] == [AuditEntry.Action.CREATE, AuditEntry.Action.ACCESS, AuditEntry.Action.ACCESS]
    assert actions[-1] == AuditEntry.Action.UPDATE
    assert {entry.actor for entry in entries} == {caseworker}
    assert all(list(entry.organisations.all()) == [organisation] for entry in entries)
    response.refresh_from_db()
    assert response.answers == {"children": False, "ready": 5}


def test_listing_the_person_s_responses_reads_the_file_but_not_the_answers(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    response = services.response_create(
        actor=caseworker, participant=person, version=published, answers={"children": False, "ready": 2}
    )

    client_for(caseworker).get(reverse("questionnaires:participant", args=[person.pk]))

    assert AuditEntry.objects.get_for_object(person).filter(action=AuditEntry.Action.ACCESS).count() == 1
    assert not AuditEntry.objects.get_for_object(response).filter(action=AuditEntry.Action.ACCESS).exists()


def test_htmx_re_renders_only_the_form_when_an_answer_changes_what_is_shown(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    page = client_for(caseworker).post(
        fill_url(person, published),
        {**form_data(children="yes"), "_refresh": "1"},
        headers={"HX-Request": "true"},
    )

    body = page.content.decode()
    assert body.lstrip().startswith("<form")
    assert "Kto zajmie się dziećmi?" in body


def test_choice_questions_are_groups_with_a_legend_naming_the_question(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    page = client_for(caseworker).get(fill_url(person, published)).content.decode()

    assert '<legend class="form-label fs-6">Formy wsparcia</legend>' in page
    assert 'type="checkbox" name="answer_support" value="course"' in page
    assert 'type="radio" name="answer_ready" value="5"' in page


def test_a_filling_date_in_the_future_is_refused_naming_the_field(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    data = {**form_data(children="no", ready="3"), "filled_on": "2999-01-01"}

    page = client_for(caseworker).post(fill_url(person, published), data)

    assert page.context["form"].errors["filled_on"] == ["The date of filling in cannot be in the future."]
    assert not Response.objects.exists()


def test_only_an_answer_another_question_depends_on_re_renders_the_form_and_nothing_given_meanwhile_is_lost(
    caseworker: User, person: Participant, published: QuestionnaireVersion
) -> None:
    page = client_for(caseworker).get(fill_url(person, published)).content.decode()

    assert 'hx-trigger="change from:.refreshes"' in page
    assert 'hx-disabled-elt="#answer-questions"' in page  # no answer can be given while it re-renders
    assert '<fieldset id="answer-questions"' in page
    children = re.findall(r'<input type="radio" name="answer_children"[^>]*>', page)
    ready = re.findall(r'<input type="radio" name="answer_ready"[^>]*>', page)
    assert children
    assert all("refreshes" in tag for tag in children)
    assert ready
    assert not any("refreshes" in tag for tag in ready)
