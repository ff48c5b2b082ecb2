"""A programme's and an organisation's dashboard: the numbers of the hand-built programme in
conftest (worked out there), each chart with its table and export, only for the organisation's
staff, in a number of queries that does not grow with the people counted."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.context_processors import nav_links
from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities.models import Attendance
from reintegra.outcomes.dashboards import panels, selectors
from reintegra.outcomes.dashboards.selectors import Scope
from reintegra.outcomes.tables import Table
from tests.conftest import client_for
from tests.factories import member
from tests.outcomes.dashboards.conftest import TODAY, Zalesie, at, enrolment, exit_record, person, session

pytestmark = pytest.mark.django_db

S = selectors.EnrolmentStatus


def column(table: Table, key: str) -> dict[str, int | float | None]:
    return {row.code: row.cells[key] for row in table.rows}


def programme_page(zalesie: Zalesie) -> str:
    return reverse("outcomes:dashboards:programme", args=[zalesie.programme.pk])


def organisation_page(organisation: Organisation) -> str:
    return reverse("outcomes:dashboards:organisation", args=[organisation.pk])


# --- The numbers -------------------------------------------------------------------------


def test_the_funnel_counts_everyone_who_reached_each_stage(zalesie: Zalesie) -> None:
    table = selectors.funnel(Scope(zalesie.programme.organisation, zalesie.programme))

    assert column(table, "people") == {
        "applied": 11,
        "eligible": 8,
        "enrolled": 5,
        "left": 3,
        "employed_on_leaving": 2,
        "employed_later": 1,
    }


def test_the_organisations_funnel_counts_a_person_in_two_programmes_once(zalesie: Zalesie) -> None:
    table = selectors.funnel(Scope(zalesie.programme.organisation))

    assert list(column(table, "people").values()) == [12, 8, 5, 3, 2, 1]


def test_attendance_counts_present_marks_and_people_by_the_month_in_warsaw(zalesie: Zalesie) -> None:
    table = selectors.attendance_by_month(
        Scope(zalesie.programme.organisation, zalesie.programme), today=TODAY
    )

    assert [row.code for row in table.rows] == [f"2025-{m:02d}" for m in range(7, 13)] + [
        f"2026-{m:02d}" for m in range(1, 7)
    ]
    marks, people = column(table, "marks"), column(table, "people")
    assert (marks["2026-05"], people["2026-05"]) == (2, 2)
    assert (marks["2026-06"], people["2026-06"]) == (3, 2)
    assert sum(v or 0 for v in marks.values()) == 5  # June 2025 is outside, the absence is no mark
    assert table.rows[-1].name == "Czerwiec 2026"


def test_the_organisations_attendance_adds_its_other_programmes(zalesie: Zalesie) -> None:
    table = selectors.attendance_by_month(Scope(zalesie.programme.organisation), today=TODAY)

    assert (column(table, "marks")["2026-06"], column(table, "people")["2026-06"]) == (4, 3)


def recount(scope: Scope) -> dict[str, tuple[int, int]]:
    """Straight from the marks, in Python: present marks and distinct people per Warsaw month of
    the session's start, for the scope's programmes over the chart's twelve months."""
    months = {month.strftime("%Y-%m") for month in selectors.months_back(TODAY)}
    marks: dict[str, int] = defaultdict(int)
    people: dict[str, set[int]] = defaultdict(set)
    for mark in Attendance.objects.filter(present=True).select_related("session__programme"):
        month = timezone.localtime(mark.session.starts_at).strftime("%Y-%m")
        programme = mark.session.programme
        ours = programme.organisation == scope.organisation and scope.programme in (None, programme)
        if ours and month in months:
            marks[month] += 1
            people[month].add(mark.participant_id)
    return {month: (marks[month], len(people[month])) for month in sorted(months)}


@pytest.mark.parametrize("whole_organisation", [False, True])
def test_the_attendance_chart_equals_a_plain_recount_of_the_marks(
    zalesie: Zalesie, theirs: object, whole_organisation: bool
) -> None:
    organisation = zalesie.programme.organisation
    scope = Scope(organisation) if whole_organisation else Scope(organisation, zalesie.programme)

    table = selectors.attendance_by_month(scope, today=TODAY)

    charted = {row.code: (row.cells["marks"], row.cells["people"]) for row in table.rows}
    assert charted == recount(scope)
    assert sum(marks or 0 for marks, _people in charted.values()) == (6 if whole_organisation else 5)


