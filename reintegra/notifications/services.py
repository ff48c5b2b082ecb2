"""Writes to notifications: create one for a user, mark one read; send a reminder once."""

from __future__ import annotations

import logging
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.notifications import reminders
from reintegra.notifications.models import Notification, SentMessage, SentMessageStatus
from reintegra.notifications.reminders import Reminder

logger = logging.getLogger(__name__)


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


def reminder_send(reminder: Reminder) -> SentMessage | None:
    """Sends one reminder and records it, unless it was sent (or is being sent) already.

    The record is claimed first, in a transaction of its own, and its unique constraint lets
    only one worker claim it: a reminder is never sent twice. A failed one is tried again by
    the next run. Returns the record of a message that went out or failed, None when skipped.
    """
    claimed = _claim(reminder)
    if claimed is None:
        return None
    try:
        send_mail(reminder.subject, reminder.body, None, [reminder.recipient])
    except OSError:  # smtplib's errors included
        logger.exception("Reminder %s to %s failed", reminder.kind, reminder.recipient)
        claimed.status = SentMessageStatus.FAILED
    else:
        claimed.status = SentMessageStatus.SENT
    claimed.sent_at = timezone.now()
    claimed.save(update_fields=["status", "sent_at"])
    return claimed


def _claim(reminder: Reminder) -> SentMessage | None:
    """The reminder's record, newly claimed for sending; None when another run has it."""
    key = {
        "content_type": ContentType.objects.get_for_model(reminder.related),
        "object_id": reminder.related.pk,
        "kind": reminder.kind,
        "occasion": reminder.occasion,
        "recipient": reminder.recipient,
    }
    try:
        with transaction.atomic():
            message, created = SentMessage.objects.get_or_create(
                **key, defaults={"subject": reminder.subject[:200]}
            )
    except IntegrityError:  # claimed by another worker between the get and the create
        return None
    if created:
        return message
    retried = SentMessage.objects.filter(pk=message.pk, status=SentMessageStatus.FAILED).update(
        status=SentMessageStatus.SENDING, subject=reminder.subject[:200]
    )
    return message if retried else None


def reminders_send(source_name: str, key: int, *, now: datetime | None = None) -> int:
    """Sends the reminders a source has for one of its objects; how many went out."""
    messages = reminders.source(source_name).reminders(key, now or timezone.now())
    sent = [reminder_send(reminder) for reminder in messages]
    return sum(1 for message in sent if message is not None and message.status == SentMessageStatus.SENT)
