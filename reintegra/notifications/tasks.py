"""Background tasks (``django.tasks``; run by ``manage.py db_worker``): sending reminders.

A task's arguments are stored as JSON, so it takes a source's name and an object's key and
reads the object when it runs: a meeting cancelled since it was queued is reminded of no more.
"""

from __future__ import annotations

from datetime import datetime

from django.tasks import task
from django.utils import timezone

from reintegra.notifications import reminders, services


@task
def reminders_send(source: str, key: int) -> int:
    """Sends the reminders of one object of a source; returns how many went out."""
    return services.reminders_send(source, key)


def reminders_enqueue(*, now: datetime | None = None) -> int:
    """Queues a task for every object each source has due now; returns how many were queued."""
    now = now or timezone.now()
    queued = 0
    for source in reminders.sources():
        for key in source.due(now):
            reminders_send.enqueue(source.name, key)
            queued += 1
    return queued
