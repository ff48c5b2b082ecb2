"""The report page: a programme, the organisation or a partnership for a period, its tables, its
files; bad input named on its field; another organisation's programme is not found."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from reintegra.accounts.context_processors import NavGroup
from reintegra.accounts.models import Organisation, Role, User
from reintegra.outcomes.reports import definitions
from reintegra.outcomes.tables import Period
from reintegra.partnership import services as partnership_services
from reintegra.partnership.models import MemberRole
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

PAGE = reverse("outcomes:reports:report")


def export_url(fmt: str) -> str:
    return reverse("outcomes:reports:report_export", args=[fmt])


def query(programme: Programme, **overrides: Any) -> dict[str, Any]:
    return {"scope": f"programme:{programme.pk}", "start": "2026-01-01", "end": "2026-06-30", **overrides}


@pytest.fixture
def as_coordinator(coordinator: User) -> Client:
    return client_for(coordinator)


@pytest.fixture
def outsider_coordinator(other_organisation: Organisation) -> User:
    return member(other_organisation, Role.COORDINATOR, username="obcy.koordynator")


def test_without_a_query_the_page_offers_the_form_and_counts_nothing(
    as_coordinator: Client, programme: Programme, counted_section: list[Any]
) -> None:
    response = as_coordinator.get(PAGE)

    assert response.status_code == 200
    assert "report" not in response.context
    assert counted_section == []
    assert response.context["form"]["start"].value() == date.today().replace(month=1, day=1)


def test_a_coordinator_sees_her_programmes_report_by_gender_in_a_responsive_table(
    as_coordinator: Client, programme: Programme, counted_section: list[Any]
) -> None:
    response = as_coordinator.get(PAGE, query(programme))
    html = response.content.decode()

    assert response.status_code == 200
    assert counted_section == [([programme.pk], Period(date(2026, 1, 1), date(2026, 6, 30)))]
    assert '<div class="table-responsive' in html
    assert "Kobiety" in html
    assert "Osoby niebinarne" in html
    assert "Ogółem" in html
    assert "Liczba uczestników" in html
    assert "Wszyscy" in html


def test_a_report_with_hidden_cells_says_so(
    as_coordinator: Client, programme: Programme, counted_section: list[Any]
) -> None:
    response = as_coordinator.get(PAGE, query(programme))

    assert response.context["report"].suppressed
    assert 'data-testid="suppressed-note"' in response.content.decode()


def test_a_programme_with_nobody_yet_shows_no_hidden_cell_note(
    as_coordinator: Client, programme: Programme
) -> None:
    # Every section is the real one: the evaluation's means over nobody are empty, not hidden.
    response = as_coordinator.get(PAGE, query(programme))

    assert response.context["report"].suppressed is False
    assert 'data-testid="suppressed-note"' not in response.content.decode()


def test_the_export_links_carry_the_same_query(
    as_coordinator: Client, programme: Programme, counted_section: list[Any]
) -> None:
    response = as_coordinator.get(PAGE, query(programme))
    html = response.content.decode()

    for fmt in ("csv", "xlsx", "json"):
        assert f'href="{export_url(fmt)}?{response.context["query"]}"'.replace("&", "&amp;") in html
    assert "programme%3A" in response.context["query"]


def test_the_files_carry_the_pages_numbers(
    as_coordinator: Client, programme: Programme, counted_section: list[Any]
) -> None:
    as_json = as_coordinator.get(export_url("json"), query(programme))
    as_xlsx = as_coordinator.get(export_url("xlsx"), query(programme))
    as_csv = as_coordinator.get(export_url("csv"), query(programme))

    document = json.loads(as_json.content)
    sheet = load_workbook(io.BytesIO(as_xlsx.content))["Uczestnicy według płci"]
    people = next(table for table in document["tables"] if table["key"] == "people")
    assert document["scope"]["kind"] == "programme"
    assert people["rows"][0]["cells"] == {"women": 12, "men": 9, "non_binary": 0, "total": 21}
    assert [cell.value for cell in sheet[2]][2:6] == [12, 9, 0, 21]
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "attachment" in as_xlsx["Content-Disposition"]


def test_an_unknown_file_format_is_not_found(as_coordinator: Client, programme: Programme) -> None:
    assert as_coordinator.get(export_url("pdf"), query(programme)).status_code == 404


def test_the_whole_organisation_counts_every_programme_of_it(
    as_coordinator: Client,
    organisation: Organisation,
    programme: Programme,
    foreign_programme: Programme,
    counted_section: list[Any],
) -> None:
    response = as_coordinator.get(PAGE, query(programme, scope=f"organisation:{organisation.pk}"))

    assert response.status_code == 200
    assert counted_section[0][0] == [programme.pk]


def test_a_partnership_counts_the_programmes_of_all_its_members(
    coordinator: User,
    organisation: Organisation,
    programme: Programme,
    foreign_programme: Programme,
    counted_section: list[Any],
) -> None:
    partnership = partnership_services.partnership_create(
        actor=None, organisation=organisation, name="Partnerstwo Lokalne", area_description=""
    )
    partnership_services.partnership_member_add(
        actor=None,
        partnership=partnership,
        organisation=foreign_programme.organisation,
        role=MemberRole.PARTNER,
    )

    response = client_for(coordinator).get(PAGE, query(programme, scope=f"partnership:{partnership.pk}"))

    assert response.status_code == 200
    assert sorted(counted_section[0][0]) == sorted([programme.pk, foreign_programme.pk])


# Bad input ------------------------------------------------------------------------------------


def test_an_end_before_the_start_is_refused_on_the_end(
    as_coordinator: Client, programme: Programme, in_english: None
) -> None:
    response = as_coordinator.get(PAGE, query(programme, start="2026-06-30", end="2026-01-01"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "end": ["The end of the period (1.1.2026) is before its start (30.6.2026)."]
    }
    assert 'data-testid="error-summary"' in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("0202-01-01", "2026-06-30", "start"),
        ("2026-01-01", "20266-06-30", "end"),
        ("2026-01-01", "2999-12-31", "end"),
        ("", "2026-06-30", "start"),
        ("wczoraj", "2026-06-30", "start"),
    ],
)
def test_an_absurd_date_is_named_on_its_field(
    as_coordinator: Client, programme: Programme, start: str, end: str, field: str
) -> None:
    for url in (PAGE, export_url("xlsx")):
        response = as_coordinator.get(url, query(programme, start=start, end=end))

        assert response.status_code == 400
        assert list(response.context["form"].errors) == [field]


@pytest.mark.parametrize("scope", ["programme:999999", "programme:x", "kraj:1", "programme:" + "9" * 25])
def test_an_unknown_scope_is_refused_on_its_field_as_not_found(
    as_coordinator: Client, programme: Programme, scope: str
) -> None:
    response = as_coordinator.get(PAGE, query(programme, scope=scope))

    assert response.status_code == 404
    assert list(response.context["form"].errors) == ["scope"]


# Who may count what ---------------------------------------------------------------------------


def test_another_organisations_coordinator_gets_404_on_the_page_and_the_files(
    outsider_coordinator: User, programme: Programme, counted_section: list[Any]
) -> None:
    client = client_for(outsider_coordinator)

    answers = [
        client.get(url, query(programme)).status_code
        for url in (PAGE, *map(export_url, ("csv", "xlsx", "json")))
    ]

    assert answers == [404, 404, 404, 404]
    assert counted_section == []


def test_another_organisations_programmes_are_not_offered(
    coordinator: User, programme: Programme, foreign_programme: Programme
) -> None:
    response = client_for(coordinator).get(PAGE)

    offered = str(response.context["form"]["scope"])
    assert "Aktywni razem" in offered
    assert "Inna droga" not in offered
    assert "Fundacja Inna Droga" not in offered


def test_an_employer_contact_and_a_participant_may_not_open_reports(
    employer_contact: User, participant: User, programme: Programme
) -> None:
    assert client_for(employer_contact).get(PAGE).status_code == 403
    assert client_for(participant).get(export_url("csv"), query(programme)).status_code == 403


def test_the_reports_are_in_the_outcomes_group_of_the_navigation(as_coordinator: Client) -> None:
    items = as_coordinator.get(reverse("home")).context["nav_items"]

    entries = [item for item in items if isinstance(item, NavGroup) and item.key == "outcomes"]
    links = entries[0].links if entries else [item for item in items if getattr(item, "url", "") == PAGE]
    assert PAGE in [link.url for link in links]


def test_a_case_worker_of_the_organisation_may_read_the_report(
    caseworker: User, programme: Programme, counted_section: list[Any]
) -> None:
    assert client_for(caseworker).get(PAGE, query(programme)).status_code == 200


def test_an_organisation_without_programmes_gets_an_empty_report(counted_section: list[Any]) -> None:
    lonely = OrganisationFactory(name="Stowarzyszenie Samo")
    client = client_for(member(lonely, Role.COORDINATOR))

    response = client.get(
        PAGE, {"scope": f"organisation:{lonely.pk}", "start": "2026-01-01", "end": "2026-01-31"}
    )

    assert response.status_code == 200
    assert counted_section[0][0] == []


EVERY_CODE = {f"EECO{n:02}" for n in range(1, 18)} | {f"EECR{n:02}" for n in range(1, 7)}


def test_the_definitions_page_states_every_indicator_as_the_docs_do(
    as_coordinator: Client, in_english: None
) -> None:
    response = as_coordinator.get(reverse("outcomes:reports:definitions"))
    shown = {definition.code: definition for definition in response.context["definitions"]}

    assert response.status_code == 200
    assert set(shown) >= EVERY_CODE
    assert shown["EECO01"].name_pl == "Całkowita liczba osób objętych wsparciem w programie"
    assert shown["EECO09"].text == "Highest completed ISCED level at entry 0, 1 or 2."
    page = response.content.decode()
    assert 'id="EECO09"' in page
    assert '<span lang="en">Highest completed ISCED level at entry 0, 1 or 2.</span>' in page
    assert "docs/indicators.md" in page


def test_a_polish_reader_gets_the_definitions_in_polish_without_the_english_text(
    as_coordinator: Client,
) -> None:
    response = as_coordinator.get(reverse("outcomes:reports:definitions"), HTTP_ACCEPT_LANGUAGE="pl")
    shown = {definition.code: definition for definition in response.context["definitions"]}
    page = response.content.decode()

    assert response.status_code == 200
    assert set(shown) >= EVERY_CODE
    assert shown["EECO01"].text == "Każdy liczony uczestnik."
    assert shown["EECO09"].text == "Najwyższy ukończony poziom ISCED w chwili przystąpienia 0, 1 lub 2."
    assert '<span lang="pl">Każdy liczony uczestnik.</span>' in page
    assert "Every counted participant" not in page
    assert "Highest completed ISCED level" not in page
    assert 'id="EECO01"' in page
    assert "docs/indicators.pl.md" in page
    in_english = definitions.definitions("en")
    assert [d.code for d in response.context["definitions"]] == [d.code for d in in_english]
    assert [d.name_pl for d in response.context["definitions"]] == [d.name_pl for d in in_english]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_an_indicators_code_in_the_report_links_to_its_definition_in_either_language(
    coordinator: User, programme: Programme, language: str
) -> None:
    with translation.override(language):
        response = client_for(coordinator).get(PAGE, query(programme), HTTP_ACCEPT_LANGUAGE=language)
        definitions_page = client_for(coordinator).get(
            reverse("outcomes:reports:definitions"), HTTP_ACCEPT_LANGUAGE=language
        )

    assert f'href="{reverse("outcomes:reports:definitions")}#EECO01"' in response.content.decode()
    assert 'id="EECO01"' in definitions_page.content.decode()


def test_another_organisations_coordinator_may_read_the_definitions_which_name_no_one(
    outsider_coordinator: User,
) -> None:
    assert client_for(outsider_coordinator).get(reverse("outcomes:reports:definitions")).status_code == 200
