"""A message for one user inside the application (a freed place was offered, …), and a record of
every e-mail the application sends on its own (reminders, digests)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message[:80]


class SentMessageStatus(models.TextChoices):
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class SentMessage(models.Model):
    """An e-mail sent by the application (a reminder, a digest): to whom, about what, and whether
    it went out. One per recipient, kind, object and occasion, so none is ever sent twice."""

    recipient = models.EmailField(_("recipient"))
    kind = models.CharField(_("kind"), max_length=50)
    subject = models.CharField(_("subject"), max_length=200)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("about (type)")
    )
    object_id = models.PositiveBigIntegerField(_("about (key)"))
    related = GenericForeignKey("content_type", "object_id")
    # The moment the message is about (a meeting's start, a digest's day): a meeting moved to
    # another time is reminded of again.
    occasion = models.DateTimeField(_("occasion"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=SentMessageStatus.choices, default=SentMessageStatus.SENDING
    )

    class Meta:
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "occasion", "recipient"],
                name="sent_message_once",
                violation_error_message=_("This message has already been sent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"
