"""A file broken where a spreadsheet hides it (an empty first line, a NUL byte, an unclosed quote)
is refused with the line to look at; counted messages read right in English and in Polish."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.utils import translation

from reintegra.people.models import Participant
from reintegra.programmes.imports.parsing import Problem
from reintegra.programmes.imports.services import ImportReport, participants_import, report_summary
from reintegra.programmes.models import Programme
from tests.imports.conftest import as_csv, rows

pytestmark = pytest.mark.django_db


def run(programme: Programme, raw: bytes) -> ImportReport:
    return participants_import(actor=None, programme=programme, source=BytesIO(raw), dry_run=True)


def only_problem(report: ImportReport) -> Problem:
    assert len(report.problems) == 1, report.problems
    return report.problems[0]


def test_an_empty_line_before_the_header_is_named_with_the_header_line(programme: Programme) -> None:
    report = run(programme, b"\r\n\r\n" + as_csv(rows(2)))

    problem = only_problem(report)
    assert problem.line == 1
    assert "Line 1 is empty" in problem.message
    assert "above line 3" in problem.message


def test_an_empty_row_before_the_header_of_a_workbook_is_named_too(programme: Programme) -> None:
    report = run(programme, _workbook_with_blank_first_row())

    problem = only_problem(report)
    assert problem.line == 1
    assert "above line 2" in problem.message


def _workbook_with_blank_first_row() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["D2"] = "imie", "nazwisko", "pesel", "plec"
    sheet["A3"], sheet["B3"], sheet["C3"], sheet["D3"] = "Zofia", "Nowak", "90051712344", "K"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_nul_byte_is_named_with_its_line(programme: Programme) -> None:
    lines = as_csv(rows(5)).split(b"\r\n")
    lines[4] = lines[4].replace(b"Zofia", b"Zo\x00fia")

    report = run(programme, b"\r\n".join(lines))

    problem = only_problem(report)
    assert problem.line == 5
    assert "Line 5 contains a NUL byte" in problem.message
    assert Participant.objects.count() == 0


def test_an_unclosed_quote_is_named_with_the_line_it_opens_on(programme: Programme) -> None:
    lines = as_csv(rows(6)).split(b"\r\n")
    lines[3] = lines[3].replace(b"Zofia", b'"Zofia')

    report = run(programme, b"\r\n".join(lines))

    problem = report.problems[-1]
    assert problem.line == 4
    assert "Line 4 opens a double quote that is never closed" in problem.message
    assert not report.ok


def test_a_quote_in_the_header_that_is_never_closed_is_named_on_line_1(programme: Programme) -> None:
    report = run(programme, b'imie;"nazwisko;pesel;plec\r\nZofia;Nowak;90051712344;K\r\n')

    assert only_problem(report).line == 1


def test_a_misplaced_quote_is_named_with_its_line(programme: Programme) -> None:
    lines = as_csv(rows(3)).split(b"\r\n")
    lines[2] = lines[2].replace(b"Zofia1", b'"Zofia"1')

    report = run(programme, b"\r\n".join(lines))

    assert (report.problems[-1].line, "misplaced double quote" in report.problems[-1].message) == (3, True)


def test_a_quoted_value_with_a_line_break_still_reads(programme: Programme) -> None:
    raw = as_csv(rows(2)).replace(b"Zofia0", b'"Zofia\r\nMaria"')

    report = run(programme, raw)

    assert report.ok, report.problems
    assert report.rows == 2


@pytest.mark.parametrize(("count", "text"), [(1, "1 problem found"), (2, "2 problems found")])
def test_english_counts_problems_in_the_singular_and_the_plural(
    programme: Programme, count: int, text: str
) -> None:
    report = ImportReport(programme=programme, dry_run=True, problems=[Problem(2, "", "x")] * count)

    assert f"{text}; nothing was imported." in report_summary(report)


def test_english_counts_rows_and_people_in_the_singular(programme: Programme) -> None:
    report = ImportReport(programme=programme, dry_run=False, rows=1, new_people=1, existing_people=0)
    report.written = True

    assert "Imported 1 row: 1 new person and 0 already registered" in report_summary(report)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "Znaleziono 1 problem;"),
        (3, "Znaleziono 3 problemy;"),
        (5, "Znaleziono 5 problemów;"),
        (12, "Znaleziono 12 problemów;"),
        (22, "Znaleziono 22 problemy;"),
    ],
)
def test_polish_uses_its_three_plural_forms(programme: Programme, count: int, text: str) -> None:
    report = ImportReport(programme=programme, dry_run=True, problems=[Problem(2, "", "x")] * count)

    with translation.override("pl"):
        assert text in report_summary(report)
