from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, Programme
from tests.imports.conftest import as_csv, rows

pytestmark = pytest.mark.django_db


def import_file(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_participants", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_a_file_and_prints_the_report(programme: Programme, tmp_path: Path) -> None:
    path = tmp_path / "uczestnicy.csv"
    path.write_bytes(as_csv(rows(4), encoding="cp1250"))

    out, _err = import_file(path, "--programme", programme.code)

    assert "Windows-1250" in out
    assert "Imported 4 rows" in out
    assert Enrolment.objects.filter(programme=programme).count() == 4


def test_the_command_lists_bad_rows_and_fails(programme: Programme, tmp_path: Path) -> None:
    table = rows(3)
    table[1][3] = "X"
    path = tmp_path / "uczestnicy.csv"
    path.write_bytes(as_csv(table))
    err = StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_participants", str(path), "--programme", programme.code, stderr=err)

    assert "line 3 [plec]" in err.getvalue()
    assert Participant.objects.count() == 0


def test_a_dry_run_of_the_command_writes_nothing(programme: Programme, tmp_path: Path) -> None:
    path = tmp_path / "uczestnicy.csv"
    path.write_bytes(as_csv(rows(2)))

    out, _err = import_file(path, "--programme", programme.code, "--dry-run")

    assert "Dry run" in out
    assert Participant.objects.count() == 0


def test_an_unknown_programme_code_is_refused(programme: Programme, tmp_path: Path) -> None:
    path = tmp_path / "uczestnicy.csv"
    path.write_bytes(as_csv(rows(1)))

    with pytest.raises(CommandError, match="no-such-programme"):
        import_file(path, "--programme", "no-such-programme")
