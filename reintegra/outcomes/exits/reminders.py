"""The daily digest of follow-ups after the exit: to each worker who looks after a person whose
follow-up (3, 6 or 12 months after leaving a programme) is due and not recorded yet.

Registered from ``OutcomesConfig.ready`` as the source ``exits.follow_ups``
(``notifications.reminders``). The worker is the person's case worker (an assignment in force);
for a person with none, whoever recorded her exit. On the run in the hour from ``DIGEST_HOUR``
(Warsaw time, the hour of case work's digest) each active worker with an e-mail address and a
follow-up due gets one message a day naming the people, programmes and months; the follow-ups it
names are logged as the worker's reads (``casework.digests.FollowUpDigest``). The worker records
the answers from the to-do list.
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.casework.digests import FollowUpDigest, looked_after_by
from reintegra.notifications.reminders import ReminderSource, register
from reintegra.outcomes.models import FollowUp, FollowUpStatus

SOURCE = "exits.follow_ups"
FOLLOW_UP_DIGEST = "exits.follow_up_digest"  # the kind of message, as SentMessage records it
PERSON = "enrolment__participant_id"
RECORDED_BY = "enrolment__exit_record__recorded_by"


def _due(today: date) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(status=FollowUpStatus.DUE, due_on__lte=today)


def due_to(worker: User, today: date) -> QuerySet[FollowUp]:
    """The follow-ups due of the people in the worker's care, or whose exit she recorded if
    nobody has them in care, in the organisations where she records follow-ups."""
    return (
        _due(today)
        .filter(looked_after_by(worker, person=PERSON, fallback=RECORDED_BY))
        .filter(
            enrolment__programme__organisation_id__in=policy.organisation_ids_where(
                worker, "follow_up.record"
            )
        )
        .select_related("enrolment__participant", "enrolment__programme")
        .order_by("due_on", "pk")
    )


DIGEST = FollowUpDigest(
    kind=FOLLOW_UP_DIGEST,
    due=_due,
    person=PERSON,
    fallback=RECORDED_BY,
    due_to=due_to,
    subject=_("Follow-ups after the exit due on %(day)s"),
    template="outcomes/exits/email/follow_up_digest.txt",
    url_name="outcomes:exits:follow_ups_due",
)
digests_due = DIGEST.workers_due
digest_reminders = DIGEST.reminders


def register_sources() -> None:
    register(ReminderSource(SOURCE, digests_due, digest_reminders))
