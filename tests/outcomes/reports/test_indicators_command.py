"""``manage.py indicators``: the report of a programme or an organisation as a file; bad input is
a CommandError naming the option."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation
from reintegra.programmes.models import Programme

pytestmark = pytest.mark.django_db

PERIOD = ["--from", "2026-01-01", "--to", "2026-06-30"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_the_json_of_a_programme_goes_to_the_standard_output(
    programme: Programme, counted_section: list[Any]
) -> None:
    document = json.loads(run("--programme", "aktywni-razem", *PERIOD))

    assert document["scope"] == {"kind": "programme", "id": programme.pk, "name": "Aktywni razem"}
    assert document["period"] == {"start": "2026-01-01", "end": "2026-06-30"}
    assert counted_section[0][0] == [programme.pk]


def test_the_xlsx_written_to_a_file_holds_the_jsons_numbers(
    programme: Programme, counted_section: list[Any], tmp_path: Path
) -> None:
    target = tmp_path / "raport.xlsx"

    run("--programme", "aktywni-razem", *PERIOD, "--format", "xlsx", "--output", str(target))
    document = json.loads(run("--programme", "aktywni-razem", *PERIOD))

    sheet = load_workbook(target)["Uczestnicy według płci"]
    row = next(table for table in document["tables"] if table["key"] == "people")["rows"][0]
    assert [cell.value for cell in sheet[2]][2:6] == list(row["cells"].values())


def test_the_csv_of_a_whole_organisation_by_name(
    organisation: Organisation, programme: Programme, counted_section: list[Any]
) -> None:
    text = run("--organisation", organisation.name, *PERIOD, "--format", "csv")

    assert '"Uczestnicy według płci"' in text
    assert counted_section[0][0] == [programme.pk]


def test_an_organisation_by_id(organisation: Organisation, counted_section: list[Any]) -> None:
    document = json.loads(run("--organisation", str(organisation.pk), *PERIOD))

    assert document["scope"]["kind"] == "organisation"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--programme", "nie-ma-takiego", *PERIOD], "--programme"),
        (["--organisation", "Nikt", *PERIOD], "--organisation"),
        (["--programme", "aktywni-razem", "--from", "2026-13-01", "--to", "2026-06-30"], "--from"),
        (["--programme", "aktywni-razem", "--from", "2026-06-30", "--to", "2026-01-01"], "--to"),
        (["--programme", "aktywni-razem", "--from", "0202-01-01", "--to", "2026-01-01"], "--from"),
        (["--programme", "aktywni-razem", *PERIOD, "--format", "pdf"], "--format"),
        (["--programme", "aktywni-razem", *PERIOD, "--format", "xlsx"], "--output"),
        (["--programme", "aktywni-razem", *PERIOD, "--output", "/nie/ma/katalogu/r.json"], "--output"),
        (["--from", "2026-01-01", "--to", "2026-06-30"], "--programme"),
    ],
)
def test_bad_input_is_a_command_error_naming_the_option(
    programme: Programme, args: list[str], option: str, in_english: None
) -> None:
    with pytest.raises(CommandError) as refused:
        run(*args)

    assert option in str(refused.value)
