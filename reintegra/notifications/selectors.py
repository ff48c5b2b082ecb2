"""Reads of notifications: a user sees only their own; which reminders were sent."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.http import Http404

from reintegra.accounts.models import User
from reintegra.notifications.models import Notification, SentMessage, SentMessageStatus


def notification_list_for_user(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get_for_user(user: User, pk: int) -> Notification:
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def sent_messages_about(model: type[Model], kinds: list[str]) -> QuerySet[SentMessage]:
    """The messages of these kinds about objects of the model that went out or are going out
    (not those that failed, which are tried again): a source's ``due`` leaves their objects out."""
    return SentMessage.objects.filter(
        content_type=ContentType.objects.get_for_model(model), kind__in=kinds
    ).exclude(status=SentMessageStatus.FAILED)
