"""The demand view: the answers' lines summed by occupation group, gmina and quarter, with
totals that equal the answers summed by hand; in a constant number of queries; for the
coordinators of the round's organisation only."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.employers.models import AnswerChannel, Employer, Occupation, Site, SurveyRound
from reintegra.employers.surveys import services
from reintegra.employers.surveys.selectors import RowsBy, demand_for_user
from reintegra.people.models import TercUnit
from tests.conftest import client_for
from tests.employers.surveys.conftest import next_quarter, this_quarter

pytestmark = pytest.mark.django_db

Q1, Q2 = this_quarter, next_quarter


@pytest.fixture
def answered(
    sent_survey: SurveyRound,
    coordinator: User,
    bakery: Employer,
    bakery_site: Site,
    shop: Employer,
    baker: Occupation,
    confectioner: Occupation,
    salesman: Occupation,
    food_workers: Occupation,
    other_gmina: TercUnit,
) -> list[tuple[str, str, object, int]]:
    """Answers of the bakery (in Zalesie) and the shop (in Brzozowo); returns each line as
    (code, gmina, quarter, count) for the test to sum by hand."""
    services.survey_round_send(actor=coordinator, survey=sent_survey)
    lines = {
        bakery: [
            services.LineData(occupation=baker, count=3, quarter=Q1()),
            services.LineData(occupation=baker, count=2, quarter=Q2()),
            services.LineData(occupation=confectioner, count=1, quarter=Q1(), training="Dekoracja tortów"),
            services.LineData(occupation_text="Pomocnik", count=4, quarter=Q2()),
        ],
        shop: [
            services.LineData(occupation=salesman, count=5, quarter=Q1()),
            services.LineData(occupation=baker, count=1, quarter=Q2(), gmina=other_gmina),
        ],
    }
    for employer, employer_lines in lines.items():
        services.survey_answer_save(
            actor=coordinator,
            survey=sent_survey,
            employer=employer,
            data=services.AnswerData(lines=employer_lines),
            channel=AnswerChannel.PHONE,
        )
    return [
        ("751204", "Zalesie", Q1(), 3),
        ("751204", "Zalesie", Q2(), 2),
        ("751201", "Zalesie", Q1(), 1),
        ("", "Zalesie", Q2(), 4),
        ("522301", "Brzozowo", Q1(), 5),
        ("751204", "Brzozowo", Q2(), 1),
    ]


def test_the_demands_totals_equal_the_answers_summed_by_hand(
    answered: list[tuple[str, str, object, int]], coordinator: User
) -> None:
    demand = demand_for_user(coordinator, level=6, rows_by=RowsBy.BOTH)

    by_cell = Counter({(code, gmina, quarter): count for code, gmina, quarter, count in answered})
    shown = {
        (row.occupation_code, row.gmina_name, quarter): count
        for row in demand.rows
        for quarter, count in row.cells.items()
    }
    assert shown == dict(by_cell)
    assert demand.quarters == [Q1(), Q2()]
    assert demand.column_totals == [3 + 1 + 5, 2 + 4 + 1]
    assert demand.total == 3 + 2 + 1 + 4 + 5 + 1 == 16
    assert {
        row.occupation_code or row.occupation_text: row.total
        for row in demand.rows
        if row.gmina_name == "Zalesie"
    } == {
        "751204": 5,
        "751201": 1,
        "Pomocnik": 4,
    }


def test_a_unit_group_sums_the_occupations_under_it(
    answered: list[tuple[str, str, object, int]], coordinator: User
) -> None:
    demand = demand_for_user(coordinator, level=4, rows_by=RowsBy.OCCUPATION)

    totals = {row.occupation_code or row.occupation_text: row.total for row in demand.rows}
    assert totals == {"7512": 3 + 2 + 1 + 1, "5223": 5, "Pomocnik": 4}
    assert (
        next(row for row in demand.rows if row.occupation_code == "7512").occupation_name
        == "Piekarze, cukiernicy"
    )
    assert next(row for row in demand.rows if row.occupation_text == "Pomocnik").uncoded
    two_digits = demand_for_user(coordinator, level=2, rows_by=RowsBy.OCCUPATION)
    assert {row.occupation_code: row.total for row in two_digits.rows if row.occupation_code} == {
        "75": 7,
        "52": 5,
    }


def test_the_demand_by_gmina_sums_every_occupation_there(
    answered: list[tuple[str, str, object, int]], coordinator: User
) -> None:
    demand = demand_for_user(coordinator, rows_by=RowsBy.GMINA)

    assert {row.gmina_name: row.by_quarter(demand.quarters) for row in demand.rows} == {
        "Zalesie": [3 + 1, 2 + 4],
        "Brzozowo": [5, 1],
    }


def test_the_demand_takes_a_constant_number_of_queries(
    answered: list[tuple[str, str, object, int]],
    coordinator: User,
    sent_survey: SurveyRound,
    bakery: Employer,
    baker: Occupation,
) -> None:
    client = client_for(coordinator)
    url = reverse("employers:surveys:demand") + "?level=4"
    client.get(url)  # the session and the policy's caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    services.survey_answer_save(
        actor=coordinator,
        survey=sent_survey,
        employer=bakery,
        data=services.AnswerData(
            lines=[
                services.LineData(occupation=baker, count=n, quarter=Q1(), training=f"Kurs {n}")
                for n in range(1, 30)
            ]
        ),
        channel=AnswerChannel.PHONE,
    )
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_page_and_its_export_show_the_same_totals(
    answered: list[tuple[str, str, object, int]], coordinator: User, sent_survey: SurveyRound
) -> None:
    client = client_for(coordinator)
    query = f"?survey={sent_survey.pk}&level=6&rows=occupation_gmina"

    page = client.get(reverse("employers:surveys:demand") + query)
    exported = client.get(reverse("employers:surveys:demand_export", args=["csv"]) + query)

    assert page.context["table"].total == 16
    assert "Dekoracja tortów" in page.content.decode()
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[-1][-3:] == ["9", "7", "16"]
    xlsx = client.get(reverse("employers:surveys:demand_export", args=["xlsx"]) + query)
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_another_organisations_coordinator_sees_nothing_of_our_answers(
    answered: list[tuple[str, str, object, int]], other_coordinator: User, sent_survey: SurveyRound
) -> None:
    client = client_for(other_coordinator)

    page = client.get(reverse("employers:surveys:demand") + f"?survey={sent_survey.pk}")
    exported = client.get(
        reverse("employers:surveys:demand_export", args=["csv"]) + f"?survey={sent_survey.pk}"
    )

    assert page.status_code == 200
    assert page.context["demand"].total == 0
    content = page.content.decode()
    assert "Piekarz" not in content
    assert "Dekoracja tortów" not in content
    assert "Zalesie" not in content
    assert "751204" not in exported.content.decode()
