"""Reading a participants file (CSV or XLSX) into plain rows: the pure core of the import.

No database here: the caller passes the TERC codes it knows. Every problem is collected with the
line the user sees in the file (the header is line 1) and the column, so one pass over the file
reports every bad row. Messages are translatable, like those of ``identifiers``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from reintegra.people import identifiers

IMPORT_MAX_BYTES = 50 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text"
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


class FileRefusedError(Exception):
    """The file as a whole cannot be read (from ``line`` on, when known); nothing more is looked at."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: the file as a whole
    column: str
    message: str


@dataclass(frozen=True)
class Column:
    target: str  # the participant field
    kind: str  # text, date, pesel, choice, integer, terc
    choices: dict[str, str] = field(default_factory=dict)


SEXES = {"k": "woman", "m": "man", "n": "non_binary"}
ANSWERS = {"tak": "yes", "nie": "no", "odmowa": "refused"}
DOCUMENTS = {
    "dowod_osobisty": "id_card",
    "dowod": "id_card",
    "paszport": "passport",
    "karta_pobytu": "residence_card",
    "inny": "other",
}
LABOUR_STATUSES = {
    "bezrobotny": "unemployed",
    "dlugotrwale_bezrobotny": "long_term_unemployed",
    "bierny": "inactive",
    "bierny_zawodowo": "inactive",
    "pracujacy": "employed",
}

COLUMNS: dict[str, Column] = {
    "imie": Column("first_name", "text"),
    "nazwisko": Column("last_name", "text"),
    "pesel": Column("pesel", "pesel"),
    "data_urodzenia": Column("birth_date", "date"),
    "rodzaj_dokumentu": Column("identity_document_type", "choice", DOCUMENTS),
    "numer_dokumentu": Column("identity_document_number", "text"),
    "plec": Column("sex", "choice", SEXES),
    "telefon": Column("phone", "text"),
    "email": Column("email", "text"),
    "teryt_gminy": Column("gmina", "terc"),
    "miejscowosc": Column("locality", "text"),
    "kod_pocztowy": Column("postal_code", "text"),
    "ulica": Column("street_address", "text"),
    "degurba": Column("degurba", "integer", {"1": "1", "2": "2", "3": "3"}),
    "wyksztalcenie_isced": Column("education", "integer", {str(level): str(level) for level in range(9)}),
    "status_na_rynku_pracy": Column("labour_status", "choice", LABOUR_STATUSES),
    "data_rejestracji_pup": Column("pup_registration_date", "date"),
    "niepelnosprawnosc": Column("disability", "choice", ANSWERS),
    "obywatel_panstwa_trzeciego": Column("third_country_national", "choice", ANSWERS),
    "pochodzenie_obce": Column("foreign_background", "choice", ANSWERS),
    "mniejszosc": Column("minority", "choice", ANSWERS),
    "bezdomnosc": Column("homeless", "choice", ANSWERS),
}
REQUIRED_COLUMNS = ("imie", "nazwisko", "plec")
IDENTITY_COLUMNS = ("pesel", "numer_dokumentu")  # at least one of them
COLUMN_OF_FIELD = {column.target: name for name, column in COLUMNS.items()}

Cell = str | date | int | float | bool | None


@dataclass
class Table:
    format: str  # "csv" or "xlsx"
    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]
    encoding: str = ""
    delimiter: str = ""


@dataclass
class Row:
    line: int
    data: dict[str, Any]
    terc_code: str = ""


# --- Reading the file ------------------------------------------------------------------


def read_table(raw: bytes) -> Table:
    """The header and the rows of a CSV or XLSX file, or FileRefusedError saying why not."""
    if not raw.strip():
        raise FileRefusedError(_("The file is empty."))
    if raw.startswith(XLSX_MAGIC):
        return _read_xlsx(raw)
    if raw.startswith(OLE_MAGIC):
        raise FileRefusedError(_("Old Excel files (.xls) cannot be read: save the sheet as XLSX or CSV."))
    if raw.startswith(UTF16_BOMS):
        raise FileRefusedError(_("The file is UTF-16 text: save the sheet as CSV (UTF-8) or XLSX."))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise FileRefusedError(
            _(
                "Line %(line)d contains a NUL byte (a binary zero), which a CSV text file never has: "
                "save the sheet as CSV (UTF-8) or XLSX."
            )
            % {"line": line},
            line,
        )
    return _read_csv(raw)


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
    try:
        # Excel on a Polish Windows saves "CSV" in Windows-1250.
        return raw.decode("cp1250"), "Windows-1250"
    except UnicodeDecodeError:
        raise FileRefusedError(
            _("The file is neither UTF-8 nor Windows-1250 text: save it as CSV (UTF-8) or XLSX.")
        ) from None


def _read_csv(raw: bytes) -> Table:
    text, encoding = _decode(raw)
    header_line = next((number for number, line in enumerate(io.StringIO(text), start=1) if line.strip()), 1)
    if header_line > 1:
        raise _blank_before_header(header_line)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    # strict: an unclosed quote is an error at the end of the file, not the rest of it in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header = _next_csv_row(reader, 1) or []
    if not any(name.strip() for name in header):
        raise FileRefusedError(_("The first line must be the header with the column names."), 1)
    known = {normalise_header(name) for name in header} & COLUMNS.keys()
    if not known:
        raise FileRefusedError(
            _(
                "No known column was found in the header (read as %(encoding)s). Check the "
                "encoding (UTF-8 or Windows-1250) and the column names."
            )
            % {"encoding": encoding},
            1,
        )

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        line = reader.line_num + 1
        while (cells := _next_csv_row(reader, line)) is not None:
            if any(cell.strip() for cell in cells):
                yield line, list(cells)
            line = reader.line_num + 1

    return Table("csv", [str(name) for name in header], rows(), encoding=encoding, delimiter=delimiter)


