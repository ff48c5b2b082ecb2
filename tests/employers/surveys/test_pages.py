"""The needs survey's pages, by persona: the coordinator who runs the rounds, the employer's
contact who answers for her own employer, and another organisation's coordinator who sees none
of it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.employers import quarters
from reintegra.employers.models import (
    AnswerChannel,
    Employer,
    Occupation,
    Site,
    SurveyAnswer,
    SurveyRound,
    SurveyRoundStatus,
)
from reintegra.employers.surveys import services
from tests.conftest import client_for
from tests.employers.surveys.conftest import next_quarter, this_quarter

pytestmark = pytest.mark.django_db


def line_post(rows: list[dict[str, Any]], **extra: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "100",
        **extra,
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"lines-{index}-{name}"] = value
    return data


def test_a_coordinator_opens_a_round_from_the_form(coordinator: User, organisation: Any) -> None:
    following = next_quarter()
    response = client_for(coordinator).post(
        reverse("employers:surveys:round_list"),
        {
            "organisation": organisation.pk,
            "title": "Potrzeby na półrocze",
            "year": following.year,
            "quarter": quarters.number(following),
            "length": 2,
            "closes_on": following.isoformat(),
        },
    )

    survey = SurveyRound.objects.get()
    assert response.status_code == 302
    assert survey.quarters == [following, quarters.shifted(following, 1)]


def test_a_round_that_closes_too_late_is_named_on_its_field(coordinator: User, organisation: Any) -> None:
    response = client_for(coordinator).post(
        reverse("employers:surveys:round_list"),
        {
            "organisation": organisation.pk,
            "title": "Za późno",
            "year": this_quarter().year,
            "quarter": quarters.number(this_quarter()),
            "length": 1,
            "closes_on": "2099-01-01",
        },
    )

    assert response.status_code == 400
    assert "closes_on" in response.context["form"].errors


def test_the_coordinator_sends_the_round_and_sees_who_answered(
    survey: SurveyRound, coordinator: User, bakery: Employer, bakery_site: Site
) -> None:
    client = client_for(coordinator)
    client.post(reverse("employers:surveys:round_send", args=[survey.pk]))

    page = client.get(reverse("employers:surveys:round_detail", args=[survey.pk]))

    survey.refresh_from_db()
    assert survey.status == SurveyRoundStatus.OPEN
    assert "Piekarnia Kłos" in page.content.decode()


def test_the_coordinator_enters_an_answer_given_on_the_phone(
    sent_survey: SurveyRound, coordinator: User, bakery: Employer, baker: Occupation
) -> None:
    url = reverse("employers:surveys:answer_by_phone", args=[sent_survey.pk, bakery.pk])
    data = line_post(
        [{"occupation": "751204", "count": "3", "quarter": this_quarter().isoformat(), "training": "HACCP"}],
        informant="Pan Kłos",
    )

    response = client_for(coordinator).post(url, data)

    assert response.status_code == 302
    answer = SurveyAnswer.objects.get()
    assert (answer.channel, answer.entered_by, answer.informant) == (
        AnswerChannel.PHONE,
        coordinator,
        "Pan Kłos",
    )
    assert answer.lines.get().training == "HACCP"


def test_closing_asks_first_then_closes(sent_survey: SurveyRound, coordinator: User) -> None:
    client = client_for(coordinator)
    url = reverse("employers:surveys:round_close", args=[sent_survey.pk])

    assert client.get(url).status_code == 200
    client.post(url)

    sent_survey.refresh_from_db()
    assert sent_survey.status == SurveyRoundStatus.CLOSED


def test_the_next_round_is_opened_from_the_last(survey: SurveyRound, coordinator: User) -> None:
    response = client_for(coordinator).post(reverse("employers:surveys:round_next", args=[survey.pk]))

    following = SurveyRound.objects.exclude(pk=survey.pk).get()
    assert response.status_code == 302
    assert following.previous == survey
    assert following.first_quarter == quarters.shifted(survey.last_quarter, 1)


# --- The employer contact ------------------------------------------------------------------


def test_the_employer_contact_answers_through_her_own_log_in(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, baker: Occupation, bakery_site: Site
) -> None:
    client = client_for(bakery_contact)
    assert sent_survey.title in client.get(reverse("employers:surveys:my_surveys")).content.decode()
    url = reverse("employers:surveys:answer", args=[sent_survey.pk])
    rows = [
        {"occupation": "751204", "count": "2", "quarter": next_quarter().isoformat(), "shifts": ["morning"]},
        {"occupation_text": "Pomocnik piekarza", "count": "1", "quarter": this_quarter().isoformat()},
        {"quarter": this_quarter().isoformat()},  # an empty row is left out
    ]

    response = client.post(url, line_post(rows, note="Od marca"))

    assert response.status_code == 302
    answer = SurveyAnswer.objects.get(employer=bakery)
    assert (answer.channel, answer.note) == (AnswerChannel.ONLINE, "Od marca")
    assert sorted(answer.lines.values_list("count", flat=True)) == [1, 2]
    assert "Pomocnik piekarza" in client.get(url).content.decode()


def test_bad_lines_are_named_on_their_row_and_field(
    sent_survey: SurveyRound, bakery_contact: User, bakery: Employer, baker: Occupation, bakery_site: Site
) -> None:
    outside = quarters.shifted(this_quarter(), 5).isoformat()
    rows = [
        {"occupation": "751204", "count": "0", "quarter": this_quarter().isoformat()},
        {"occupation": "751204", "count": "1", "quarter": outside},
        {"count": "1", "quarter": this_quarter().isoformat(), "training": "BHP"},
        {"occupation": "999999", "count": "1", "quarter": this_quarter().isoformat()},
    ]

    response = client_for(bakery_contact).post(
        reverse("employers:surveys:answer", args=[sent_survey.pk]), line_post(rows)
    )

    assert response.status_code == 400
    forms = response.context["lines"].forms
    assert "999999" in forms[3].errors["occupation"][0]
    assert not SurveyAnswer.objects.exists()
    # The form's own checks passed for the first three rows; the service names each of them.
    response = client_for(bakery_contact).post(
        reverse("employers:surveys:answer", args=[sent_survey.pk]), line_post(rows[:3])
    )
    forms = response.context["lines"].forms
    assert list(forms[0].errors) == ["count"]
    assert response.status_code == 400
    response = client_for(bakery_contact).post(
        reverse("employers:surveys:answer", args=[sent_survey.pk]), line_post(rows[1:3])
    )
    assert list(response.context["lines"].forms[0].errors) == ["quarter"]
    response = client_for(bakery_contact).post(
        reverse("employers:surveys:answer", args=[sent_survey.pk]), line_post(rows[2:3])
    )
    assert list(response.context["lines"].forms[0].errors) == ["occupation"]
    assert "error-summary" in response.content.decode()


def test_an_employer_contact_sees_and_edits_only_her_own_employers_answer(
    sent_survey: SurveyRound,
    coordinator: User,
    bakery: Employer,
    bakery_site: Site,
    baker: Occupation,
    shop: Employer,
    shop_contact: User,
) -> None:
    services.survey_round_send(actor=coordinator, survey=sent_survey)
    services.survey_answer_save(
        actor=coordinator,
        survey=sent_survey,
        employer=bakery,
        data=services.AnswerData(
            lines=[services.LineData(occupation=baker, count=7, quarter=this_quarter())],
            note="Tajne piekarni",
        ),
        channel=AnswerChannel.PHONE,
    )
    client = client_for(shop_contact)
    url = reverse("employers:surveys:answer", args=[sent_survey.pk])

    page = client.get(url).content.decode()
    client.post(
        url, line_post([{"occupation_text": "Kasjer", "count": "1", "quarter": this_quarter().isoformat()}])
    )

    assert "Tajne piekarni" not in page
    assert "Piekarnia Kłos" not in page
    assert SurveyAnswer.objects.get(employer=bakery).lines.get().count == 7
    assert SurveyAnswer.objects.get(employer=shop).lines.get().occupation_text == "Kasjer"
    for name in ("round_detail", "round_send", "round_close"):
        assert client.get(reverse(f"employers:surveys:{name}", args=[sent_survey.pk])).status_code in (
            403,
            405,
        )
    phone = reverse("employers:surveys:answer_by_phone", args=[sent_survey.pk, bakery.pk])
    assert client.get(phone).status_code == 403


def test_an_employer_contact_gets_404_for_a_round_not_sent_to_her_employer(
    survey: SurveyRound, bakery_contact: User, bakery: Employer
) -> None:
    response = client_for(bakery_contact).get(reverse("employers:surveys:answer", args=[survey.pk]))

    assert response.status_code == 404


def test_an_employer_contact_cannot_see_the_demand(bakery_contact: User) -> None:
    client = client_for(bakery_contact)

    assert client.get(reverse("employers:surveys:demand")).status_code == 403
    assert client.get(reverse("employers:surveys:demand_export", args=["csv"])).status_code == 403


# --- Another organisation ------------------------------------------------------------------


def test_another_organisations_coordinator_gets_404_on_our_round(
    sent_survey: SurveyRound, other_coordinator: User, bakery: Employer
) -> None:
    client = client_for(other_coordinator)

    for name in ("round_detail", "round_close"):
        assert client.get(reverse(f"employers:surveys:{name}", args=[sent_survey.pk])).status_code == 404
    for name in ("round_send", "round_next"):
        assert client.post(reverse(f"employers:surveys:{name}", args=[sent_survey.pk])).status_code == 404
    phone = reverse("employers:surveys:answer_by_phone", args=[sent_survey.pk, bakery.pk])
    assert client.get(phone).status_code == 404
    assert sent_survey.title not in client.get(reverse("employers:surveys:round_list")).content.decode()


def test_a_case_worker_cannot_run_surveys(caseworker: User, survey: SurveyRound) -> None:
    client = client_for(caseworker)

    assert client.get(reverse("employers:surveys:round_list")).status_code == 403
    assert client.get(reverse("employers:surveys:round_detail", args=[survey.pk])).status_code == 403


def test_the_start_page_leads_coordinators_and_employer_contacts_to_the_surveys(
    coordinator: User, bakery_contact: User
) -> None:
    coordinators = client_for(coordinator).get(reverse("home")).content.decode()
    contacts = client_for(bakery_contact).get(reverse("home")).content.decode()

    assert reverse("employers:surveys:demand") in coordinators
    assert reverse("employers:surveys:my_surveys") in contacts
    assert reverse("employers:surveys:demand") not in contacts