def test_outcomes_are_counted_by_sex_at_entry_on_leaving_and_six_months_later(zalesie: Zalesie) -> None:
    table = selectors.outcomes_by_gender(Scope(zalesie.programme.organisation, zalesie.programme))

    cells = {row.code: row.cells for row in table.rows}
    # G was a woman at entry, though her record now says man.
    assert cells["exits"] == {"women": 1, "men": 1, "non_binary": 1, "total": 3}
    assert cells["exit_employed"] == {"women": 1, "men": 0, "non_binary": 1, "total": 2}
    assert cells["exit_education"] == {"women": 0, "men": 1, "non_binary": 0, "total": 1}
    assert cells["exit_qualification"] == {"women": 0, "men": 1, "non_binary": 0, "total": 1}
    assert cells["exit_job_seeking"] == {"women": 0, "men": 0, "non_binary": 0, "total": 0}
    # I's follow-up is still due: not counted.
    assert cells["later"] == {"women": 1, "men": 1, "non_binary": 0, "total": 2}
    assert cells["later_employed"] == {"women": 1, "men": 0, "non_binary": 0, "total": 1}
    assert cells["later_improved"] == {"women": 1, "men": 0, "non_binary": 0, "total": 1}


def test_the_caseload_counts_the_people_in_each_workers_care(zalesie: Zalesie) -> None:
    organisation = zalesie.programme.organisation

    of_programme = selectors.caseload_by_worker(Scope(organisation, zalesie.programme))
    of_organisation = selectors.caseload_by_worker(Scope(organisation))

    assert [(row.name, row.cells["people"]) for row in of_programme.rows] == [("Anna Adamska", 2)]
    assert [(row.name, row.cells["people"]) for row in of_organisation.rows] == [
        ("Anna Adamska", 2),
        ("Zofia Ząbek", 2),
    ]


def test_a_programme_with_nobody_yet_counts_zeros_and_charts_no_bar(organisation: Organisation) -> None:
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(organisation=organisation)
    tables = selectors.dashboard_tables(Scope(organisation, programme), today=TODAY)

    assert [sum(v or 0 for row in table.rows for v in row.cells.values()) for table in tables] == [0, 0, 0, 0]
    assert tables[3].rows == []


# --- The pages ---------------------------------------------------------------------------


def test_a_coordinator_sees_the_four_charts_each_with_its_table(zalesie: Zalesie, coordinator: User) -> None:
    page = client_for(coordinator).get(programme_page(zalesie)).content.decode()

    assert page.count('role="img"') == 4
    for key in ("funnel", "attendance", "outcomes", "caseload"):
        assert f'data-testid="chart-{key}"' in page
        assert f'data-testid="table-{key}"' in page
    funnel = re.search(r'data-testid="table-funnel".*?</table>', page, re.DOTALL)
    assert funnel is not None
    assert re.findall(r'<td class="text-end">(\d+)</td>', funnel.group(0)) == ["11", "8", "5", "3", "2", "1"]
    assert "Lejek programu" in page
    assert "Anna Adamska" in page


def test_a_case_worker_sees_the_whole_organisations_dashboard(
    zalesie: Zalesie, as_caseworker: Client
) -> None:
    response = as_caseworker.get(organisation_page(zalesie.programme.organisation))

    assert response.status_code == 200
    assert "Zofia Ząbek" in response.content.decode()


def test_the_list_offers_the_organisation_and_each_of_its_programmes(
    zalesie: Zalesie, coordinator: User, theirs: object
) -> None:
    page = client_for(coordinator).get(reverse("outcomes:dashboards:index")).content.decode()

    assert organisation_page(zalesie.programme.organisation) in page
    assert programme_page(zalesie) in page
    assert reverse("outcomes:dashboards:programme", args=[zalesie.other_programme.pk]) in page
    assert "Program obcy" not in page


def test_a_table_downloads_as_csv_with_the_numbers_of_the_page(zalesie: Zalesie, coordinator: User) -> None:
    address = reverse("outcomes:dashboards:programme_export", args=[zalesie.programme.pk, "funnel", "csv"])

    response = client_for(coordinator).get(address)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="p-zalesie-funnel.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Etap", "Osoby"]
    assert [row[1] for row in rows[1:]] == ["11", "8", "5", "3", "2", "1"]


