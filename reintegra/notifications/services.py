"""Writes to notifications: create one for a user, mark one read."""

from __future__ import annotations

from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.notifications.models import Notification


def notify(user: User, message: str, url: str = "") -> Notification:
    """Leaves a message for the user, in the caller's transaction (so it vanishes with a rollback)."""
    return Notification.objects.create(user=user, message=message, url=url)


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Only the addressee marks a notification read; marking it again keeps the first time."""
    if notification.user_id != user.pk:
        raise ValueError("Not the addressee")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
