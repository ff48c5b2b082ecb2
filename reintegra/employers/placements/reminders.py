"""The daily digest of retention follow-ups due: to each worker who looks after a person whose
job started 1, 3 or 6 months ago and whose follow-up is not recorded yet.

Registered from ``EmployersConfig.ready`` as the source ``placements.follow_ups``
(``notifications.reminders``). The worker is the person's case worker (an assignment in force);
for a person with none, whoever proposed the placement. On the run in the hour from
``DIGEST_HOUR`` (Warsaw time, the hour of case work's digest) each active worker with an e-mail
address and a follow-up due gets one message a day naming the people, employers and months;
the follow-ups it names are logged as the worker's reads. The worker records the answers on
the follow-ups page (``placements/services.follow_up_record``).
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit.bulk import log_reads
from reintegra.casework.caseload_queries import midnight
from reintegra.casework.models import CaseAssignment
from reintegra.casework.reminders import DIGEST_HOUR
from reintegra.dates import weekday
from reintegra.employers.models import RetentionFollowUp
from reintegra.employers.placements.selectors import follow_ups_due_to
from reintegra.notifications.reminders import Reminder, ReminderSource, register
from reintegra.notifications.selectors import sent_messages_about

SOURCE = "placements.follow_ups"
FOLLOW_UP_DIGEST = "placements.follow_up_digest"  # the kind of message, as SentMessage records it


def register_sources() -> None:
    register(ReminderSource(SOURCE, digests_due, digest_reminders))


def _due(today: date) -> QuerySet[RetentionFollowUp]:
    return RetentionFollowUp.objects.filter(due_on__lte=today, recorded_at__isnull=True)


def digests_due(now: datetime) -> list[int]:
    """In the hour from ``DIGEST_HOUR``: the active workers with an e-mail address and a
    follow-up due who have had no such digest today."""
    local = timezone.localtime(now)
    if local.hour != DIGEST_HOUR:
        return []
    due = _due(local.date())
    in_care = CaseAssignment.objects.filter(ended_on__isnull=True)
    workers = set(
        in_care.filter(participant_id__in=due.values("placement__participant_id")).values_list(
            "worker_id", flat=True
        )
    )
    workers |= set(
        due.exclude(Exists(in_care.filter(participant_id=OuterRef("placement__participant_id")))).values_list(
            "placement__proposed_by_id", flat=True
        )
    )
    sent = sent_messages_about(User, [FOLLOW_UP_DIGEST]).filter(
        object_id=OuterRef("pk"), occasion=midnight(local.date())
    )
    return list(
        User.objects.filter(pk__in=workers, is_active=True)
        .exclude(email="")
        .exclude(Exists(sent))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def digest_reminders(key: int, now: datetime) -> list[Reminder]:
    """The worker's follow-ups due today; none due, no message."""
    worker = User.objects.filter(pk=key, is_active=True).exclude(email="").first()
    if worker is None:
        return []
    today = timezone.localdate(now)
    follow_ups = list(follow_ups_due_to(worker, today))
    if not follow_ups:
        return []
    log_reads(follow_ups, actor=worker)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "follow_ups": follow_ups,
            "name": worker.first_name or worker.username,
            "day": weekday(today),
            "url": settings.SITE_URL.rstrip("/") + reverse("employers:placements:follow_ups"),
        }
        return [
            Reminder(
                kind=FOLLOW_UP_DIGEST,
                recipient=worker.email,
                subject=_("Employment follow-ups due on %(day)s") % context,
                body=render_to_string("employers/placements/email/follow_up_digest.txt", context),
                related=worker,
                occasion=midnight(today),
            )
        ]
