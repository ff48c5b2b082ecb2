"""A user's notifications: only their own, marked read by a POST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.notifications.models import Notification
from reintegra.notifications.services import notify
from tests.conftest import client_for


@pytest.mark.django_db
def test_a_user_sees_their_notifications_and_marks_one_read(coordinator: User) -> None:
    notification = notify(coordinator, "Miejsce zaoferowano Annie Nowak.", "/programmes/1/")
    client = client_for(coordinator)

    page = client.get(reverse("notifications:list"))
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))

    assert "Miejsce zaoferowano Annie Nowak." in page.content.decode()
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_another_users_notification_cannot_be_seen_or_marked(coordinator: User, outsider: User) -> None:
    notification = notify(coordinator, "Tylko dla koordynatora.")
    client = client_for(outsider)

    page = client.get(reverse("notifications:list"))
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))

    assert "Tylko dla koordynatora." not in page.content.decode()
    assert response.status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


@pytest.mark.django_db
def test_marking_read_needs_a_post(coordinator: User) -> None:
    notification = notify(coordinator, "Wiadomość.")

    response = client_for(coordinator).get(reverse("notifications:mark_read", args=[notification.pk]))

    assert response.status_code == 405
