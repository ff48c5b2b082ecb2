"""The report's "costs" section: what the report's programmes spent in the period, by category and
funding source, and what that is per participant and per result. The definitions are
docs/indicators.md's "Costs"; this module follows them.

* **The costs** are the programmes' entries whose day (``incurred_on``) falls in the period.
* **The participants** they are divided by are the people who took part in the period: each
  enrolment of the programmes that was enrolled (``enrolled_on``) on or before the period's last
  day and had not left (``left_on``) before its first; *enrolled* or *left*. An enrolment counts
  once (a person in two of the programmes counts in each, as in EECO01), whether or not her entry
  data is complete: the money was spent on her all the same. Over a programme's whole run this is
  everyone it enrolled, EECO01 when every entry is complete; for a quarter it is who was supported
  in that quarter, which EECO01 (entries in the period) is not.
* **The results** they are divided by are the result indicators of the same report (EECR02 in
  education or training, EECR03 qualification, EECR04 employed, on leaving, by exit date), their
  totals taken from the same kept counts, and published here as a relation with one part to the
  indicator's cell, so a count hidden in one table is hidden in the other.
* A cost per head is the costs ÷ the people, rounded half up to the grosz; empty for nobody.

Suppression (``outcomes.suppression``): the amounts are money, not people (``Row.amounts``),
so they are never hidden; a cost per head gives its count back (costs ÷ cost per head), so it
names that count in ``Row.over`` and is hidden whenever the count is.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from reintegra.outcomes import sections
from reintegra.outcomes.costs import money
from reintegra.outcomes.counts import period_counts
from reintegra.outcomes.models import CostCategory, FundingSource, ProgrammeCost
from reintegra.outcomes.reports.services import RESULTS
from reintegra.outcomes.tables import TOTAL, CellRef, Period, Relation, Row, Table
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme

BY_CATEGORY, PER_HEAD = "costs_by_category", "costs_per_head"
ALL_CATEGORIES = "costs_total"
PEOPLE, COSTS, PER_PERSON = "people", "costs", "per_person"
PARTICIPANTS = "cost_per_participant"
# The report's result indicators a cost per result divides by, and the code of each row.
PER_RESULT = (
    ("cost_per_employed", "EECR04"),
    ("cost_per_in_education", "EECR02"),
    ("cost_per_qualification", "EECR03"),
)
TOOK_PART = (EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT)


def register_costs_section() -> None:
    # After the model counts (50), the evaluation (60) and the reach (70).
    sections.register("costs", 80, costs_section)


def costs_section(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
    """The two cost tables, for programmes with any cost recorded; else nothing."""
    ids = [programme.pk for programme in programmes]
    if not ProgrammeCost.objects.filter(programme_id__in=ids).exists():
        return [], []
    grid = _grid(ids, period)
    by_category = category_table(grid)
    counts = period_counts(ids, period)
    results = {code: sum(counts[code].values()) for _row, code in PER_RESULT}
    per_head = per_head_table(grid.total, participants_in(ids, period), results)
    return [by_category, per_head], [*category_relations(grid), *result_relations()]


def _grid(programme_ids: list[int], period: Period) -> money.Grid:
    sums = (
        ProgrammeCost.objects.filter(
            programme_id__in=programme_ids, incurred_on__range=(period.start, period.end)
        )
        .order_by()
        .values("category", "source")
        .annotate(amount=Sum("amount"))
    )
    return money.grid(
        ((row["category"], row["source"], Decimal(row["amount"])) for row in sums),
        CostCategory.values,
        FundingSource.values,
    )


def participants_in(programme_ids: list[int], period: Period) -> int:
    """The enrolments that took part in the period (see the module's docstring)."""
    return Enrolment.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=period.start),
        programme_id__in=programme_ids,
        status__in=TOOK_PART,
        enrolled_on__isnull=False,
        enrolled_on__lte=period.end,
    ).count()


def _pln(amount: Decimal | None) -> float | None:
    """A cell holds a number the JSON and the spreadsheets keep: the amount to the grosz."""
    return None if amount is None else float(money.to_grosz(amount))


def category_table(grid: money.Grid) -> Table:
    sources = dict(FundingSource.choices)
    columns = [(source, str(capfirst(sources[source]))) for source in grid.columns]
    columns.append((TOTAL, _("Total")))
    every_column = frozenset(key for key, _label in columns)
    labels = dict(CostCategory.choices)
    rows = [
        Row(
            category,
            str(capfirst(labels[category])),
            {
                **{source: _pln(grid.cell(category, source)) for source in grid.columns},
                TOTAL: _pln(grid.row_total(category)),
            },
            amounts=every_column,
        )
        for category in grid.rows
    ]
    rows.append(
        Row(
            ALL_CATEGORIES,
            _("All categories"),
            {
                **{source: _pln(grid.column_total(source)) for source in grid.columns},
                TOTAL: _pln(grid.total),
            },
            amounts=every_column,
        )
    )
    return Table(BY_CATEGORY, _("Costs by category and funding source (PLN)"), columns, rows)


def category_relations(grid: money.Grid) -> list[Relation]:
    """Each category's total is the sum of its sources; each source's total (and the grand
    total) the sum of the categories. Amounts only: published for what they say, not needed by
    the suppression."""
    columns = [*grid.columns, TOTAL]
    return [
        Relation(
            CellRef(BY_CATEGORY, row, TOTAL),
            tuple(CellRef(BY_CATEGORY, row, column) for column in grid.columns),
        )
        for row in [*grid.rows, ALL_CATEGORIES]
    ] + [
        Relation(
            CellRef(BY_CATEGORY, ALL_CATEGORIES, column),
            tuple(CellRef(BY_CATEGORY, row, column) for row in grid.rows),
        )
        for column in columns
    ]


def per_head_table(total: Decimal, participants: int, results: dict[str, int]) -> Table:
    """The costs per participant and per result, each beside the people it divides by."""
    names = {
        PARTICIPANTS: _("Cost per participant (people who took part in the period)"),
        "cost_per_employed": _("Cost per person employed on leaving (EECR04)"),
        "cost_per_in_education": _("Cost per person in education or training on leaving (EECR02)"),
        "cost_per_qualification": _("Cost per person who gained a qualification on leaving (EECR03)"),
    }
    people = {PARTICIPANTS: participants, **{row: results[code] for row, code in PER_RESULT}}
    rows = [
        Row(
            code,
            names[code],
            {PEOPLE: count, COSTS: _pln(total), PER_PERSON: _pln(money.per_head(total, count))},
            over={PER_PERSON: PEOPLE},
            amounts=frozenset({COSTS}),
        )
        for code, count in people.items()
    ]
    columns = [(PEOPLE, _("People")), (COSTS, _("Costs (PLN)")), (PER_PERSON, _("Cost per person (PLN)"))]
    return Table(PER_HEAD, _("Cost per participant and per result (PLN)"), columns, rows)


def result_relations() -> list[Relation]:
    """The people of a cost per result are the result indicator's total, published twice: a
    relation with one part, so the suppression hides both or neither."""
    return [
        Relation(CellRef(PER_HEAD, row, PEOPLE), (CellRef(RESULTS, code, TOTAL),)) for row, code in PER_RESULT
    ]
