"""`manage.py load_terc FILE` reads the GUS TERC CSV (UTF-8 or cp1250) and can run again safely."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from reintegra.demo.people import TERC_DEMO_FILE
from reintegra.people import terc
from reintegra.people.models import Degurba, TercUnit

pytestmark = pytest.mark.django_db

OFFICIAL = """WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA
02;;;;DOLNOŚLĄSKIE;województwo;2026-01-01
02;01;;;bolesławiecki;powiat;2026-01-01
02;01;01;1;Bolesławiec;gmina miejska;2026-01-01
02;01;02;2;Bolesławiec;gmina wiejska;2026-01-01
02;01;03;3;Nowogrodziec;gmina miejsko-wiejska;2026-01-01
02;01;03;4;Nowogrodziec;miasto;2026-01-01
02;01;03;5;Nowogrodziec;obszar wiejski;2026-01-01
"""


@pytest.fixture(autouse=True)
def empty_register(db: None) -> None:
    """These tests load files into an empty register, not over the one the migrations ship."""
    TercUnit.objects.all().delete()


def load_terc(path: Path) -> str:
    out = StringIO()
    call_command("load_terc", str(path), stdout=out)
    return out.getvalue()


def test_it_loads_voivodeships_counties_and_gminas_with_their_codes(tmp_path: Path) -> None:
    path = tmp_path / "TERC.csv"
    path.write_text(OFFICIAL, encoding="utf-8")

    load_terc(path)

    assert TercUnit.objects.get(code="02").name == "DOLNOŚLĄSKIE"
    assert TercUnit.objects.get(code="0201").kind == "powiat"
    assert sorted(TercUnit.objects.filter(code__startswith="020103").values_list("code", flat=True)) == [
        "0201033",
        "0201034",
        "0201035",
    ]


def test_rural_gminas_and_rural_parts_are_rural_and_others_unknown_without_a_degurba_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "TERC.csv"
    path.write_text(OFFICIAL, encoding="utf-8")

    load_terc(path)

    degurba = dict(TercUnit.objects.values_list("code", "degurba"))
    assert degurba["0201022"] == degurba["0201035"] == Degurba.RURAL
    assert degurba["0201011"] is None
    assert TercUnit.objects.get(code="0201035").is_rural


def test_a_cp1250_file_from_excel_is_read_with_its_polish_letters(tmp_path: Path) -> None:
    path = tmp_path / "TERC.csv"
    path.write_bytes(OFFICIAL.encode("cp1250"))

    load_terc(path)

    assert TercUnit.objects.get(code="02").name == "DOLNOŚLĄSKIE"


def test_loading_twice_changes_nothing_and_a_renamed_unit_is_updated(tmp_path: Path) -> None:
    path = tmp_path / "TERC.csv"
    path.write_text(OFFICIAL, encoding="utf-8")
    load_terc(path)

    again = terc.load_file(str(path))
    path.write_text(OFFICIAL.replace("bolesławiecki", "bolesławiecki (nowy)"), encoding="utf-8")
    load_terc(path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 7)
    assert TercUnit.objects.count() == 7
    assert TercUnit.objects.get(code="0201").name == "bolesławiecki (nowy)"


def test_a_file_that_is_not_terc_is_refused_with_the_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("A;B\n1;2\n", encoding="utf-8")

    with pytest.raises(CommandError, match="WOJ"):
        load_terc(path)
    assert not TercUnit.objects.exists()


def test_the_demo_county_has_its_gminas_and_their_degurba() -> None:
    load_terc(TERC_DEMO_FILE)

    units = {unit.code: unit for unit in TercUnit.objects.all()}
    assert units["30"].name == "WIELKOPOLSKIE"
    assert units["3035"].name == "zalesiański"
    assert {code: unit.degurba for code, unit in units.items() if len(code) == 7} == {
        "3035011": Degurba.CITY,
        "3035022": Degurba.RURAL,
        "3035033": Degurba.TOWN,
        "3035034": Degurba.TOWN,
        "3035035": Degurba.RURAL,
        "3035042": Degurba.RURAL,
    }
    assert units["3035042"].name == "Stare Łąki"
