"""Daily digests by e-mail to the workers: who gets one, once a day, and what it looks like.

Every digest goes out on the run in the hour from ``DIGEST_HOUR`` (Warsaw time), at most once a
day to each active worker with an e-mail address (``SentMessage`` by kind, with the day's
midnight as the occasion), in the site's language, from a plain-text template, with a link to
the page where the worker acts on it. Case work's own digest of the overdue
(``casework.reminders``) is built from these parts.

``FollowUpDigest`` is the whole of a digest of follow-ups due (of a job placement, of a
programme's exit): it goes to whoever looks after the person, her case worker (an assignment in
force) or, when nobody has her in care, a fallback user of the record (who proposed the
placement, who recorded the exit). The follow-ups it names are logged as the worker's reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise

from reintegra.accounts.models import User
from reintegra.audit.bulk import log_reads
from reintegra.casework.caseload_queries import midnight
from reintegra.casework.models import CaseAssignment
from reintegra.dates import weekday
from reintegra.notifications.reminders import Reminder
from reintegra.notifications.selectors import sent_messages_about

DIGEST_HOUR = 7


def digest_day(now: datetime) -> date | None:
    """The local day whose digests are due now: only in the hour from ``DIGEST_HOUR``."""
    local = timezone.localtime(now)
    return local.date() if local.hour == DIGEST_HOUR else None


def not_yet_sent(workers: QuerySet[User], kind: str, day: date) -> list[int]:
    """The active workers with an e-mail address, of those given, who have had no digest of the
    kind on the day."""
    sent = sent_messages_about(User, [kind]).filter(object_id=OuterRef("pk"), occasion=midnight(day))
    return list(
        workers.filter(is_active=True)
        .exclude(email="")
        .exclude(Exists(sent))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def recipient(key: int) -> User | None:
    """The worker a digest is for, while she is active and has an e-mail address."""
    return User.objects.filter(pk=key, is_active=True).exclude(email="").first()


def digest(
    worker: User,
    day: date,
    *,
    kind: str,
    subject: Promise | str,
    template: str,
    url_name: str,
    **context: object,
) -> Reminder:
    """The day's digest to the worker, rendered in the site's language; the template gets the
    worker's ``name``, the ``day``, the page's ``url`` and the context given."""
    with translation.override(settings.LANGUAGE_CODE):
        full = {
            **context,
            "name": worker.first_name or worker.username,
            "day": weekday(day),
            "url": settings.SITE_URL.rstrip("/") + reverse(url_name),
        }
        return Reminder(
            kind=kind,
            recipient=worker.email,
            subject=str(subject) % full,
            body=render_to_string(template, full),
            related=worker,
            occasion=midnight(day),
        )


def in_care(person: str) -> QuerySet[CaseAssignment]:
    """The assignments in force of the person at the path ``person`` of the outer query."""
    return CaseAssignment.objects.filter(participant_id=OuterRef(person), ended_on__isnull=True)


def looked_after_by(worker: User, *, person: str, fallback: str) -> Q:
    """Records of people in the worker's care, or, for people nobody has in care, whose
    ``fallback`` user she is."""
    return Q(Exists(in_care(person).filter(worker=worker))) | (
        Q(**{fallback: worker}) & ~Q(Exists(in_care(person)))
    )


@dataclass(frozen=True)
class FollowUpDigest:
    """A daily digest of follow-ups due. ``due(day)`` is every follow-up due on the day;
    ``person`` and ``fallback`` are the paths from a follow-up to its person's id and to the
    user who looks after it when nobody has the person in care; ``due_to(worker, day)`` the
    worker's own follow-ups due (``looked_after_by``, within what she may see). The subject
    may name the ``%(day)s``; the template gets the ``follow_ups``."""

    kind: str  # the kind of message, as SentMessage records it
    due: Callable[[date], QuerySet[Any]]
    person: str
    fallback: str
    due_to: Callable[[User, date], QuerySet[Any]]
    subject: Promise | str
    template: str
    url_name: str

    def workers_due(self, now: datetime) -> list[int]:
        """In the hour from ``DIGEST_HOUR``: the active workers with an e-mail address and a
        follow-up due who have had no such digest today."""
        day = digest_day(now)
        if day is None:
            return []
        due = self.due(day)
        workers = set(
            CaseAssignment.objects.filter(
                ended_on__isnull=True, participant_id__in=due.values(self.person)
            ).values_list("worker_id", flat=True)
        )
        workers |= set(
            due.exclude(Exists(in_care(self.person)))
            .exclude(**{f"{self.fallback}__isnull": True})
            .values_list(self.fallback, flat=True)
        )
        return not_yet_sent(User.objects.filter(pk__in=workers), self.kind, day)

    def reminders(self, key: int, now: datetime) -> list[Reminder]:
        """The worker's follow-ups due today; none due, no message."""
        worker = recipient(key)
        if worker is None:
            return []
        today = timezone.localdate(now)
        follow_ups: Sequence[Model] = list(self.due_to(worker, today))
        if not follow_ups:
            return []
        log_reads(follow_ups, actor=worker)
        return [
            digest(
                worker,
                today,
                kind=self.kind,
                subject=self.subject,
                template=self.template,
                url_name=self.url_name,
                follow_ups=follow_ups,
            )
        ]
