"""The daily digest of follow-ups after the exit: to each worker who looks after a person whose
follow-up (3, 6 or 12 months after leaving a programme) is due and not recorded yet.

Registered from ``OutcomesConfig.ready`` as the source ``exits.follow_ups``
(``notifications.reminders``). The worker is the person's case worker (an assignment in force);
for a person with none, whoever recorded her exit. On the run in the hour from ``DIGEST_HOUR``
(Warsaw time, the hour of case work's digest) each active worker with an e-mail address and a
follow-up due gets one message a day naming the people, programmes and months; the follow-ups it
names are logged as the worker's reads. The worker records the answers from the to-do list.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_reads
from reintegra.casework.caseload_queries import midnight
from reintegra.casework.models import CaseAssignment
from reintegra.casework.reminders import DIGEST_HOUR
from reintegra.dates import weekday
from reintegra.notifications.reminders import Reminder, ReminderSource, register
from reintegra.notifications.selectors import sent_messages_about
from reintegra.outcomes.models import FollowUp, FollowUpStatus

SOURCE = "exits.follow_ups"
FOLLOW_UP_DIGEST = "exits.follow_up_digest"  # the kind of message, as SentMessage records it


def register_sources() -> None:
    register(ReminderSource(SOURCE, digests_due, digest_reminders))


def _due(today: date) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(status=FollowUpStatus.DUE, due_on__lte=today)


def _in_care(person: str = "enrolment__participant_id") -> QuerySet[CaseAssignment]:
    return CaseAssignment.objects.filter(participant_id=OuterRef(person), ended_on__isnull=True)


def due_to(worker: User, today: date) -> QuerySet[FollowUp]:
    """The follow-ups due of the people in the worker's care, or whose exit she recorded if
    nobody has them in care, in the organisations where she records follow-ups."""
    return (
        _due(today)
        .filter(
            Q(Exists(_in_care().filter(worker=worker)))
            | (Q(enrolment__exit_record__recorded_by=worker) & ~Q(Exists(_in_care())))
        )
        .filter(
            enrolment__programme__organisation_id__in=policy.organisation_ids_where(
                worker, "follow_up.record"
            )
        )
        .select_related("enrolment__participant", "enrolment__programme")
        .order_by("due_on", "pk")
    )


def digests_due(now: datetime) -> list[int]:
    """In the hour from ``DIGEST_HOUR``: the active workers with an e-mail address and a
    follow-up due who have had no such digest today."""
    local = timezone.localtime(now)
    if local.hour != DIGEST_HOUR:
        return []
    due = _due(local.date())
    in_care = CaseAssignment.objects.filter(ended_on__isnull=True)
    workers = set(
        in_care.filter(participant_id__in=due.values("enrolment__participant_id")).values_list(
            "worker_id", flat=True
        )
    )
    workers |= set(
        due.exclude(Exists(_in_care()))
        .exclude(enrolment__exit_record__recorded_by__isnull=True)
        .values_list("enrolment__exit_record__recorded_by_id", flat=True)
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
    follow_ups = list(due_to(worker, today))
    if not follow_ups:
        return []
    log_reads(follow_ups, actor=worker)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "follow_ups": follow_ups,
            "name": worker.first_name or worker.username,
            "day": weekday(today),
            "url": settings.SITE_URL.rstrip("/") + reverse("outcomes:exits:follow_ups_due"),
        }
        return [
            Reminder(
                kind=FOLLOW_UP_DIGEST,
                recipient=worker.email,
                subject=_("Follow-ups after the exit due on %(day)s") % context,
                body=render_to_string("outcomes/exits/email/follow_up_digest.txt", context),
                related=worker,
                occasion=midnight(today),
            )
        ]
