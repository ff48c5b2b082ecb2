"""The participant list exports to CSV and XLSX: the filtered list of the user's organisations only."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, User
from reintegra.people.models import LabourStatus
from tests.conftest import client_for
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(organisation: Organisation, other_organisation: Organisation) -> None:
    ParticipantFactory(
        organisation=organisation, last_name="Żółkiewska", labour_status=LabourStatus.UNEMPLOYED
    )
    ParticipantFactory(organisation=organisation, last_name="Kowalska")
    ParticipantFactory(organisation=other_organisation, last_name="Obca")


def test_the_csv_export_holds_the_filtered_list_with_the_efs_columns(people: None, caseworker: User) -> None:
    response = client_for(caseworker).get(reverse("people:participant_export", args=["csv"]), {"q": "zolk"})

    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert len(lines) == 2
    assert "Żółkiewska" in lines[1]
    assert len(lines[0].split(";")) == len(lines[1].split(";")) == 17


def test_the_xlsx_export_holds_only_the_users_organisations(people: None, caseworker: User) -> None:
    response = client_for(caseworker).get(reverse("people:participant_export", args=["xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    last_names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert last_names == ["Kowalska", "Żółkiewska"]


def test_a_worker_of_another_organisation_exports_none_of_ours(people: None, outsider: User) -> None:
    response = client_for(outsider).get(reverse("people:participant_export", args=["csv"]))

    text = response.content.decode("utf-8-sig")
    assert "Obca" in text
    assert "Kowalska" not in text
    assert "Żółkiewska" not in text


def test_an_unknown_format_is_not_found(caseworker: User) -> None:
    assert client_for(caseworker).get(reverse("people:participant_export", args=["pdf"])).status_code == 404


def test_a_name_that_looks_like_a_formula_is_exported_as_text(
    caseworker: User, organisation: Organisation
) -> None:
    ParticipantFactory(organisation=organisation, last_name='=HYPERLINK("http://evil.example","x")')
    client = client_for(caseworker)

    text = client.get(reverse("people:participant_export", args=["csv"])).content.decode("utf-8-sig")
    sheet = load_workbook(
        io.BytesIO(client.get(reverse("people:participant_export", args=["xlsx"])).content)
    ).active

    assert '"\'=HYPERLINK(""http://evil.example"",""x"")"' in text
    assert sheet is not None
    assert sheet["A2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("http://evil.example","x")'