def test_a_table_downloads_as_xlsx_that_opens_and_matches(zalesie: Zalesie, coordinator: User) -> None:
    organisation = zalesie.programme.organisation
    address = reverse("outcomes:dashboards:organisation_export", args=[organisation.pk, "outcomes", "xlsx"])

    response = client_for(coordinator).get(address)

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Rezultat", "Kobiety", "Mężczyźni", "Osoby niebinarne", "Ogółem"]
    assert values[1][1:] == ["1", "1", "1", "3"]


@pytest.mark.parametrize("tail", [["nothing", "csv"], ["funnel", "pdf"]])
def test_an_unknown_table_or_format_is_not_found(
    zalesie: Zalesie, coordinator: User, tail: list[str]
) -> None:
    address = reverse("outcomes:dashboards:programme_export", args=[zalesie.programme.pk, *tail])

    assert client_for(coordinator).get(address).status_code == 404


# --- Who may see them --------------------------------------------------------------------


def test_another_organisations_coordinator_cannot_see_our_dashboards(
    zalesie: Zalesie, other_organisation: Organisation
) -> None:
    client = client_for(member(other_organisation, Role.COORDINATOR, username="obcy.koordynator"))
    organisation = zalesie.programme.organisation

    for address in (
        programme_page(zalesie),
        organisation_page(organisation),
        reverse("outcomes:dashboards:programme_export", args=[zalesie.programme.pk, "funnel", "csv"]),
        reverse("outcomes:dashboards:organisation_export", args=[organisation.pk, "caseload", "xlsx"]),
    ):
        assert client.get(address).status_code == 404, address
    assert "Program P" not in client.get(reverse("outcomes:dashboards:index")).content.decode()


def test_a_missing_programme_is_the_same_404(coordinator: User) -> None:
    assert (
        client_for(coordinator).get(reverse("outcomes:dashboards:programme", args=[999_999])).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["participant", "employer_contact"])
def test_a_participant_or_an_employer_never_reaches_a_dashboard(
    zalesie: Zalesie, persona: str, request: pytest.FixtureRequest
) -> None:
    client = client_for(request.getfixturevalue(persona))

    assert client.get(reverse("outcomes:dashboards:index")).status_code == 403
    assert client.get(programme_page(zalesie)).status_code == 403


def test_the_outsiders_numbers_never_reach_our_organisations_dashboard(
    zalesie: Zalesie, theirs: object
) -> None:
    scope = Scope(zalesie.programme.organisation)

    assert column(selectors.funnel(scope), "people")["applied"] == 12
    assert column(selectors.attendance_by_month(scope, today=TODAY), "marks")["2026-06"] == 4
    assert [row.name for row in selectors.caseload_by_worker(scope).rows] == ["Anna Adamska", "Zofia Ząbek"]


def test_the_dashboards_are_in_the_outcomes_group_of_the_navigation(coordinator: User) -> None:
    items = client_for(coordinator).get(reverse("home")).context["nav_items"]

    assert reverse("outcomes:dashboards:index") in [link.url for link in nav_links(items)]


# --- Cost --------------------------------------------------------------------------------


def queries_of(client: Client, address: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_costs_the_same_queries_for_ten_times_the_people(
    zalesie: Zalesie, coordinator: User
) -> None:
    client = client_for(coordinator)
    programme, organisation = zalesie.programme, zalesie.programme.organisation
    before = (
        queries_of(client, programme_page(zalesie)),
        queries_of(client, organisation_page(organisation)),
    )

    people = [person(organisation=organisation, sex=sex) for sex in ["woman", "man"] * 50]
    for one in people:
        exit_record(enrolment(programme, one, S.LEFT, enrolled=True), employed=True)
    session(programme, zalesie.worker, at(date(2026, 3, 2), 10), people)

    after = (queries_of(client, programme_page(zalesie)), queries_of(client, organisation_page(organisation)))
    assert after == before
    assert before[0] <= 12


def test_the_attendance_chart_names_short_months_and_the_year_where_it_starts_or_turns(
    zalesie: Zalesie,
) -> None:
    table = selectors.attendance_by_month(
        Scope(zalesie.programme.organisation, zalesie.programme), today=TODAY
    )

    chart = panels.panel(table).chart

    labels = re.findall(r'<g class="chart-label">(.*?)</g>', chart)
    assert [" ".join(re.findall(r">([^<]+)</text>", label)) for label in labels] == [
        "lip 2025", "sie", "wrz", "paź", "lis", "gru", "sty 2026", "lut", "mar", "kwi", "maj", "cze",
    ]  # fmt: skip
