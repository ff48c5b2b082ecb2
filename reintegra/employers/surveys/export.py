"""The demand as one table: what the page shows and the CSV/XLSX files carry (through
``reintegra.tables``, the one writer)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.employers.quarter_labels import quarter_label
from reintegra.employers.surveys.selectors import Demand, RowsBy

TRAINING_SHOWN = 200


@dataclass(frozen=True)
class DemandLine:
    occupation_code: str
    occupation: str
    uncoded: bool
    gmina_code: str
    gmina: str
    cells: list[int]
    total: int


@dataclass(frozen=True)
class DemandTable:
    title: str
    shows_occupation: bool
    shows_gmina: bool
    quarters: list[str]
    lines: list[DemandLine]
    column_totals: list[int]
    total: int

    def headers(self) -> list[str]:
        headers = []
        if self.shows_occupation:
            headers += [_("KZiS code"), _("Occupation")]
        if self.shows_gmina:
            headers += [_("TERC code"), _("Gmina")]
        return [*headers, *self.quarters, _("Total")]

    def rows(self) -> list[list[str]]:
        rows = []
        for line in self.lines:
            cells = []
            if self.shows_occupation:
                occupation = line.occupation + (" " + _("(uncoded)") if line.uncoded else "")
                cells += [line.occupation_code, occupation]
            if self.shows_gmina:
                cells += [line.gmina_code, line.gmina]
            rows.append([*cells, *map(str, line.cells), str(line.total)])
        label_cells = (2 if self.shows_occupation else 0) + (2 if self.shows_gmina else 0)
        totals = [_("Total"), *[""] * (label_cells - 1)]
        rows.append([*totals, *map(str, self.column_totals), str(self.total)])
        return rows


def demand_table(demand: Demand) -> DemandTable:
    return DemandTable(
        title=_("Demand"),
        shows_occupation=demand.rows_by != RowsBy.GMINA,
        shows_gmina=demand.rows_by != RowsBy.OCCUPATION,
        quarters=[quarter_label(quarter) for quarter in demand.quarters],
        lines=[
            DemandLine(
                occupation_code=row.occupation_code,
                occupation=row.occupation_name if row.occupation_code else row.occupation_text,
                uncoded=row.uncoded,
                gmina_code=row.gmina_code,
                gmina=row.gmina_name,
                cells=row.by_quarter(demand.quarters),
                total=row.total,
            )
            for row in demand.rows
        ],
        column_totals=demand.column_totals,
        total=demand.total,
    )


def as_csv(table: DemandTable) -> bytes:
    return tables.as_csv(table.headers(), table.rows())


def as_xlsx(table: DemandTable) -> bytes:
    return tables.as_xlsx(table.title, table.headers(), table.rows())