def _next_csv_row(reader: Any, line: int) -> list[str] | None:
    """The next row, or None at the end; a broken quote refuses the file at the row's line."""
    try:
        return next(reader, None)
    except csv.Error as error:
        if "end of data" in str(error):
            message = _(
                "Line %(line)d opens a double quote that is never closed: the rest of the file would "
                "be read as one value. Close the quote or remove it."
            )
        else:
            line = reader.line_num
            message = _(
                "Line %(line)d has a misplaced double quote: a value in quotes must end with a quote "
                "followed by the separator."
            )
        raise FileRefusedError(message % {"line": line}, line) from None


def _blank_before_header(header_line: int) -> FileRefusedError:
    return FileRefusedError(
        _(
            "Line 1 is empty: the header with the column names must be the first line. Remove the "
            "empty lines above line %(line)d."
        )
        % {"line": header_line},
        1,
    )


def _read_xlsx(raw: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRefusedError(_("This is not a CSV text file or an XLSX workbook.")) from None
    sheet = workbook.worksheets[0]
    all_rows = sheet.iter_rows(values_only=True)
    first = next(all_rows, None)
    header = [_cell(value) for value in first] if first else []
    if not any(isinstance(name, str) and name.strip() for name in header):
        later = next(
            (
                line
                for line, values in enumerate(all_rows, start=2)
                if any(_cell(v) not in (None, "") for v in values)
            ),
            None,
        )
        workbook.close()
        if later is not None and not any(cell not in (None, "") for cell in header):
            raise _blank_before_header(later)
        raise FileRefusedError(_("The first line must be the header with the column names."), 1)

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        for line, values in enumerate(all_rows, start=2):
            cells = [_cell(value) for value in values]
            if any(cell not in (None, "") for cell in cells):
                yield line, cells
        workbook.close()

    return Table("xlsx", ["" if name is None else str(name) for name in header], rows())


def _cell(value: Any) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- The header ------------------------------------------------------------------------


def normalise_header(name: str) -> str:
    """'Imię', ' IMIE ' and 'data urodzenia' name the columns imie and data_urodzenia."""
    return identifiers.search_key(name.replace("\ufeff", "")).replace(" ", "_")


def check_header(header: list[str]) -> tuple[list[str], list[Problem]]:
    """The normalised column names and what is wrong with them (unknown columns are errors)."""
    names = [normalise_header(name) for name in header]
    while names and not names[-1]:
        names.pop()  # spreadsheets often carry empty columns at the right
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, name in enumerate(names, start=1):
        if not name:
            problems.append(
                Problem(1, "", _("Column %(number)d has no name in the header.") % {"number": position})
            )
        elif name in seen:
            problems.append(Problem(1, name, _("The column %(name)s appears twice.") % {"name": name}))
        elif name not in COLUMNS:
            problems.append(
                Problem(
                    1,
                    name,
                    _("Unknown column %(name)s: see the import guide for the columns.") % {"name": name},
                )
            )
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            problems.append(Problem(1, name, _("The required column %(name)s is missing.") % {"name": name}))
    if not seen & set(IDENTITY_COLUMNS):
        problems.append(
            Problem(
                1, "pesel", _("The file needs a pesel column, or numer_dokumentu for people without one.")
            )
        )
    return names, problems


# --- The rows --------------------------------------------------------------------------


def convert_row(
    line: int, names: list[str], cells: list[Cell], *, terc_codes: Container[str]
) -> tuple[Row, list[Problem]]:
    """The participant fields of one row, converted from text; problems name line and column."""
    row = Row(line, {})
    problems: list[Problem] = []
    if any(cell not in (None, "") for cell in cells[len(names) :]):
        problems.append(Problem(line, "", _("The row has more values than the header has columns.")))
    for name, cell in zip(names, cells, strict=False):
        column = COLUMNS.get(name)
        if column is None or cell is None or cell == "":
            continue
        try:
            value = _convert(column, cell)
        except ValueError as error:
            problems.append(Problem(line, name, str(error)))
            continue
        if column.kind == "terc":
            if value not in terc_codes:
                problems.append(Problem(line, name, _("Unknown TERC code %(code)s.") % {"code": value}))
            else:
                row.terc_code = value
        else:
            row.data[column.target] = value
    return row, problems


def _convert(column: Column, cell: Cell) -> Any:
    if column.kind == "date":
        return _date(cell)
    if column.kind == "pesel":
        text = f"{cell:011d}" if isinstance(cell, int) else str(cell)  # Excel drops leading zeros
        try:
            return identifiers.pesel_validate(text)
        except identifiers.InvalidPeselError:
            raise ValueError(
                _("Invalid PESEL %(value)s: wrong check digit or impossible birth date.") % {"value": text}
            ) from None
    if column.kind == "terc":
        text = f"{cell:07d}" if isinstance(cell, int) else str(cell).strip()
        if not identifiers.TERC_GMINA.match(text):
            raise ValueError(_("A gmina's TERC code has 7 digits, not %(value)s.") % {"value": text})
        return text
    if column.kind in {"choice", "integer"}:
        key = identifiers.search_key(str(cell)).replace(" ", "_")
        allowed = column.choices
        value = allowed.get(key) or (key if key in allowed.values() else None)
        if value is None:
            raise ValueError(
                _("%(value)s is not allowed here; use one of: %(allowed)s.")
                % {"value": cell, "allowed": ", ".join(allowed)}
            )
        return int(value) if column.kind == "integer" else value
    return str(cell)


def _date(cell: Cell) -> date:
    if isinstance(cell, date):
        return cell
    text = str(cell).strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("%(value)s is not a date: write YYYY-MM-DD or DD.MM.YYYY.") % {"value": text})
