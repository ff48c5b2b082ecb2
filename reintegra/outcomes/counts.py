"""The EFS+ indicator counts, kept up to date on write and read for any period.

``IndicatorCount`` holds one row per programme, month and indicator (women, men, non-binary), the
month being that of the date that puts a participant in a period (entry for outputs, exit for
results; docs/indicators.md). Whenever an entry snapshot, an enrolment, an exit record or a
6-month follow-up is saved or deleted, the (programme, month) buckets it touches, before and after
the change, are counted again from the records (``facts``): a recount, not an increment, so the
kept rows always equal a plain recount. ``rebuild_counts`` counts everything again, for data loaded
in bulk (``bulk_create`` and ``update`` send no signals): ``manage.py rebuild_indicator_counts``.

A period is read as its whole months summed from the kept rows plus the partial months at its
edges counted from the records: a constant number of queries whatever the number of people.

The receivers are signals because ``programmes`` sits below ``outcomes`` in the layering: its
enrolment services cannot call into outcomes, so outcomes listens to their writes instead
(connected in ``OutcomesConfig.ready``). Rows of other codes (another part's counts) are left alone.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Model, Sum
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from reintegra.outcomes import indicators
from reintegra.outcomes.facts import facts_for, iter_facts
from reintegra.outcomes.models import ExitRecord, FollowUp, IndicatorCount
from reintegra.outcomes.tables import Period
from reintegra.programmes.models import Enrolment, EntrySnapshot, Programme

Bucket = tuple[int, date]  # (programme id, first day of the month)

CODES = tuple(indicator.code for indicator in indicators.INDICATORS)
# The fields of an enrolment the counts read; a save of other fields (a status move) recounts nothing.
_ENROLMENT_FIELDS = frozenset({"enrolled_on", "programme", "programme_id"})
_BEFORE = "_indicator_buckets_before"


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


# --- Reading a period --------------------------------------------------------------------------


def period_counts(programme_ids: Iterable[int], period: Period) -> indicators.Counts:
    """{code: {women, men, non_binary}} of the programmes over the period, equal to
    ``indicators.count(facts_for(programmes, period), period)`` (the plain recount)."""
    ids = list(programme_ids)
    first = period.start if period.start.day == 1 else month_end(period.start) + timedelta(days=1)
    last = period.end.replace(day=1)  # the first day of the last whole month
    if period.end != month_end(period.end):
        last = (last - timedelta(days=1)).replace(day=1)
    if first > last:  # no whole month inside: count the records
        return indicators.count(facts_for(ids, period), period)
    counts = indicators.zero_counts()
    rows = (
        IndicatorCount.objects.filter(programme_id__in=ids, month__range=(first, last), code__in=CODES)
        .values("code")
        .annotate(women_sum=Sum("women"), men_sum=Sum("men"), non_binary_sum=Sum("non_binary"))
    )
    for row in rows:
        counts[row["code"]] = {
            "women": row["women_sum"],
            "men": row["men_sum"],
            "non_binary": row["non_binary_sum"],
        }
    edges = [
        Period(period.start, first - timedelta(days=1)),
        Period(month_end(last) + timedelta(days=1), period.end),
    ]
    for edge in edges:
        if edge.start <= edge.end:
            indicators.add(counts, indicators.count(facts_for(ids, edge), edge))
    return counts


# --- Keeping the counts ------------------------------------------------------------------------


def recount(buckets: Iterable[Bucket]) -> None:
    """Counts the buckets again from the records and replaces their rows.

    The programme's row is locked first (PostgreSQL) so two writers of one programme recount one
    after the other, each seeing the other's committed records."""
    by_programme: dict[int, set[date]] = defaultdict(set)
    for programme_id, month in buckets:
        by_programme[programme_id].add(month)
    if not by_programme:
        return
    with transaction.atomic():
        for programme_id in sorted(by_programme):
            if not Programme.objects.select_for_update().filter(pk=programme_id).exists():
                continue
            for month in sorted(by_programme[programme_id]):
                period = Period(month, month_end(month))
                counts = indicators.count(facts_for([programme_id], period), period)
                _replace(programme_id, [month], {month: counts})


def rebuild_counts(programme_ids: Iterable[int] | None = None) -> int:
    """Counts every month of the programmes (all when None) again from the records; returns how
    many rows are kept. For data loaded in bulk, which bypasses the signals."""
    if programme_ids is None:
        programme_ids = Programme.objects.order_by("pk").values_list("pk", flat=True)
    kept = 0
    for programme_id in list(programme_ids):
        with transaction.atomic():
            by_month = indicators.count_by_month(iter_facts([programme_id]))
            IndicatorCount.objects.filter(programme_id=programme_id, code__in=CODES).delete()
            kept += _replace(programme_id, [], by_month)
    return kept


def _replace(programme_id: int, months: list[date], by_month: dict[date, indicators.Counts]) -> int:
    if months:
        IndicatorCount.objects.filter(programme_id=programme_id, month__in=months, code__in=CODES).delete()
    rows = [
        IndicatorCount(programme_id=programme_id, month=month, code=code, **cells)
        for month, counts in by_month.items()
        for code, cells in counts.items()
        if any(cells.values())
    ]
    IndicatorCount.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def buckets_of(enrolment_ids: Iterable[int]) -> set[Bucket]:
    """The buckets the enrolments' records fall in now: their entry month and exit month."""
    found: set[Bucket] = set()
    rows = Enrolment.objects.filter(pk__in=list(enrolment_ids)).values_list(
        "programme_id", "enrolled_on", "exit_record__left_on"
    )
    for programme_id, entered_on, left_on in rows:
        found |= {(programme_id, day.replace(day=1)) for day in (entered_on, left_on) if day is not None}
    return found


def _enrolment_id(instance: Model) -> int | None:
    return instance.pk if isinstance(instance, Enrolment) else instance.enrolment_id  # type: ignore[attr-defined]


def _concerns_counts(instance: Model, update_fields: Iterable[str] | None) -> bool:
    if isinstance(instance, FollowUp) and instance.months != 6:
        return False
    if isinstance(instance, Enrolment) and update_fields is not None:
        return bool(_ENROLMENT_FIELDS & set(update_fields))
    return True


def _before_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    # An enrolment or exit record may move to another month (or programme): remember the old ones.
    if raw or instance.pk is None or not isinstance(instance, Enrolment | ExitRecord):
        return
    if not _concerns_counts(instance, kwargs.get("update_fields")):
        return
    enrolment_id = _enrolment_id(instance)
    setattr(instance, _BEFORE, buckets_of([enrolment_id]))  # type: ignore[list-item]


def _after_save(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or not _concerns_counts(instance, kwargs.get("update_fields")):
        return
    before: set[Bucket] = getattr(instance, _BEFORE, set())
    recount(before | buckets_of([_enrolment_id(instance)]))  # type: ignore[list-item]
    setattr(instance, _BEFORE, set())


def _before_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if _concerns_counts(instance, None):
        setattr(instance, _BEFORE, buckets_of([_enrolment_id(instance)]))  # type: ignore[list-item]


def _after_delete(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    before: set[Bucket] = getattr(instance, _BEFORE, set())
    if before:
        recount(before)


KEPT_ON = (EntrySnapshot, Enrolment, ExitRecord, FollowUp)


def connect() -> None:
    """Keeps the counts on every write of the records they are counted from."""
    for model in KEPT_ON:
        uid = f"outcomes.counts.{model._meta.label}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}.pre_save")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}.post_save")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}.pre_delete")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}.post_delete")
