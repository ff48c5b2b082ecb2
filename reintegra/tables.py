"""A table (headers and rows of text) as the files NGOs and funders open: CSV and XLSX.

Every list with an export builds its headers and rows once and hands them here, and this is the
only module that writes either format (tests/test_tables.py keeps it so), because it is where
spreadsheet formulas are neutralised (OWASP's CSV injection rule): a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run by Excel or LibreOffice as a
formula (``=HYPERLINK(…)``, ``=cmd|…``). In CSV such a cell gets a leading single quote and every
cell is quoted, so neither the formula nor a separator inside a cell survives whatever the
reader's locale; in XLSX every cell is written as a string, never a formula, and a cell that
looks like one is marked with Excel's quote prefix, so editing it keeps it text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

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
