"""All or nothing: a file with one bad row writes nothing and the report names every bad row."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant
from reintegra.people.services import PARTICIPANT_FIELDS
from reintegra.programmes.imports import parsing
from reintegra.programmes.imports.services import ImportReport, participants_import
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.factories import ParticipantFactory
from tests.imports.conftest import GMINA, HEADER, as_csv, as_xlsx, person_row, rows

pytestmark = pytest.mark.django_db


def run(programme: Programme, raw: bytes, actor: User | None = None, **options: object) -> ImportReport:
    return participants_import(actor=actor, programme=programme, source=BytesIO(raw), **options)


def counts() -> tuple[int, int, int]:
    return Participant.objects.count(), Enrolment.objects.count(), AuditEntry.objects.count()


def messages(report: ImportReport) -> str:
    return " ".join(problem.message for problem in report.problems)


def test_one_bad_row_among_1000_leaves_the_database_unchanged_and_names_the_row(
    programme: Programme, coordinator: User
) -> None:
    table = rows(1000)
    bad = table[535]  # the header is line 1, so the 536th person is on line 537
    bad[2] = bad[2][:-1] + str((int(bad[2][-1]) + 1) % 10)
    before = counts()

    report = run(programme, as_csv(table), actor=coordinator)

    assert [(problem.line, problem.column) for problem in report.problems] == [(537, "pesel")]
    assert "PESEL" in report.problems[0].message
    assert not report.written
    assert counts() == before


def test_a_good_file_creates_people_their_applications_and_audit_entries(
    programme: Programme, coordinator: User
) -> None:
    report = run(programme, as_csv(rows(3)), actor=coordinator)

    assert report.ok
    assert report.written
    assert report.new_people == 3
    people = Participant.objects.filter(organisation=programme.organisation)
    assert people.count() == 3
    assert {person.gmina_id for person in people} == {GMINA}
    assert {person.degurba for person in people} == {2}  # from the gmina
    assert {person.disability for person in people} == {"no"}
    assert set(Enrolment.objects.filter(programme=programme).values_list("status", flat=True)) == {
        EnrolmentStatus.APPLIED
    }
    created = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, content_type__model="participant")
    assert sorted(created.values_list("object_pk", flat=True)) == sorted(str(p.pk) for p in people)
    assert all(entry.organisations.filter(pk=programme.organisation_id).exists() for entry in created)


def test_a_dry_run_reports_and_writes_nothing(programme: Programme) -> None:
    before = counts()

    report = run(programme, as_csv(rows(5)), dry_run=True)

    assert report.ok
    assert not report.written
    assert report.new_people == 5
    assert counts() == before


def test_a_cp1250_file_from_excel_keeps_polish_names(programme: Programme) -> None:
    report = run(programme, as_csv(rows(2), encoding="cp1250"))

    assert report.ok
    assert report.encoding == "Windows-1250"
    assert set(Participant.objects.values_list("last_name", flat=True)) == {"Żółkiewska"}


def test_a_utf8_file_with_a_bom_and_commas_is_read(programme: Programme) -> None:
    report = run(programme, b"\xef\xbb\xbf" + as_csv(rows(2), delimiter=","))

    assert report.ok
    assert (report.encoding, report.delimiter) == ("UTF-8 (BOM)", ",")
    assert Participant.objects.count() == 2


def test_an_xlsx_workbook_is_imported_with_date_cells_and_numeric_codes(programme: Programme) -> None:
    from datetime import datetime

    header = [
        "Imię",
        "Nazwisko",
        "Płeć",
        "rodzaj_dokumentu",
        "numer_dokumentu",
        "data_urodzenia",
        "teryt_gminy",
    ]
    table: list[list[object]] = [
        ["Olena", "Kowalenko", "K", "paszport", "FX123456", datetime(1990, 5, 17), int(GMINA)],
        ["Jan", "Nowak", "M", "dowód osobisty", "ABC123456", "17.05.1985", GMINA],
    ]

    report = run(programme, as_xlsx(table, header=header))

    assert report.ok, report.problems
    olena = Participant.objects.get(last_name="Kowalenko")
    assert (olena.birth_date.isoformat(), olena.identity_document_type, olena.gmina_id) == (
        "1990-05-17",
        "passport",
        GMINA,
    )
    assert Participant.objects.get(last_name="Nowak").identity_document_type == "id_card"


def test_every_bad_row_is_listed_with_its_column(programme: Programme) -> None:
    table = rows(6)
    table[0][4] = "9999999"  # line 2: unknown gmina
    table[1][3] = "X"  # line 3: no such sex
    table[2][5] = "może"  # line 4: not an answer
    table[3][2] = table[4][2]  # line 5 repeats line 6's PESEL (reported on the later line)
    header = [*HEADER, "data_urodzenia"]
    table = [[*row, ""] for row in table]
    table[5][6] = "01.01.1950"  # line 7: birth date disagrees with the PESEL

    report = run(programme, as_csv(table, header=header))

    assert [(problem.line, problem.column) for problem in report.problems] == [
        (2, "teryt_gminy"),
        (3, "plec"),
        (4, "niepelnosprawnosc"),
        (6, "pesel"),
        (7, "data_urodzenia"),
    ]
    assert "9999999" in messages(report)
    assert "line 5" in report.problems[3].message
    assert Participant.objects.count() == 0


def test_a_person_already_registered_is_applied_not_duplicated(programme: Programme) -> None:
    row = person_row(1)
    ParticipantFactory(organisation=programme.organisation, pesel=row[2], identity_document_number="")

    report = run(programme, as_csv([row, person_row(2)]))

    assert report.ok
    assert (report.new_people, report.existing_people) == (1, 1)
    assert Participant.objects.count() == 2
    assert Enrolment.objects.filter(programme=programme, participant__pesel=row[2]).exists()


def test_a_person_already_in_the_programme_is_a_problem(programme: Programme) -> None:
    run(programme, as_csv([person_row(1)]))

    report = run(programme, as_csv([person_row(2), person_row(1)]))

    assert [(problem.line, problem.column) for problem in report.problems] == [(3, "pesel")]
    assert Participant.objects.count() == 1


@pytest.mark.parametrize(
    ("raw", "expected", "line"),
    [
        (b"", "empty", None),
        (b"\x00\x01\x02garbage\xff\xfe" * 50, "Line 1 contains a NUL byte", 1),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "XLSX or CSV", None),
        (b"PK\x03\x04 not really a workbook", "not a CSV", None),
        (b"\x81\x8d\x8f\x90\x98;\x81\n", "neither UTF-8 nor Windows-1250", None),
        (b"foo;bar\n1;2\n", "No known column", 1),
        ("imie;nazwisko".encode("utf-16"), "UTF-16", None),
    ],
    ids=["empty", "binary", "old-xls", "broken-zip", "undecodable", "no-known-column", "utf-16"],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_reason(
    programme: Programme, raw: bytes, expected: str, line: int | None
) -> None:
    report = run(programme, raw)

    assert [problem.line for problem in report.problems] == [line]
    assert expected in messages(report)
    assert Participant.objects.count() == 0


def test_a_header_without_rows_is_refused(programme: Programme) -> None:
    report = run(programme, as_csv([]))

    assert "no rows" in messages(report)


def test_a_duplicated_column_is_named(programme: Programme) -> None:
    report = run(programme, as_csv([], header=[*HEADER, "Nazwisko"]))

    assert [(problem.line, problem.column) for problem in report.problems] == [(1, "nazwisko")]
    assert "twice" in messages(report)


def test_missing_and_unknown_columns_are_named(programme: Programme) -> None:
    report = run(programme, as_csv([["Jan", "K", "x"]], header=["imie", "plec", "kolor_oczu"]))

    assert {(problem.line, problem.column) for problem in report.problems} == {
        (1, "kolor_oczu"),
        (1, "nazwisko"),
        (1, "pesel"),
    }


def test_a_column_the_import_does_not_know_is_reported_and_nothing_is_written(programme: Programme) -> None:
    table = [[*row, "niebieskie"] for row in rows(3)]
    before = counts()

    report = run(programme, as_csv(table, header=[*HEADER, "Kolor oczu"]))

    assert [(problem.line, problem.column) for problem in report.problems] == [(1, "kolor_oczu")]
    assert "Unknown column kolor_oczu" in messages(report)
    assert counts() == before


def test_every_column_the_import_knows_is_a_field_of_a_participant() -> None:
    assert {column.target for column in parsing.COLUMNS.values()} <= set(PARTICIPANT_FIELDS)


def test_a_row_with_an_empty_name_is_named_on_its_column(programme: Programme) -> None:
    table = rows(3)
    table[1][0] = ""  # line 3: no first name

    report = run(programme, as_csv(table))

    assert [(problem.line, problem.column) for problem in report.problems] == [(3, "imie")]
    assert Participant.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(programme: Programme) -> None:
    report = run(programme, as_csv(rows(20)), max_bytes=100)

    assert report.format == ""
    assert "limit is 100 bytes" in messages(report)
    assert Participant.objects.count() == 0


def test_the_example_in_the_documentation_imports(programme: Programme) -> None:
    guide = (Path(__file__).parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    example = guide.split("```csv\n", 1)[1].split("```", 1)[0]

    report = run(programme, example.encode("cp1250"), dry_run=True)

    assert report.problems == []
    assert report.new_people == 2
