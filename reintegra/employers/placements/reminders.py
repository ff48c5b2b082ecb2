"""The daily digest of retention follow-ups due: to each worker who looks after a person whose
job started 1, 3 or 6 months ago and whose follow-up is not recorded yet.

Registered from ``EmployersConfig.ready`` as the source ``placements.follow_ups``
(``notifications.reminders``). The worker is the person's case worker (an assignment in force);
for a person with none, whoever proposed the placement. On the run in the hour from
``DIGEST_HOUR`` (Warsaw time, the hour of case work's digest) each active worker with an e-mail
address and a follow-up due gets one message a day naming the people, employers and months;
the follow-ups it names are logged as the worker's reads (``casework.digests.FollowUpDigest``).
The worker records the answers on the follow-ups page (``placements/services.follow_up_record``).
"""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from reintegra.casework.digests import FollowUpDigest
from reintegra.employers.models import RetentionFollowUp
from reintegra.employers.placements.selectors import FALLBACK, PERSON, follow_ups_due_to
from reintegra.notifications.reminders import ReminderSource, register

SOURCE = "placements.follow_ups"
FOLLOW_UP_DIGEST = "placements.follow_up_digest"  # the kind of message, as SentMessage records it


def _due(today: date) -> QuerySet[RetentionFollowUp]:
    return RetentionFollowUp.objects.filter(due_on__lte=today, recorded_at__isnull=True)


DIGEST = FollowUpDigest(
    kind=FOLLOW_UP_DIGEST,
    due=_due,
    person=PERSON,
    fallback=FALLBACK,
    due_to=follow_ups_due_to,
    subject=_("Employment follow-ups due on %(day)s"),
    template="employers/placements/email/follow_up_digest.txt",
    url_name="employers:placements:follow_ups",
)
digests_due = DIGEST.workers_due
digest_reminders = DIGEST.reminders


def register_sources() -> None:
    register(ReminderSource(SOURCE, digests_due, digest_reminders))
