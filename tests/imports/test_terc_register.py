"""The real TERC register ships with the project: a fresh install accepts real gminas, and the
example of docs/import.md imports as it is written, on a fresh install and on the demo."""

from __future__ import annotations

import re
from importlib import import_module
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from reintegra.accounts.models import Organisation
from reintegra.people.models import Degurba, Participant, TercUnit
from reintegra.programmes.imports.guide import EXAMPLE
from reintegra.programmes.imports.services import participants_import
from reintegra.programmes.models import Enrolment, Programme
from tests.demo.conftest import demo  # noqa: F401 (the demo, seeded once for this module)
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

DOCS = Path(settings.BASE_DIR) / "docs" / "import.md"


def docs_example() -> bytes:
    """The CSV example of docs/import.md, as a coordinator would copy it into a file."""
    block = re.search(r"```csv\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert block is not None
    return block.group(1).encode("utf-8")


def docs_programme_code() -> str:
    found = re.search(r"--programme (\S+)", DOCS.read_text(encoding="utf-8"))
    assert found is not None
    return found.group(1)


def test_the_migrations_load_every_unit_of_the_real_register() -> None:
    assert TercUnit.objects.filter(code__regex=r"^\d{2}$").count() == 16
    assert TercUnit.objects.filter(code__regex=r"^\d{4}$").count() == 380
    assert TercUnit.objects.filter(code__regex=r"^\d{7}$").count() >= 3798
    assert TercUnit.objects.get(code="1465011").name == "Warszawa"
    assert TercUnit.objects.get(code="0201022").degurba == Degurba.RURAL
    assert TercUnit.objects.get(code="1261011").degurba is None


def test_the_guide_page_shows_the_example_of_the_docs() -> None:
    assert EXAMPLE.encode("utf-8") == docs_example()


def test_the_docs_example_imports_on_a_fresh_install(organisation: Organisation) -> None:
    programme = ProgrammeFactory(organisation=organisation)

    report = participants_import(actor=None, programme=programme, source=BytesIO(docs_example()))

    assert report.problems == []
    assert report.written
    assert set(Participant.objects.values_list("gmina_id", flat=True)) == {"0201011", "0201022"}


def test_the_docs_example_imports_with_the_docs_command_on_the_demo(
    demo: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    programme = Programme.objects.get(code=docs_programme_code())
    path = tmp_path / "uczestnicy.csv"
    path.write_bytes(docs_example())
    out = StringIO()

    call_command("import_participants", str(path), "--programme", programme.code, stdout=out)

    assert "Imported 2 rows" in out.getvalue()
    assert Enrolment.objects.filter(programme=programme, participant__last_name="Kowalenko").exists()


def test_the_register_migration_is_reversible_and_keeps_the_gminas_people_live_in(
    organisation: Organisation,
) -> None:
    migration = import_module("reintegra.people.migrations.0005_load_the_terc_register")
    count = TercUnit.objects.count()
    ParticipantFactory(organisation=organisation, gmina=TercUnit.objects.get(code="0201011"))

    migration.unload_register(apps, None)

    assert TercUnit.objects.filter(code="0201011").exists()
    assert not TercUnit.objects.filter(code__in=["02", "0201", "0201022", "1465011"]).exists()

    migration.load_register(apps, None)

    assert TercUnit.objects.count() == count
