"""Sending a reminder: recorded, never twice, a failed one tried again; the registry of sources."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.notifications import reminders, services
from reintegra.notifications.models import SentMessage, SentMessageStatus
from reintegra.notifications.reminders import Reminder, ReminderSource
from reintegra.notifications.tasks import reminders_enqueue, reminders_send

pytestmark = pytest.mark.django_db

OCCASION = timezone.make_aware(datetime(2026, 3, 11, 10))


def reminder_for(user: User, kind: str = "test.reminder", occasion: datetime = OCCASION) -> Reminder:
    return Reminder(
        kind=kind,
        recipient=user.email,
        subject="Przypomnienie",
        body="Treść przypomnienia.",
        related=user,
        occasion=occasion,
    )


@pytest.fixture
def source(coordinator: User) -> Any:
    """A source with one object due, the coordinator, registered for the test only."""
    test_source = ReminderSource(
        "test.source", lambda now: [coordinator.pk], lambda key, now: [reminder_for(User.objects.get(pk=key))]
    )
    reminders.register(test_source)
    yield test_source
    reminders.unregister(test_source.name)


def test_a_reminder_is_sent_and_recorded(coordinator: User) -> None:
    record = services.reminder_send(reminder_for(coordinator))

    [message] = mail.outbox
    assert (message.to, message.subject, message.body) == (
        [coordinator.email],
        "Przypomnienie",
        "Treść przypomnienia.",
    )
    assert record is not None
    stored = SentMessage.objects.get()
    assert (stored.recipient, stored.kind, stored.related, stored.status) == (
        coordinator.email,
        "test.reminder",
        coordinator,
        SentMessageStatus.SENT,
    )


def test_the_same_reminder_is_never_sent_twice(coordinator: User) -> None:
    services.reminder_send(reminder_for(coordinator))

    again = services.reminder_send(reminder_for(coordinator))

    assert again is None
    assert len(mail.outbox) == 1
    assert SentMessage.objects.count() == 1


def test_another_kind_or_occasion_is_another_message(coordinator: User) -> None:
    services.reminder_send(reminder_for(coordinator))
    services.reminder_send(reminder_for(coordinator, kind="test.other"))
    services.reminder_send(reminder_for(coordinator, occasion=OCCASION.replace(hour=12)))

    assert len(mail.outbox) == 3


def test_a_failed_reminder_is_tried_again(coordinator: User) -> None:
    services.reminder_send(reminder_for(coordinator))
    SentMessage.objects.update(status=SentMessageStatus.FAILED)

    retried = services.reminder_send(reminder_for(coordinator))

    assert retried is not None
    assert retried.status == SentMessageStatus.SENT
    assert len(mail.outbox) == 2
    assert SentMessage.objects.get().status == SentMessageStatus.SENT


def test_a_reminder_being_sent_by_another_worker_is_left_to_it(coordinator: User) -> None:
    services.reminder_send(reminder_for(coordinator))
    SentMessage.objects.update(status=SentMessageStatus.SENDING)

    assert services.reminder_send(reminder_for(coordinator)) is None
    assert len(mail.outbox) == 1


def test_the_enqueued_tasks_send_each_sources_reminders(source: ReminderSource, coordinator: User) -> None:
    queued = reminders_enqueue()

    assert queued >= 1
    assert [message.to for message in mail.outbox if message.subject == "Przypomnienie"] == [
        [coordinator.email]
    ]


def test_a_task_of_an_unknown_source_fails_without_sending() -> None:
    result = reminders_send.enqueue("no.such.source", 1)

    assert result.status == "FAILED"
    assert mail.outbox == []
