"""The indicator facts of programmes, read from the records: the plain recount.

One fact per enrolment with an entry snapshot: the snapshot's characteristics, the exit record and
the 6-month follow-up. Two queries whatever the number of people. Facts are personal data read in
bulk to be counted, never shown: callers return counts only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Q

from reintegra.outcomes.indicators import Exit, Fact, SixMonths
from reintegra.outcomes.models import FollowUp
from reintegra.outcomes.tables import Period
from reintegra.programmes.models import EntrySnapshot

_EXIT_FIELDS = ("left_on", "job_seeking", "in_education", "qualification_gained", "employed")


def facts_for(programme_ids: Iterable[int], period: Period | None = None) -> list[Fact]:
    """The facts of the programmes that entered or left (by the exit record) within the period,
    or all of them when it is None."""
    return list(iter_facts(programme_ids, period))


def iter_facts(
    programme_ids: Iterable[int], period: Period | None = None, *, chunk: int = 2000
) -> Iterator[Fact]:
    """``facts_for`` read in chunks, for counting every record of a large programme at once."""
    ids = list(programme_ids)
    snapshots = EntrySnapshot.objects.filter(enrolment__programme_id__in=ids)
    follow_ups = FollowUp.objects.filter(enrolment__programme_id__in=ids, months=6)
    if period is not None:
        left_within = Q(enrolment__exit_record__left_on__range=(period.start, period.end))
        snapshots = snapshots.filter(
            Q(enrolment__enrolled_on__range=(period.start, period.end)) | left_within
        )
        follow_ups = follow_ups.filter(left_within)
    six_months = {
        row["enrolment_id"]: SixMonths(row["status"], row["employed"], row["improvement"])
        for row in follow_ups.values("enrolment_id", "status", "employed", "improvement")
    }
    exit_fields = [f"enrolment__exit_record__{name}" for name in _EXIT_FIELDS]
    rows = snapshots.values(
        "enrolment_id",
        "enrolment__programme_id",
        "enrolment__enrolled_on",
        "enrolment__left_on",
        "data",
        *exit_fields,
    )
    for row in rows.iterator(chunk_size=chunk) if period is None else rows:
        yield _fact(row, six_months.get(row["enrolment_id"]))


def _fact(row: dict[str, Any], six_months: SixMonths | None) -> Fact:
    exit = None
    if row["enrolment__exit_record__left_on"] is not None:
        exit = Exit(*(row[f"enrolment__exit_record__{name}"] for name in _EXIT_FIELDS))
    return Fact.from_snapshot(
        enrolment_id=row["enrolment_id"],
        programme_id=row["enrolment__programme_id"],
        entered_on=row["enrolment__enrolled_on"],
        left_on=row["enrolment__left_on"],
        data=row["data"] or {},
        exit=exit,
        six_months=six_months,
    )
