"""Shared test data for the people app: valid PESELs and a small TERC register."""

from __future__ import annotations

from datetime import date

from reintegra.demo.people import pesel_for
from reintegra.people.models import Degurba, Sex, TercUnit

__all__ = ["gminas", "pesel_for"]


def gminas() -> dict[str, TercUnit]:
    units = [
        TercUnit(code="30", name="WIELKOPOLSKIE", kind="województwo"),
        TercUnit(code="3035", name="zalesiański", kind="powiat"),
        TercUnit(code="3035011", name="Zalesie", kind="gmina miejska", degurba=Degurba.CITY),
        TercUnit(code="3035022", name="Borówkowo", kind="gmina wiejska", degurba=Degurba.RURAL),
    ]
    # "30" is in the register the migrations load; the demo county is not.
    TercUnit.objects.bulk_create(units, ignore_conflicts=True)
    return {unit.code: unit for unit in units}


def a_pesel(birth_date: date = date(1990, 5, 17), serial: int = 123, sex: Sex = Sex.WOMAN) -> str:
    return pesel_for(birth_date, serial, sex)
