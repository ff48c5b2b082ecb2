"""The counts kept on write equal a plain recount of the records, whatever the writes."""

from __future__ import annotations

import threading
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes import indicators
from reintegra.outcomes.counts import CODES, period_counts, rebuild_counts
from reintegra.outcomes.facts import facts_for
from reintegra.outcomes.models import ExitRecord, IndicatorCount
from reintegra.outcomes.tables import Period
from reintegra.programmes.models import Enrolment, Programme
from tests.factories import ProgrammeFactory
from tests.outcomes.indicator_people import enrol, follow_up, leave, noon
from tests.threads import in_parallel

pytestmark = pytest.mark.django_db

PERIODS = (
    Period(date(2026, 1, 1), date(2026, 12, 31)),  # whole months only
    Period(date(2026, 2, 10), date(2026, 6, 20)),  # partial months at both edges
    Period(date(2026, 3, 5), date(2026, 3, 25)),  # within one month
    Period(date(2026, 3, 1), date(2026, 4, 15)),
)


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=organisation, places=100, start_date=date(2026, 1, 1))


def kept_rows() -> set[tuple[object, ...]]:
    return set(
        IndicatorCount.objects.filter(code__in=CODES).values_list(
            "programme_id", "month", "code", "women", "men", "non_binary"
        )
    )


def assert_kept_equal_a_recount(programme_ids: list[int]) -> None:
    for period in PERIODS:
        recount = indicators.count(facts_for(programme_ids, period), period)
        assert period_counts(programme_ids, period) == recount, period
    kept = kept_rows()
    rebuild_counts()
    assert kept == kept_rows()


def test_kept_counts_follow_every_write(
    programme: Programme, coordinator: User, organisation: Organisation
) -> None:
    second: Programme = ProgrammeFactory(organisation=organisation, places=100, start_date=date(2026, 1, 1))
    ids = [programme.pk, second.pk]
    anna = enrol(programme, coordinator, on=date(2026, 2, 12), labour_status="employed")
    jan = enrol(programme, coordinator, on=date(2026, 3, 3), sex="man", age=19, degurba=3)
    kim = enrol(second, coordinator, on=date(2026, 3, 20), sex="non_binary", disability="yes")
    assert_kept_equal_a_recount(ids)
    assert IndicatorCount.objects.get(programme=programme, month=date(2026, 2, 1), code="EECO01").women == 1

    record = leave(anna, coordinator, on=date(2026, 4, 2), employed=True)
    leave(jan, coordinator, on=date(2026, 6, 30), job_seeking=True, in_education=True)
    six = follow_up(anna, employed=True, improvement="promotion")
    assert_kept_equal_a_recount(ids)
    assert IndicatorCount.objects.get(programme=programme, month=date(2026, 4, 1), code="EECR06").women == 1

    record.left_on = date(2026, 5, 15)  # corrected: moves the results to May
    record.save()
    six.status = "unreachable"
    six.save(update_fields=["status"])
    assert_kept_equal_a_recount(ids)
    assert not IndicatorCount.objects.filter(month=date(2026, 4, 1)).exists()

    snapshot = kim.entry_snapshot
    snapshot.data = {**snapshot.data, "education": None}  # now incomplete: counts nowhere
    snapshot.save()
    jan.enrolled_on = date(2026, 2, 27)
    jan.save(update_fields=["enrolled_on"])
    assert_kept_equal_a_recount(ids)
    assert not IndicatorCount.objects.filter(programme=second).exists()

    six.delete()
    record.delete()
    Enrolment.objects.get(pk=jan.pk).delete()
    assert_kept_equal_a_recount(ids)
    assert kept_rows() == {
        (programme.pk, date(2026, 2, 1), code, 1, 0, 0) for code in ("EECO01", "EECO05", "EECO10")
    }


def test_a_status_move_recounts_nothing(
    programme: Programme, coordinator: User, django_assert_max_num_queries: object
) -> None:
    anna = enrol(programme, coordinator, on=date(2026, 2, 12))
    before = kept_rows()

    anna.status = "enrolled"
    with django_assert_max_num_queries(2):  # type: ignore[operator]  # the audit log's read and the save
        anna.save(update_fields=["status"])

    assert kept_rows() == before


def test_rebuilding_leaves_other_parts_counts_alone(programme: Programme, coordinator: User) -> None:
    enrol(programme, coordinator, on=date(2026, 2, 12))
    IndicatorCount.objects.create(programme=programme, month=date(2026, 2, 1), code="meetings", women=7)
    IndicatorCount.objects.filter(code="EECO01").update(women=99)  # as a bulk load leaves it

    call_command("rebuild_indicator_counts", "--programme", programme.code, stdout=StringIO())

    assert IndicatorCount.objects.get(code="EECO01").women == 1
    assert IndicatorCount.objects.get(code="meetings").women == 7


@pytest.mark.django_db(transaction=True)
def test_writers_of_one_programme_at_once_leave_the_counts_right(
    programme: Programme, coordinator: User
) -> None:
    pending = [enrol(programme, coordinator, on=date(2026, 2, day)).pk for day in range(1, 6)]
    taking, mine = threading.Lock(), threading.local()

    def record_an_exit() -> int:
        if not hasattr(mine, "enrolment_id"):  # SQLite's locked writer tries again with the same one
            with taking:
                mine.enrolment_id = pending.pop()
        enrolment_id = mine.enrolment_id
        with transaction.atomic():
            return ExitRecord.objects.create(
                enrolment_id=enrolment_id,
                left_on=date(2026, 3, 15),
                planned_completion=True,
                employed=True,
                recorded_at=noon(date(2026, 3, 15)),
            ).pk

    outcomes = in_parallel(5, record_an_exit)

    assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
    assert IndicatorCount.objects.get(programme=programme, month=date(2026, 3, 1), code="EECR04").women == 5
    assert_kept_equal_a_recount([programme.pk])
