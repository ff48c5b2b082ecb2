"""A PESEL already registered under another name or sex is a warning in the report, not an error:
the registered person applies unchanged, and the coordinator is told to check."""

from __future__ import annotations

from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant, Sex
from reintegra.programmes.imports.services import ImportReport, participants_import, report_summary
from reintegra.programmes.models import Enrolment, Programme
from tests.factories import ParticipantFactory
from tests.imports.conftest import as_csv, person_row
from tests.imports.test_import_views import upload

pytestmark = pytest.mark.django_db


def run(programme: Programme, raw: bytes, actor: User | None = None, dry_run: bool = False) -> ImportReport:
    return participants_import(actor=actor, programme=programme, source=BytesIO(raw), dry_run=dry_run)


def registered(programme: Programme, row: list[str], **fields: object) -> Participant:
    return ParticipantFactory(
        organisation=programme.organisation, pesel=row[2], identity_document_number="", **fields
    )


def test_another_name_for_a_registered_pesel_is_a_warning_and_the_import_goes_ahead(
    programme: Programme,
) -> None:
    row = person_row(1)
    person = registered(programme, row, first_name="Zofia", last_name="Nowak", sex=Sex.WOMAN)

    report = run(programme, as_csv([row]))

    assert report.ok
    assert report.written
    assert [(warning.line, warning.column) for warning in report.warnings] == [(2, "pesel")]
    assert "Zofia Nowak" in report.warnings[0].message
    assert "Zofia1 Żółkiewska" in report.warnings[0].message
    assert "1 warning: check it in the list." in report_summary(report)
    person.refresh_from_db()
    assert person.last_name == "Nowak"
    assert Enrolment.objects.filter(programme=programme, participant=person).exists()


def test_another_sex_for_a_registered_pesel_is_a_warning(programme: Programme) -> None:
    row = person_row(1)
    registered(programme, row, first_name=row[0], last_name=row[1], sex=Sex.MAN)

    report = run(programme, as_csv([row]), dry_run=True)

    assert report.ok
    assert len(report.warnings) == 1
    assert "(man)" in report.warnings[0].message
    assert "(woman)" in report.warnings[0].message


def test_the_same_name_in_other_case_and_without_diacritics_is_no_warning(programme: Programme) -> None:
    row = person_row(1)
    registered(programme, row, first_name=row[0].upper(), last_name="Zolkiewska", sex=Sex.WOMAN)

    report = run(programme, as_csv([row]))

    assert report.ok
    assert report.warnings == []


def test_a_person_of_another_organisation_with_the_pesel_is_no_warning(
    programme: Programme, other_organisation: Organisation
) -> None:
    row = person_row(1)
    ParticipantFactory(organisation=other_organisation, pesel=row[2], first_name="Ktoś", last_name="Inny")

    report = run(programme, as_csv([row]))

    assert report.warnings == []
    assert report.new_people == 1


def test_the_warning_shows_on_the_page_and_the_person_named_is_logged_as_read(
    programme: Programme, coordinator: User
) -> None:
    row = person_row(1)
    person = registered(programme, row, first_name="Zofia", last_name="Nowak", sex=Sex.WOMAN)
    reads_before = AuditEntry.objects.filter(
        object_pk=str(person.pk), action=AuditEntry.Action.ACCESS
    ).count()

    response = upload(coordinator, programme, as_csv([row]), dry_run=True)

    assert [warning.line for warning in response.context["warnings"]] == [2]
    assert 'data-testid="import-warnings"' in response.text
    reads = AuditEntry.objects.filter(object_pk=str(person.pk), action=AuditEntry.Action.ACCESS)
    assert reads.count() == reads_before + 1


def test_the_command_prints_the_warning(programme: Programme, tmp_path: Path) -> None:
    row = person_row(1)
    registered(programme, row, first_name="Zofia", last_name="Nowak", sex=Sex.WOMAN)
    path = tmp_path / "uczestnicy.csv"
    path.write_bytes(as_csv([row]))
    out, err = StringIO(), StringIO()

    call_command("import_participants", str(path), "--programme", programme.code, stdout=out, stderr=err)

    assert "line 2 [pesel], warning:" in err.getvalue()
    assert "Imported 1 row" in out.getvalue()
