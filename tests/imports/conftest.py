"""Files to import, built row by row; the demo county's gminas in the TERC register."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import Workbook
from stdnum.pl import pesel as stdnum_pesel

from reintegra.accounts.models import Organisation
from reintegra.people.models import TercUnit
from reintegra.programmes.models import Programme
from tests.factories import ProgrammeFactory

HEADER = ["imie", "nazwisko", "pesel", "plec", "teryt_gminy", "niepelnosprawnosc"]
GMINA = "0201011"


def make_pesel(birth: date, serial: int) -> str:
    month = birth.month + (20 if birth.year >= 2000 else 0)
    base = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial % 10000:04d}"
    return base + str(stdnum_pesel.calc_check_digit(base))


def person_row(number: int) -> list[str]:
    birth = date(1970, 1, 1) + timedelta(days=number * 7)
    return [f"Zofia{number}", "Żółkiewska", make_pesel(birth, number), "K", GMINA, "nie"]


def rows(count: int) -> list[list[str]]:
    return [person_row(number) for number in range(count)]


def as_csv(
    table: Iterable[list[str]], *, header: list[str] = HEADER, delimiter: str = ";", encoding: str = "utf-8"
) -> bytes:
    lines = [delimiter.join(header), *(delimiter.join(row) for row in table)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def as_xlsx(table: Iterable[list[object]], *, header: list[str] = HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in table:
        sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """The tests read the English messages; the Polish ones come from the catalogue."""
    with translation.override("en"):
        yield


@pytest.fixture
def gminas(db: None) -> None:
    """Bolesławiec's gminas, in the register the migrations load, with the DEGURBA the tests expect."""
    TercUnit.objects.update_or_create(code="02", defaults={"name": "DOLNOŚLĄSKIE", "kind": "województwo"})
    TercUnit.objects.update_or_create(code="0201", defaults={"name": "bolesławiecki", "kind": "powiat"})
    TercUnit.objects.update_or_create(
        code=GMINA, defaults={"name": "Bolesławiec", "kind": "gmina miejska", "degurba": 2}
    )
    TercUnit.objects.update_or_create(
        code="0201022", defaults={"name": "Bolesławiec", "kind": "gmina wiejska", "degurba": 3}
    )


@pytest.fixture
def programme(organisation: Organisation, gminas: None) -> Programme:
    return ProgrammeFactory(organisation=organisation, code="klub-zalesie")
