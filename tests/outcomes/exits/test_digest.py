"""The daily digest of follow-ups after the exit: to the person's case worker, or to whoever
recorded her exit when nobody has her in care; once a day, and none once recorded."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from reintegra.accounts.models import User
from reintegra.casework import services as casework_services
from reintegra.outcomes.exits import reminders, services
from reintegra.outcomes.models import FollowUp
from reintegra.programmes.models import Enrolment, Programme
from tests.outcomes.exits.conftest import TODAY, at, enrol, record_exit

DIGEST_TIME = at(TODAY, 7)


def seven_thirty() -> datetime:
    return DIGEST_TIME.replace(minute=30)


def test_the_digest_goes_to_the_persons_case_worker_once_a_day(
    left: Enrolment, caseworker: User, coordinator: User
) -> None:
    casework_services.assignment_create(actor=coordinator, participant=left.participant, worker=caseworker)
    assert reminders.digests_due(seven_thirty()) == [caseworker.pk]
    assert reminders.digests_due(at(TODAY, 9)) == []
    with time_machine.travel(seven_thirty(), tick=False):
        call_command("send_reminders")
        call_command("send_reminders")
    [digest] = [message for message in mail.outbox if caseworker.email in message.to]
    assert digest.subject == "Badania losów po zakończeniu udziału do zrobienia: czwartek, 3.12.2026"
    assert "Łucja Żółkiewska" in digest.body
    assert "/outcomes/exits/follow-ups/" in digest.body
    assert reminders.digests_due(seven_thirty()) == []


def test_without_a_case_worker_the_digest_goes_to_whoever_recorded_the_exit(
    programme: Programme, coordinator: User
) -> None:
    enrolment = enrol(programme, first_name="Maja", last_name="Bez Opieki")
    record_exit(enrolment, actor=coordinator)
    assert reminders.digests_due(seven_thirty()) == [coordinator.pk]
    [reminder] = reminders.digest_reminders(coordinator.pk, seven_thirty())
    assert "Maja Bez Opieki" in reminder.body


def test_no_digest_once_the_follow_ups_are_recorded(
    left: Enrolment, caseworker: User, coordinator: User
) -> None:
    casework_services.assignment_create(actor=coordinator, participant=left.participant, worker=caseworker)
    for follow_up in FollowUp.objects.filter(enrolment=left, due_on__lte=TODAY):
        services.follow_up_unreachable(actor=caseworker, follow_up=follow_up, tried_on=TODAY, channel="phone")
    assert reminders.digests_due(seven_thirty()) == []
    assert reminders.digest_reminders(caseworker.pk, seven_thirty()) == []


def test_another_organisations_worker_gets_no_digest_of_ours(left: Enrolment, outsider: User) -> None:
    assert reminders.digest_reminders(outsider.pk, seven_thirty()) == []


@pytest.fixture(autouse=True)
def polish(settings: Any) -> None:
    settings.LANGUAGE_CODE = "pl"
