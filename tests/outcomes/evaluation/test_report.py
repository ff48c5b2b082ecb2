"""The before/after report of a programme: three people who left in the first quarter of 2026,
with answers chosen so the means can be worked out by hand; a person who left outside the period
and one without an entry survey show what is left out."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, Role, User
from reintegra.outcomes import sections
from reintegra.outcomes.evaluation.report import evaluation_tables
from reintegra.outcomes.models import EvaluationMoment
from reintegra.outcomes.tables import CellRef, Period, Relation, Table
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory, member
from tests.outcomes.evaluation.conftest import enrol, ratings, survey

pytestmark = pytest.mark.django_db
ENTRY, EXIT = EvaluationMoment.ENTRY, EvaluationMoment.EXIT
Q1 = Period(date(2026, 1, 1), date(2026, 3, 31))
QUERY = {"programme": "", "start": "2026-01-01", "end": "2026-03-31"}


@pytest.fixture
def surveyed(programme: Programme, caseworker: User) -> Programme:
    """Communication 2→4, 3→3, 1→4; self-confidence 1→2, 4→3, 2→2; every other skill 3→3.
    Overall rating at exit 5, 4, 5 (and 3 from Ewa, who has no entry survey); recommend: yes,
    rather yes, no answer (and yes from Ewa)."""
    people = [
        ({"komunikacja": 2, "pewnosc_siebie": 1}, {"komunikacja": 4, "pewnosc_siebie": 2}, 5, "tak"),
        ({"komunikacja": 3, "pewnosc_siebie": 4}, {"komunikacja": 3, "pewnosc_siebie": 3}, 4, "raczej_tak"),
        ({"komunikacja": 1, "pewnosc_siebie": 2}, {"komunikacja": 4, "pewnosc_siebie": 2}, 5, None),
    ]
    for number, (entry, exit_, overall, recommend) in enumerate(people):
        enrolment = enrol(programme, left_on=date(2026, 2, 10 + number))
        survey(caseworker, enrolment, ENTRY, ratings(**entry), date(2025, 9, 20))
        satisfaction = {"ocena_ogolna": overall, **({"polecenie": recommend} if recommend else {})}
        survey(caseworker, enrolment, EXIT, {**ratings(**exit_), **satisfaction}, date(2026, 2, 10))
    ewa = enrol(programme, left_on=date(2026, 3, 31), first_name="Ewa")
    survey(caseworker, ewa, EXIT, {**ratings(), "ocena_ogolna": 3, "polecenie": "tak"}, date(2026, 3, 31))
    later = enrol(programme, left_on=date(2026, 4, 1))  # outside the period
    survey(caseworker, later, ENTRY, ratings(komunikacja=1), date(2025, 9, 20))
    survey(caseworker, later, EXIT, {**ratings(komunikacja=5), "ocena_ogolna": 1}, date(2026, 4, 1))
    staying = enrol(programme)  # still in the programme: only the entry survey
    survey(caseworker, staying, ENTRY, ratings(), date(2025, 9, 20))
    return programme


def _table(tables: list[Table], key: str) -> Table:
    return next(table for table in tables if table.key == key)


def test_the_skills_before_and_after_are_the_means_worked_out_by_hand(surveyed: Programme) -> None:
    tables, _relations = evaluation_tables([surveyed], Q1)
    skills = _table(tables, "evaluation_skills")

    # Communication: at entry (2+3+1)/3 = 2.00, at exit (4+3+4)/3 = 3.67, change 5/3 = 1.67.
    assert skills.row("komunikacja").cells == {
        "people": 3,
        "mean_entry": 2.0,
        "mean_exit": 3.67,
        "mean_change": 1.67,
        "improved": 2,
        "same": 1,
        "worsened": 0,
    }
    # Self-confidence: (1+4+2)/3 = 2.33 at entry and (2+3+2)/3 = 2.33 at exit; one each way.
    assert skills.row("pewnosc_siebie").cells == {
        "people": 3,
        "mean_entry": 2.33,
        "mean_exit": 2.33,
        "mean_change": 0.0,
        "improved": 1,
        "same": 1,
        "worsened": 1,
    }
    assert skills.row("szukanie_pracy").cells["mean_change"] == 0.0
    assert [row.code for row in skills.rows] == [
        "komunikacja",
        "praca_w_zespole",
        "pewnosc_siebie",
        "organizacja_czasu",
        "szukanie_pracy",
        "radzenie_sobie",
    ]
    assert skills.row("komunikacja").name == "Komunikacja"


def test_the_satisfaction_counts_every_exit_survey_of_the_period(surveyed: Programme) -> None:
    tables, _relations = evaluation_tables([surveyed], Q1)

    overall = _table(tables, "evaluation_satisfaction_ocena_ogolna")
    recommend = _table(tables, "evaluation_satisfaction_polecenie")

    assert {row.code: row.cells["people"] for row in overall.rows} == {
        "1": 0,
        "2": 0,
        "3": 1,
        "4": 1,
        "5": 2,
        "answered": 4,
    }
    assert {row.code: row.cells["people"] for row in recommend.rows} == {
        "tak": 2,
        "raczej_tak": 1,
        "raczej_nie": 0,
        "nie": 0,
        "answered": 3,
    }
    assert not any(table.key.endswith("uwagi") for table in tables)  # free text is not counted


def test_each_mean_names_the_count_it_is_over_and_the_counts_add_up(surveyed: Programme) -> None:
    tables, relations = evaluation_tables([surveyed], Q1)
    row = _table(tables, "evaluation_skills").row("komunikacja")

    assert row.over == {"mean_entry": "people", "mean_exit": "people", "mean_change": "people"}
    people = CellRef("evaluation_skills", "komunikacja", "people")
    assert (
        Relation(
            people,
            tuple(CellRef("evaluation_skills", "komunikacja", c) for c in ("improved", "same", "worsened")),
        )
        in relations
    )
    answered = next(r for r in relations if r.total.table == "evaluation_satisfaction_polecenie")
    assert [part.row for part in answered.parts] == ["tak", "raczej_tak", "raczej_nie", "nie"]


def test_the_report_is_a_registered_section(surveyed: Programme) -> None:
    tables, _relations = sections.section_tables([surveyed], Q1)

    assert _table(tables, "evaluation_skills").row("komunikacja").cells["people"] == 3


def test_a_period_without_anyone_leaving_gives_empty_means(surveyed: Programme) -> None:
    tables, _relations = evaluation_tables([surveyed], Period(date(2025, 1, 1), date(2025, 12, 31)))

    assert _table(tables, "evaluation_skills").row("komunikacja").cells["mean_entry"] is None


# --- The page -----------------------------------------------------------------------------------


def test_a_coordinator_sees_the_report_of_her_programme(coordinator: User, surveyed: Programme) -> None:
    page = client_for(coordinator).get(
        reverse("outcomes:evaluation:report"), {**QUERY, "programme": surveyed.pk}
    )

    assert page.status_code == 200
    text = page.content.decode()
    assert "Komunikacja" in text
    assert "3,67" in text  # the mean at exit, in Polish
    assert "table-responsive" in text


def test_the_report_exports_to_csv_and_to_xlsx_with_the_same_numbers(
    coordinator: User, surveyed: Programme
) -> None:
    client = client_for(coordinator)
    query = {**QUERY, "programme": surveyed.pk}

    csv = client.get(reverse("outcomes:evaluation:report_export", args=["csv"]), query)
    xlsx = client.get(reverse("outcomes:evaluation:report_export", args=["xlsx"]), query)

    assert csv.status_code == 200
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert '"Komunikacja";"3";"2,00";"3,67";"1,67";"2";"1";"0"' in lines
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Komunikacja", "3", "2,00", "3,67", "1,67", "2", "1", "0"] in rows


def test_a_period_ending_before_it_starts_is_refused_naming_the_end(
    coordinator: User, programme: Programme
) -> None:
    query = {"programme": programme.pk, "start": "2026-03-31", "end": "2026-01-01"}

    page = client_for(coordinator).get(reverse("outcomes:evaluation:report"), query)

    assert page.status_code == 400
    assert page.context["form"].errors["end"] == [
        "Koniec okresu nie może być wcześniejszy niż jego początek."
    ]


def test_another_organisations_coordinator_cannot_see_our_report(
    other_organisation: Organisation, surveyed: Programme
) -> None:
    their_coordinator = member(other_organisation, Role.COORDINATOR, username="obca.koordynatorka")
    client = client_for(their_coordinator)
    query = {**QUERY, "programme": surveyed.pk}

    assert client.get(reverse("outcomes:evaluation:report"), query).status_code == 404
    assert client.get(reverse("outcomes:evaluation:report_export", args=["csv"]), query).status_code == 404
    assert (
        surveyed
        not in client.get(reverse("outcomes:evaluation:report")).context["form"].fields["programme"].queryset
    )


def test_a_report_counts_only_the_programme_asked_for(
    coordinator: User, caseworker: User, surveyed: Programme, organisation: Organisation
) -> None:
    other: Programme = ProgrammeFactory(organisation=organisation)
    elsewhere = enrol(other, left_on=date(2026, 2, 1))
    survey(caseworker, elsewhere, ENTRY, ratings(komunikacja=5), date(2025, 9, 20))
    survey(caseworker, elsewhere, EXIT, ratings(komunikacja=1), date(2026, 2, 1))

    tables, _relations = evaluation_tables([surveyed], Q1)

    assert _table(tables, "evaluation_skills").row("komunikacja").cells["people"] == 3
