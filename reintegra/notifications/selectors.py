"""Reads of notifications: a user sees only their own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from reintegra.accounts.models import User
from reintegra.notifications.models import Notification


def notification_list_for_user(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_get_for_user(user: User, pk: int) -> Notification:
    notification = Notification.objects.filter(user=user, pk=pk).first()
    if notification is None:
        raise Http404
    return notification
