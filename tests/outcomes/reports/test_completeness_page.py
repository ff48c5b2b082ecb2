"""The data-completeness page: who cannot be counted yet and what is missing, each linked to the
person; its CSV and XLSX; the count on the report page; another organisation's programme is not
found."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, Role, User
from reintegra.programmes.models import Enrolment, Programme
from tests.conftest import client_for
from tests.factories import member
from tests.outcomes.indicator_people import enrol
from tests.reads import read, reads_of

pytestmark = pytest.mark.django_db

PAGE = reverse("outcomes:reports:completeness")


def export_url(fmt: str) -> str:
    return reverse("outcomes:reports:completeness_export", args=[fmt])


@pytest.fixture
def incomplete(programme: Programme, coordinator: User) -> Enrolment:
    """Two people: one complete, one without her education and residence at entry."""
    enrol(programme, coordinator, on=date(2026, 2, 2))
    return enrol(programme, coordinator, on=date(2026, 2, 3), education=None, degurba=None)


def test_the_check_lists_who_cannot_be_counted_what_is_missing_and_links_to_her(
    coordinator: User, programme: Programme, incomplete: Enrolment, in_english: None
) -> None:
    response = client_for(coordinator).get(PAGE, {"scope": f"programme:{programme.pk}"})
    html = response.content.decode()

    assert response.status_code == 200
    assert [item.enrolment_id for item in response.context["listed"]] == [incomplete.pk]
    person = incomplete.participant
    assert f'href="{reverse("people:participant_detail", args=[person.pk])}"' in html
    assert "education (ISCED), place of residence (gmina or DEGURBA)" in html
    assert '<div class="table-responsive"' in html
    assert reads_of(coordinator) == read(person)


def test_the_files_list_the_same_people(
    coordinator: User, programme: Programme, incomplete: Enrolment, in_english: None
) -> None:
    client = client_for(coordinator)
    query = {"scope": f"programme:{programme.pk}"}

    as_csv = client.get(export_url("csv"), query)
    as_xlsx = client.get(export_url("xlsx"), query)

    lines = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig")), delimiter=";"))
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    name = f"{incomplete.participant.first_name} {incomplete.participant.last_name}"
    assert lines[0] == ["Participant", "Programme", "Entered on", "Counted", "What is missing"]
    assert lines[1][:2] == [name, programme.name]
    assert lines[1][3:] == ["not at all", "education (ISCED), place of residence (gmina or DEGURBA)"]
    assert [cell.value for cell in sheet[2]][:2] == [name, programme.name]
    assert export_url("csv") + "?scope=programme%3A" in client.get(PAGE, query).content.decode()


def test_the_report_page_says_how_many_cannot_be_counted_and_links_to_the_check(
    coordinator: User, programme: Programme, incomplete: Enrolment
) -> None:
    query = {"scope": f"programme:{programme.pk}", "start": "2026-01-01", "end": "2026-12-31"}

    response = client_for(coordinator).get(reverse("outcomes:reports:report"), query)

    assert response.context["incomplete"] == 1
    assert f'href="{PAGE}?scope=programme%3A{programme.pk}"' in response.content.decode()
    assert reads_of(coordinator) == read()  # a count names no one


def test_the_whole_organisation_can_be_checked_but_not_a_partnership(
    coordinator: User, organisation: Organisation, programme: Programme, incomplete: Enrolment
) -> None:
    client = client_for(coordinator)

    whole = client.get(PAGE, {"scope": f"organisation:{organisation.pk}"})
    offered = str(whole.context["form"]["scope"])

    assert [item.enrolment_id for item in whole.context["listed"]] == [incomplete.pk]
    assert "partnership:" not in offered
    assert client.get(PAGE, {"scope": "partnership:1"}).status_code == 404


def test_another_organisations_coordinator_gets_404_on_the_check_and_its_files(
    other_organisation: Organisation, programme: Programme, incomplete: Enrolment
) -> None:
    outsider = member(other_organisation, Role.COORDINATOR, username="obcy.koordynator")
    client = client_for(outsider)
    query = {"scope": f"programme:{programme.pk}"}

    answers = [client.get(url, query).status_code for url in (PAGE, export_url("csv"), export_url("xlsx"))]

    assert answers == [404, 404, 404]
    assert reads_of(outsider) == read()


def test_without_a_choice_the_page_offers_the_form_and_lists_no_one(
    as_caseworker: Client, programme: Programme, incomplete: Enrolment
) -> None:
    response = as_caseworker.get(PAGE)

    assert response.status_code == 200
    assert "listed" not in response.context


def test_an_employer_contact_may_not_check(employer_contact: User) -> None:
    assert client_for(employer_contact).get(PAGE).status_code == 403
    assert client_for(employer_contact).get(export_url("csv")).status_code == 403


def test_an_unknown_file_format_is_not_found(coordinator: User, programme: Programme) -> None:
    assert (
        client_for(coordinator).get(export_url("pdf"), {"scope": f"programme:{programme.pk}"}).status_code
        == 404
    )
