"""A table (headers and rows of text) as the files NGOs and funders open: CSV and XLSX.

Every list with an export builds its headers and rows once and hands them here, and this is the
only module that writes either format (tests/test_tables.py keeps it so), because it is where
spreadsheet formulas are neutralised (OWASP's CSV injection rule): a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run by Excel or LibreOffice as a
formula (``=HYPERLINK(…)``, ``=cmd|…``). In CSV such a cell gets a leading single quote and every
cell is quoted, so neither the formula nor a separator inside a cell survives whatever the
reader's locale; in XLSX every cell is written as a string, never a formula, and a cell that
looks like one is marked with Excel's quote prefix, so editing it keeps it text.

A report of several tables of counts (``Sheet``s) is written as one CSV with a section per
table, or one workbook with a sheet per table; there a whole number stays a number (a count a
funder adds up) and a mean a number, an empty cell stays empty, and only text is neutralised.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralised(text: str) -> str:
    """The text of a CSV cell, with a quote before anything a spreadsheet would run."""
    return "'" + text if looks_like_formula(text) else text


def as_csv(headers: list[str], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    # Semicolons and a BOM: what Excel in a Polish locale opens without asking.
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralised(str(cell)) for cell in headers])
    for row in rows:
        writer.writerow([neutralised(str(cell)) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(title: str, headers: list[str], rows: Iterable[list[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])  # Excel's limit for a sheet name
    sheet.append([_text_cell(sheet, cell) for cell in headers])
    for row in rows:
        sheet.append([_text_cell(sheet, cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text_cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    text = str(value)
    cell = WriteOnlyCell(sheet)
    # Assigning a text that starts with "=" makes openpyxl write a formula; the type is forced back.
    cell.value = text
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


# --- Reports: several tables of counts ---------------------------------------------------

type Value = str | int | float | None


@dataclass(frozen=True)
class Sheet:
    """One table of a report: a title, its headers, rows whose counts are numbers (``None``: an
    empty cell) and notes written under it."""

    title: str
    headers: list[str]
    rows: list[list[Value]]
    notes: list[str] = field(default_factory=list)


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    return str(value) if isinstance(value, int | float) else neutralised(value)


def as_csv_sections(sheets: Sequence[Sheet]) -> bytes:
    """One section per table: its title, headers, rows and notes, a blank line between them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL)
    for index, sheet in enumerate(sheets):
        if index:
            writer.writerow([])
        writer.writerow([neutralised(sheet.title)])
        writer.writerow([neutralised(header) for header in sheet.headers])
        writer.writerows([_csv_value(value) for value in row] for row in sheet.rows)
        writer.writerows([neutralised(note)] for note in sheet.notes)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(titles: Iterable[str]) -> list[str]:
    """Names Excel accepts: 31 characters at most, none of ``[]:*?/\\``, unique in the workbook."""
    names: list[str] = []
    for title in titles:
        base = " ".join(SHEET_NAME_FORBIDDEN.sub(" ", title).split())[:31] or "-"
        name, number = base, 1
        while name.casefold() in {taken.casefold() for taken in names}:
            number += 1
            suffix = f" ({number})"
            name = base[: 31 - len(suffix)] + suffix
        names.append(name)
    return names


def as_xlsx_sheets(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with a sheet per table: the header row, the rows, then the notes."""
    workbook = Workbook(write_only=True)
    for name, table in zip(sheet_names(sheet.title for sheet in sheets), sheets, strict=True):
        sheet = workbook.create_sheet(name)
        sheet.append([_text_cell(sheet, header) for header in table.headers])
        for row in table.rows:
            sheet.append([_value_cell(sheet, value) for value in row])
        for note in table.notes:
            sheet.append([_text_cell(sheet, note)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _value_cell(sheet: WriteOnlyWorksheet, value: Value) -> WriteOnlyCell | None:
    if value is None:
        return None
    if isinstance(value, int | float):
        return WriteOnlyCell(sheet, value=value)
    return _text_cell(sheet, value)
