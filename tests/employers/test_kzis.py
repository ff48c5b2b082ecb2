"""The KZiS groups ship with the project; `manage.py load_kzis FILE` loads the official list over
them, all or nothing, naming every bad row."""

from __future__ import annotations

from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from reintegra.employers import kzis
from reintegra.employers.models import Employer, Occupation, OccupationLevel, Offer, Site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "kzis.csv"
    path.write_bytes(text.encode(encoding))
    return path


def load_kzis(path: Path) -> str:
    out = StringIO()
    call_command("load_kzis", str(path), stdout=out)
    return out.getvalue()


def test_a_fresh_install_knows_every_major_sub_major_and_minor_group() -> None:
    levels = Occupation.objects.filter(level__lte=OccupationLevel.MINOR).values_list("level", flat=True)

    assert sorted(set(levels)) == [1, 2, 3]
    assert list(levels).count(1) == 10
    assert list(levels).count(2) == 43
    assert list(levels).count(3) == 130
    assert Occupation.objects.get(code="7").name == "Robotnicy przemysłowi i rzemieślnicy"
    assert Occupation.objects.get(code="011").level == OccupationLevel.MINOR


def test_every_shipped_minor_group_sits_in_a_shipped_sub_major_and_major_group() -> None:
    codes = set(Occupation.objects.values_list("code", flat=True))

    for code in [code for code in codes if len(code) == 3]:
        assert code[:2] in codes
        assert code[:1] in codes


def test_the_official_file_adds_unit_groups_and_occupations_and_renames_groups(tmp_path: Path) -> None:
    path = write(
        tmp_path, "kod;nazwa\n751;Robotnicy przetwórstwa spożywczego\n7512;Piekarze\n751204;Piekarz\n"
    )

    output = load_kzis(path)

    assert "2 created, 1 renamed, 0 unchanged" in output
    assert Occupation.objects.get(code="751204").level == OccupationLevel.OCCUPATION
    assert Occupation.objects.get(code="7512").level == OccupationLevel.UNIT
    assert Occupation.objects.get(code="751").name == "Robotnicy przetwórstwa spożywczego"


def test_loading_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "kod;nazwa\n751204;Piekarz\n")
    load_kzis(path)

    assert "0 created, 0 renamed, 1 unchanged" in load_kzis(path)


def test_a_windows_1250_file_with_extra_columns_and_a_bom_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path, "Kod;Nazwa;Uwagi\n512001;Kucharz;\n512002;Kucharz małej gastronomii;nowy\n", "cp1250"
    )

    load_kzis(path)

    assert Occupation.objects.get(code="512002").name == "Kucharz małej gastronomii"


def test_a_file_with_bad_rows_loads_nothing_and_names_every_bad_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kod;nazwa\n751204;Piekarz\n75120;Za krótki\n;Bez kodu\n512001;\n751204;Piekarz drugi raz\n"
        "abc;Litery\n",
    )

    with pytest.raises(CommandError) as error:
        load_kzis(path)

    message = str(error.value)
    assert "Nothing was loaded" in message
    assert "Line 3: 75120 is not a KZiS code" in message
    assert "Line 4: the code (kod) is empty." in message
    assert "Line 5: the name (nazwa) of 512001 is empty." in message
    assert "Line 6: the code 751204 was already given on line 2." in message
    assert "Line 7: abc is not a KZiS code" in message
    assert not Occupation.objects.filter(code="751204").exists()


def test_a_file_without_the_kod_and_nazwa_columns_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "code,name\n751204,Baker\n")

    with pytest.raises(CommandError, match="must name the columns kod and nazwa"):
        load_kzis(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "The file is empty."),
        ("kod;nazwa\n", "a header but no codes"),
        ('kod;nazwa\n751204;"Piekarz\n', "double quote"),
    ],
)
def test_an_empty_or_broken_file_is_refused_with_a_reason(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(CommandError, match=expected):
        load_kzis(write(tmp_path, text))


def test_a_name_longer_than_the_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(kzis.KzisFileError) as error:
        kzis.parse(("kod;nazwa\n751204;" + "x" * 301 + "\n").encode())

    assert [problem.line for problem in error.value.problems] == [2]


def test_the_groups_migration_is_reversible_and_keeps_groups_offers_name(
    bakery_site: Site, bakery: Employer
) -> None:
    migration = import_module("reintegra.employers.migrations.0005_load_the_kzis_groups")
    Offer.objects.create(
        employer=bakery,
        site=bakery_site,
        kind="job",
        occupation=Occupation.objects.get(code="751"),
        hours_per_week=40,
        contract_type="employment",
        places=1,
    )
    count = Occupation.objects.count()

    migration.unload_groups(apps, None)

    assert list(Occupation.objects.values_list("code", flat=True)) == ["751"]

    migration.load_groups(apps, None)

    assert Occupation.objects.count() == count
