"""Coordinators enrolling at the same moment cannot oversell the last place.

On PostgreSQL this fails if the programme row is not locked (checked by removing the lock)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from reintegra.accounts.models import User
from reintegra.programmes import services
from reintegra.programmes.models import Enrolment, Programme
from reintegra.programmes.models import EnrolmentStatus as S
from tests.programmes.conftest import eligible


def _enrol_retrying(enrolment_pk: int, coordinator: User) -> str:
    # SQLite's shared in-memory test database refuses a second writer ("table is locked")
    # instead of making it wait as PostgreSQL's row lock does; the loser simply tries again.
    for _attempt in range(50):
        try:
            enrolment = Enrolment.objects.get(pk=enrolment_pk)
            return services.enrolment_enrol(actor=coordinator, enrolment=enrolment).status
        except OperationalError:
            time.sleep(0.05)
    raise AssertionError("the database stayed locked")


@pytest.mark.django_db(transaction=True)
def test_simultaneous_enrolments_for_the_last_place_give_one_place_and_the_rest_reserve(
    mobile_programme: Programme, coordinator: User
) -> None:
    mobile_programme.places = 1
    mobile_programme.save()
    contenders = [eligible(mobile_programme, coordinator) for _ in range(6)]
    start = threading.Barrier(len(contenders))
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def enrol(enrolment_pk: int) -> None:
        try:
            start.wait()
            outcomes.append(_enrol_retrying(enrolment_pk, coordinator))
        except BaseException as error:  # reported below, not swallowed
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=enrol, args=(e.pk,)) for e in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(outcomes) == sorted([S.ENROLLED] + [S.RESERVE] * 5)
    assert mobile_programme.enrolments.filter(status=S.ENROLLED).count() == 1
