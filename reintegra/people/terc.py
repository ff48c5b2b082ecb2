"""Reading the GUS TERC register (TERYT) from its official CSV export into TercUnit rows.

The file is semicolon-separated with the header WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA, in
UTF-8 or, when saved by Excel, cp1250. GUS does not publish DEGURBA in TERC; an optional DEGURBA
column (1 city, 2 town, 3 rural) fills it, and otherwise rural gminas (RODZ 2 and 5) are rural.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction

from reintegra.people.models import Degurba, TercUnit

REQUIRED_COLUMNS = ("WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD")
RURAL_RODZ = {"2", "5"}


class TercFileError(ValueError):
    pass


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    codes: list[str] = field(default_factory=list)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first; cp1250, the Polish Windows code page, otherwise."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1250")


def parse(text: str) -> list[TercUnit]:
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    header = [name.strip().upper() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise TercFileError(f"Not a TERC file: missing columns {', '.join(missing)}")
    reader.fieldnames = header
    return [_unit(row, line) for line, row in enumerate(reader, start=2)]


def _unit(row: dict[str, str | None], line: int) -> TercUnit:
    def value(name: str) -> str:
        return (row.get(name) or "").strip()

    woj, pow_, gmi, rodz = value("WOJ"), value("POW"), value("GMI"), value("RODZ")
    if gmi:
        code = woj + pow_ + gmi + rodz
    elif pow_:
        code = woj + pow_
    else:
        code = woj
    if len(code) not in {2, 4, 7} or not code.isdigit():
        raise TercFileError(f"Line {line}: cannot build a TERC code from {woj!r} {pow_!r} {gmi!r} {rodz!r}")
    degurba_text = value("DEGURBA")
    if degurba_text:
        degurba: int | None = int(degurba_text)
        if degurba not in Degurba.values:
            raise TercFileError(f"Line {line}: DEGURBA must be 1, 2 or 3, not {degurba_text!r}")
    else:
        degurba = Degurba.RURAL if len(code) == 7 and rodz in RURAL_RODZ else None
    return TercUnit(code=code, name=value("NAZWA"), kind=value("NAZWA_DOD"), degurba=degurba)


@transaction.atomic
def load(units: list[TercUnit]) -> LoadResult:
    """Creates the missing units and updates the changed ones; running it twice changes nothing."""
    result = LoadResult(codes=[unit.code for unit in units])
    existing = TercUnit.objects.in_bulk([unit.code for unit in units])
    to_create, to_update = [], []
    for unit in units:
        stored = existing.get(unit.code)
        if stored is None:
            to_create.append(unit)
        elif (stored.name, stored.kind, stored.degurba) != (unit.name, unit.kind, unit.degurba):
            to_update.append(unit)
        else:
            result.unchanged += 1
    TercUnit.objects.bulk_create(to_create, batch_size=1000)
    TercUnit.objects.bulk_update(to_update, ["name", "kind", "degurba"], batch_size=1000)
    result.created, result.updated = len(to_create), len(to_update)
    return result


def load_file(path: str) -> LoadResult:
    with open(path, "rb") as handle:
        return load(parse(decode(handle.read())))
