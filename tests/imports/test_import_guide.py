"""The import guide is a page of the application, with template files the import itself reads."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import User
from reintegra.programmes.imports import guide, parsing
from reintegra.programmes.models import Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_guide_page_lists_every_column_the_parser_accepts(coordinator: User) -> None:
    response = client_for(coordinator).get(reverse("imports:help"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert [column.name for column in response.context["columns"]] == list(parsing.COLUMNS)
    for name in parsing.COLUMNS:
        assert f"<code>{name}</code>" in response.text
    assert "dowod_osobisty / dowod (id_card)" in response.text
    assert reverse("imports:template", args=["xlsx"]) in response.text


def test_the_guide_speaks_polish_by_default(coordinator: User) -> None:
    response = client_for(coordinator).get(reverse("imports:help"), HTTP_ACCEPT_LANGUAGE="pl")

    assert "Kolumny" in response.text
    assert "data urodzenia" in response.text


def test_the_upload_form_links_to_the_guide(programme: Programme, coordinator: User) -> None:
    url = reverse("imports:participants_upload", args=[programme.pk])

    response = client_for(coordinator).get(url)

    assert reverse("imports:help") in response.text
    assert reverse("imports:template", args=["csv"]) in response.text


def test_the_csv_template_has_exactly_the_columns_the_parser_accepts(coordinator: User) -> None:
    response = client_for(coordinator).get(reverse("imports:template", args=["csv"]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="uczestnicy-wzor.csv"'
    table = parsing.read_table(response.content)
    names, problems = parsing.check_header(table.header)
    assert names == list(parsing.COLUMNS)
    assert problems == []


def test_the_xlsx_template_has_exactly_the_columns_the_parser_accepts(coordinator: User) -> None:
    response = client_for(coordinator).get(reverse("imports:template", args=["xlsx"]))

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(parsing.COLUMNS)
    assert sheet.max_row == 1


def test_every_column_has_its_meaning_in_the_guide() -> None:
    assert set(guide.MEANINGS) == set(parsing.COLUMNS)


def test_an_unknown_template_format_is_not_found(coordinator: User) -> None:
    assert client_for(coordinator).get(reverse("imports:template", args=["ods"])).status_code == 404


def test_a_caseworker_may_not_open_the_guide(caseworker: User) -> None:
    assert client_for(caseworker).get(reverse("imports:help")).status_code == 403
