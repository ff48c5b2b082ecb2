"""E-mail reminders: the messages, and the registry of what they are about.

An app with something to remind people of (case work's meetings; later the sessions of
activities) registers a ``ReminderSource`` from its ``AppConfig.ready``. Its ``due(now)`` says,
cheaply, which of its objects need reminders now (their keys); its ``reminders(key, now)``
builds the messages for one of them and decides who may receive one (a consent in force, an
e-mail address). This app never imports the sources' apps: it only calls what they registered.

``manage.py send_reminders``, run every hour, queues one task per due key
(``tasks.reminders_send``); the task sends each message through ``services.reminder_send``,
which records it and sends it at most once per recipient, kind, object and occasion.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models


@dataclass(frozen=True)
class Reminder:
    """One e-mail to one recipient about one object, for one occasion (e.g. a meeting's start)."""

    kind: str  # e.g. "meeting.participant": what the message is, stable across releases
    recipient: str  # an e-mail address
    subject: str
    body: str  # plain text
    related: models.Model
    occasion: datetime


@dataclass(frozen=True)
class ReminderSource:
    """Something reminders are sent about: its objects due now, and the messages for one."""

    name: str
    due: Callable[[datetime], Iterable[int]]
    reminders: Callable[[int, datetime], list[Reminder]]


_sources: dict[str, ReminderSource] = {}


def register(source: ReminderSource) -> None:
    _sources[source.name] = source


def unregister(name: str) -> None:
    _sources.pop(name, None)


def sources() -> list[ReminderSource]:
    return list(_sources.values())


def source(name: str) -> ReminderSource:
    """The source registered under the name; an unknown one is a LookupError (a task queued
    before a source was renamed or removed)."""
    try:
        return _sources[name]
    except KeyError:
        raise LookupError(f"No reminder source {name!r}") from None
