"""The indicator report: the EFS+ output and result indicators of a scope and a period, with every
registered section's tables (``outcomes.sections``), as one ``tables.Report``.

The signature of ``indicator_report`` is stable: the report page, ``manage.py indicators``, the
API, the exports, the funder's view and the demo figures call it. ``build_report`` is the same
report for programmes the caller has already scoped (the funder's view decides its own access).

The numbers follow docs/indicators.md; a report holds counts only, never a person.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.outcomes import indicators, sections
from reintegra.outcomes.counts import period_counts
from reintegra.outcomes.reports.selectors import report_scope_for_user
from reintegra.outcomes.tables import (
    BY_GENDER,
    MEN,
    NON_BINARY,
    TOTAL,
    WOMEN,
    CellRef,
    Period,
    Relation,
    Report,
    Row,
    Table,
    gender_relations,
)
from reintegra.programmes.models import Enrolment, EntrySnapshot, Programme
from reintegra.programmes.services import entry_characteristics

OUTPUTS, RESULTS = "efs_outputs", "efs_results"


def validate_period(period: Period) -> None:
    """Refuses a period whose end precedes its start, naming the field ``end``."""
    if period.end < period.start:
        raise ValidationError({"end": _("The end of the period cannot be before its start.")}, code="period")


def indicator_report(
    *,
    user: User,
    period: Period,
    programme: int | None = None,
    organisation: int | None = None,
    partnership: int | None = None,
) -> Report:
    """The report of exactly one programme, organisation or partnership (by id) the user may report
    on (``report.view``), over the period (both days included).

    Raises ``ValidationError`` naming the field: ``end`` for a period ending before it starts;
    ``programme``/``organisation``/``partnership`` (code ``not_found``) for one the user may not
    report on, answered as for one that does not exist (a view with the id in its URL answers 404);
    ``programme`` (code ``scope``) when not exactly one is given.
    """
    validate_period(period)
    scope = report_scope_for_user(
        user, programme=programme, organisation=organisation, partnership=partnership
    )
    return build_report(scope.programmes, period, title=_("Indicators: %(name)s") % {"name": scope.name})


def build_report(programmes: Sequence[Programme], period: Period, *, title: str) -> Report:
    """The report of programmes already scoped by the caller; a constant number of queries plus the
    sections'."""
    validate_period(period)
    counts = period_counts([programme.pk for programme in programmes], period)
    tables = [
        _table(OUTPUTS, _("EFS+ common output indicators"), indicators.OUTPUTS, counts),
        _table(RESULTS, _("EFS+ common result indicators"), indicators.RESULTS, counts),
    ]
    relations = [*gender_relations(tables[0]), *gender_relations(tables[1]), *_partitions()]
    more_tables, more_relations = sections.section_tables(programmes, period)
    return Report(
        title=title, period=period, tables=tables + more_tables, relations=relations + more_relations
    )


def gender_columns() -> list[tuple[str, str]]:
    labels = {WOMEN: _("women"), MEN: _("men"), NON_BINARY: _("non-binary persons"), TOTAL: _("total")}
    return [(column, labels[column]) for column in BY_GENDER]


def _table(key: str, title: str, chosen: Sequence[indicators.Indicator], counts: indicators.Counts) -> Table:
    language = get_language() or "pl"
    rows = []
    for indicator in chosen:
        cells: dict[str, int | float | None] = {
            column: counts[indicator.code][column] for column in (WOMEN, MEN, NON_BINARY)
        }
        cells[TOTAL] = sum(value or 0 for value in cells.values())
        note = _("Counted once the 6-month follow-up is recorded.") if indicator.after_six_months else ""
        rows.append(Row(indicator.code, indicator.name(language), cells, note))
    return Table(key, title, gender_columns(), rows)


def _partitions() -> list[Relation]:
    """EECO01 = ISCED 0–2 + 3–4 + 5–8 = unemployed + inactive + employed, in every column: both hold
    exactly because a counted participant has one education level and one labour-market status."""
    return [
        Relation(CellRef(OUTPUTS, "EECO01", column), tuple(CellRef(OUTPUTS, code, column) for code in parts))
        for parts in indicators.PARTITIONS_OF_TOTAL
        for column in BY_GENDER
    ]


# The snapshot's keys that make each entry characteristic of ``indicators.ENTRY_REQUIRED``.
_SNAPSHOT_KEYS = {
    "sex": ("sex",),
    "age_at_entry": ("age_at_entry",),
    "education": ("education",),
    "labour_status": ("labour_status", "pup_registration_date"),
    **{name: (name,) for name in indicators.ANSWER_FIELDS},
    "residence": ("degurba", "gmina_terc", "rural"),
}


@transaction.atomic
def entry_snapshot_complete(*, actor: User, enrolment: Enrolment) -> list[str]:
    """Fills the entry characteristics that were missing at enrolment (the completeness check
    lists them) from the person's record as it is now, the age as on the entry date; a
    characteristic recorded at entry is never changed (docs/indicators.md). Returns the keys of
    ``indicators.ENTRY_REQUIRED`` filled; the counts follow the snapshot's save.

    Refused, as for an enrolment that does not exist, naming the field ``enrolment``, unless the
    actor may change the person's record."""
    snapshot = (
        EntrySnapshot.objects.select_for_update()
        .select_related("enrolment__programme", "enrolment__participant")
        .filter(enrolment_id=enrolment.pk)
        .first()
    )
    if snapshot is None or not policy.can(actor, "participant.change", snapshot.enrolment.participant):
        raise ValidationError(
            {"enrolment": _("There is no such enrolment among those you may complete.")}, code="not_found"
        )
    entered_on = snapshot.enrolment.enrolled_on or snapshot.taken_at.date()
    now = entry_characteristics(snapshot.enrolment.participant, entered_on)
    data = dict(snapshot.data)
    for key in indicators.missing(_fact(snapshot, data)):
        for name in _SNAPSHOT_KEYS.get(key, ()):
            data[name] = now[name]
    filled = [
        key
        for key in indicators.missing(_fact(snapshot, snapshot.data))
        if key not in indicators.missing(_fact(snapshot, data))
    ]
    if filled:
        snapshot.data = data
        snapshot.save(update_fields=["data"])
    return filled


def _fact(snapshot: EntrySnapshot, data: dict[str, object]) -> indicators.Fact:
    enrolment = snapshot.enrolment
    return indicators.Fact.from_snapshot(
        enrolment_id=enrolment.pk,
        programme_id=enrolment.programme_id,
        entered_on=enrolment.enrolled_on,
        data=data,
    )
