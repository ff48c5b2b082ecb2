"""Recording the evaluation survey: by a worker with the person, or by the person herself on her
own page; bad answers and dates refused with a message naming what is wrong."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, Role, User
from reintegra.outcomes.models import EvaluationMoment, EvaluationResponse
from reintegra.people import services as people_services
from reintegra.programmes.models import Enrolment, Programme
from tests.conftest import client_for
from tests.factories import member
from tests.outcomes.evaluation.conftest import enrol, ratings, survey

pytestmark = pytest.mark.django_db
ENTRY, EXIT = EvaluationMoment.ENTRY, EvaluationMoment.EXIT


def form_data(answers: dict[str, object], **extra: str) -> dict[str, str]:
    return {**{f"answer_{key}": str(value) for key, value in answers.items()}, **extra}


def test_a_case_worker_records_the_entry_and_the_exit_survey(caseworker: User, ania: Enrolment) -> None:
    client = client_for(caseworker)
    url = reverse("outcomes:evaluation:fill", args=[ania.pk, "entry"])

    page = client.get(url)
    answered = client.post(url, form_data(ratings(komunikacja=2), filled_on="2025-09-20"))
    client.post(
        reverse("outcomes:evaluation:fill", args=[ania.pk, "exit"]),
        form_data(
            {**ratings(komunikacja=4), "ocena_ogolna": 5}, filled_on="2026-03-30", answer_polecenie="tak"
        ),
    )

    assert "ocena_ogolna" not in page.content.decode()  # the satisfaction is asked at exit only
    assert answered.status_code == 302
    surveys = {
        s.moment: s for s in EvaluationResponse.objects.filter(enrolment=ania).select_related("response")
    }
    assert surveys[ENTRY].response.answers["komunikacja"] == 2
    assert surveys[EXIT].response.answers == {**ratings(komunikacja=4), "ocena_ogolna": 5, "polecenie": "tak"}
    assert surveys[EXIT].response.filled_by == caseworker
    assert not surveys[EXIT].by_the_person


def test_the_persons_page_shows_which_surveys_are_given(caseworker: User, ania: Enrolment) -> None:
    survey(caseworker, ania, ENTRY, ratings(), date(2025, 9, 20))

    page = client_for(caseworker).get(reverse("outcomes:evaluation:person", args=[ania.participant_id]))

    assert page.status_code == 200
    assert page.context["surveys"][0].missing() == [EXIT]
    assert reverse("outcomes:evaluation:fill", args=[ania.pk, "exit"]) in page.content.decode()


def test_an_answer_outside_the_scale_is_refused_naming_the_question(
    caseworker: User, ania: Enrolment
) -> None:
    with pytest.raises(ValidationError) as refused:
        survey(caseworker, ania, ENTRY, ratings(pewnosc_siebie=7), date(2025, 9, 20))

    assert "pewnosc_siebie" in refused.value.message_dict
    assert "Pewność siebie" in refused.value.message_dict["pewnosc_siebie"][0]
    assert "1" in refused.value.message_dict["pewnosc_siebie"][0]
    assert not EvaluationResponse.objects.exists()


def test_an_answer_outside_the_scale_is_refused_on_the_form(caseworker: User, ania: Enrolment) -> None:
    url = reverse("outcomes:evaluation:fill", args=[ania.pk, "entry"])

    page = client_for(caseworker).post(url, form_data(ratings(pewnosc_siebie=0), filled_on="2025-09-20"))

    assert page.status_code == 400
    assert page.context["form"].errors["answer_pewnosc_siebie"]
    assert not EvaluationResponse.objects.exists()


def test_an_exit_survey_dated_before_the_entry_one_is_refused(caseworker: User, ania: Enrolment) -> None:
    survey(caseworker, ania, ENTRY, ratings(), date(2025, 10, 1))

    with pytest.raises(ValidationError) as refused:
        survey(caseworker, ania, EXIT, ratings(), date(2025, 9, 30))

    assert "filled_on" in refused.value.message_dict
    assert "1.10.2025" in refused.value.message_dict["filled_on"][0]


def test_an_entry_survey_dated_after_the_exit_one_is_refused(caseworker: User, ania: Enrolment) -> None:
    survey(caseworker, ania, EXIT, ratings(), date(2026, 3, 30))

    with pytest.raises(ValidationError) as refused:
        survey(caseworker, ania, ENTRY, ratings(), date(2026, 3, 31))

    assert "filled_on" in refused.value.message_dict


def test_the_satisfaction_is_refused_at_entry(caseworker: User, ania: Enrolment) -> None:
    with pytest.raises(ValidationError) as refused:
        survey(caseworker, ania, ENTRY, {**ratings(), "ocena_ogolna": 4}, date(2025, 9, 20))

    assert "ocena_ogolna" in refused.value.message_dict


def test_a_second_survey_at_the_same_moment_is_refused(caseworker: User, ania: Enrolment) -> None:
    survey(caseworker, ania, ENTRY, ratings(), date(2025, 9, 20))

    with pytest.raises(ValidationError) as refused:
        survey(caseworker, ania, ENTRY, ratings(), date(2025, 9, 21))

    assert "moment" in refused.value.message_dict
    assert EvaluationResponse.objects.count() == 1


def test_a_missing_rating_is_refused(caseworker: User, ania: Enrolment) -> None:
    answers = ratings()
    del answers["szukanie_pracy"]

    with pytest.raises(ValidationError) as refused:
        survey(caseworker, ania, ENTRY, answers, date(2025, 9, 20))

    assert "szukanie_pracy" in refused.value.message_dict


def test_another_organisations_worker_cannot_see_or_record_our_survey(
    outsider: User, ania: Enrolment
) -> None:
    client = client_for(outsider)

    assert client.get(reverse("outcomes:evaluation:person", args=[ania.participant_id])).status_code == 404
    url = reverse("outcomes:evaluation:fill", args=[ania.pk, "entry"])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(ratings(), filled_on="2025-09-20")).status_code == 404
    assert not EvaluationResponse.objects.exists()


def test_an_unknown_moment_is_not_found(caseworker: User, ania: Enrolment) -> None:
    url = reverse("outcomes:evaluation:fill", args=[ania.pk, "middle"])

    assert client_for(caseworker).get(url).status_code == 404


# --- The person herself ------------------------------------------------------------------------


@pytest.fixture
def ania_account(organisation: Organisation, ania: Enrolment, coordinator: User) -> User:
    account = member(organisation, Role.PARTICIPANT, username="ania")
    people_services.participant_account_link(actor=coordinator, participant=ania.participant, account=account)
    return account


def test_the_person_answers_the_entry_survey_herself_on_her_own_page(
    ania_account: User, ania: Enrolment
) -> None:
    client = client_for(ania_account)

    own = client.get(reverse("ownpage:own_page"))
    listed = client.get(reverse("outcomes:evaluation:own"))
    answered = client.post(
        reverse("outcomes:evaluation:own_fill", args=[ania.pk, "entry"]), form_data(ratings(komunikacja=1))
    )

    assert reverse("outcomes:evaluation:own") in own.content.decode()
    assert "CIS Zalesie" in listed.content.decode()
    assert answered.status_code == 302
    given = EvaluationResponse.objects.select_related("response").get(enrolment=ania)
    assert given.moment == ENTRY
    assert given.by_the_person
    assert given.response.filled_by == ania_account
    assert given.response.answers["komunikacja"] == 1


def test_the_person_cannot_answer_for_someone_else(ania_account: User, programme: Programme) -> None:
    other = enrol(programme, left_on=date(2026, 3, 31))
    url = reverse("outcomes:evaluation:own_fill", args=[other.pk, "entry"])

    client = client_for(ania_account)

    assert client.get(url).status_code == 404
    assert client.post(url, form_data(ratings())).status_code == 404
    assert not EvaluationResponse.objects.exists()


def test_a_participant_without_a_linked_record_finds_no_surveys(participant: User) -> None:
    assert client_for(participant).get(reverse("outcomes:evaluation:own")).status_code == 404


def test_a_worker_cannot_use_the_persons_own_pages(caseworker: User, ania: Enrolment) -> None:
    url = reverse("outcomes:evaluation:own_fill", args=[ania.pk, "entry"])

    assert client_for(caseworker).get(url).status_code in (403, 404)
