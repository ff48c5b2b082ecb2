"""A report as JSON, CSV and XLSX: one shape, the same numbers in every file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reintegra.accounts.models import User
from reintegra.outcomes.reports import export, scopes
from reintegra.outcomes.reports.services import OUTPUTS, RESULTS
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.outcomes.indicator_people import enrol, follow_up, leave
from tests.outcomes.reports.conftest import hand_made_report

pytestmark = pytest.mark.django_db


def workbook_numbers(data: bytes) -> dict[str, list[list[Any]]]:
    """Each sheet's rows under the header, as openpyxl reads them."""
    workbook = load_workbook(io.BytesIO(data))
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        for sheet in workbook
    }


def json_numbers(document: dict[str, Any]) -> dict[str, list[list[Any]]]:
    return {
        table["title"]: [
            [
                row["code"],
                row["name"],
                *[row["cells"][c["key"]] for c in table["columns"]],
                row["note"] or None,
            ]
            for row in table["rows"]
        ]
        for table in document["tables"]
    }


def test_the_json_says_the_scope_the_period_and_every_cell(programme_scope: scopes.Scope) -> None:
    document = json.loads(export.as_json(hand_made_report(), programme_scope))

    assert document["scope"] == {"kind": "programme", "id": programme_scope.id, "name": "Aktywni razem"}
    assert document["period"] == {"start": "2026-01-01", "end": "2026-06-30"}
    assert document["suppressed"] is False
    output = document["tables"][0]
    assert [column["key"] for column in output["columns"]] == ["women", "men", "non_binary", "total"]
    assert output["rows"][0] == {
        "code": "EECO01",
        "name": "Liczba uczestników",
        "note": "Wszyscy",
        "cells": {"women": 12, "men": 9, "non_binary": 0, "total": 21},
    }


def test_a_suppressed_cell_is_null_in_json_and_the_report_says_it_has_one(
    programme_scope: scopes.Scope,
) -> None:
    document = json.loads(export.as_json(hand_made_report(suppressed=True), programme_scope))

    assert document["suppressed"] is True
    assert document["tables"][0]["rows"][1]["cells"]["women"] is None


@pytest.mark.parametrize("suppressed", [False, True])
def test_the_xlsx_opens_with_openpyxl_and_every_number_equals_the_jsons(
    programme_scope: scopes.Scope, suppressed: bool
) -> None:
    report = hand_made_report(suppressed=suppressed)
    document = json.loads(export.as_json(report, programme_scope))

    sheets = workbook_numbers(export.as_xlsx(report))
    expected = json_numbers(document)

    assert list(sheets) == ["Wskaźniki produktu", "Spotkania według rodzaju"]
    for title, rows in expected.items():
        assert sheets[title][: len(rows)] == rows
    assert all(isinstance(row[2], int) for row in sheets["Wskaźniki produktu"][:1])


def test_a_sheet_with_a_suppressed_cell_ends_with_a_note_and_one_without_has_none(
    programme_scope: scopes.Scope, in_english: None
) -> None:
    sheets = workbook_numbers(export.as_xlsx(hand_made_report(suppressed=True)))

    assert sheets["Wskaźniki produktu"][-1][0].startswith("Empty cells are hidden")
    assert len(sheets["Spotkania według rodzaju"]) == 1


def test_the_csv_has_a_section_per_table_with_its_header(
    programme_scope: scopes.Scope, in_english: None
) -> None:
    text = export.as_csv(hand_made_report()).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))

    assert lines[0] == ["Wskaźniki produktu"]
    assert lines[1] == ["Code", "Name", "Kobiety", "Mężczyźni", "Osoby niebinarne", "Ogółem", "Note"]
    assert lines[2] == ["EECO01", "Liczba uczestników", "12", "9", "0", "21", "Wszyscy"]
    assert ["Spotkania według rodzaju"] in lines


def test_the_xlsx_of_a_real_programmes_report_matches_its_json_number_for_number(
    programme: Programme, coordinator: User
) -> None:
    """Acceptance: the XLSX export opens with openpyxl and matches the JSON numbers, on a report
    the indicator service built from people enrolled, leaving and followed up."""
    women = [enrol(programme, coordinator, on=date(2026, 2, day), age=25) for day in range(2, 8)]
    men = [
        enrol(programme, coordinator, on=date(2026, 3, day), sex="man", labour_status="unemployed")
        for day in (2, 3)
    ]
    enrol(programme, coordinator, on=date(2026, 3, 9), sex="non_binary", age=17, education=1)
    for person in women[:3]:
        leave(person, coordinator, on=date(2026, 4, 30), employed=True)
    leave(men[0], coordinator, on=date(2026, 4, 1), in_education=True)
    follow_up(men[0], employed=True)
    query = {"scope": f"programme:{programme.pk}", "start": "2026-01-01", "end": "2026-12-31"}
    client = client_for(coordinator)

    document = client.get(reverse("outcomes:reports:report_export", args=["json"]), query).json()
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("outcomes:reports:report_export", args=["xlsx"]), query).content)
    )

    keys = [table["key"] for table in document["tables"]]
    assert keys[:2] == [OUTPUTS, RESULTS]
    outputs = document["tables"][0]["rows"]
    assert next(row for row in outputs if row["code"] == "EECO01")["cells"] == {
        "women": 6,
        "men": 2,
        "non_binary": 1,
        "total": 9,
    }
    assert len(workbook.worksheets) == len(document["tables"])
    for sheet, table in zip(workbook.worksheets, document["tables"], strict=True):
        rows = [
            [cell.value for cell in row] for row in sheet.iter_rows(min_row=2, max_row=len(table["rows"]) + 1)
        ]
        width = len(table["columns"])
        assert [row[0] for row in rows] == [row["code"] for row in table["rows"]]
        assert [row[2 : 2 + width] for row in rows] == [
            [row["cells"][column["key"]] for column in table["columns"]] for row in table["rows"]
        ]
        assert all(
            isinstance(value, int) for row in rows for value in row[2 : 2 + width] if value is not None
        )
