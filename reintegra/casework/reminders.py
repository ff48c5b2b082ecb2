"""Case work's reminders: of a planned meeting, to the person and to their case worker, and a
daily digest to each case worker of what is overdue in their caseload.

Registered from ``CaseworkConfig.ready`` as two sources (``notifications.reminders``):

* ``casework.meeting``: a planned meeting starting within ``MEETING_AHEAD``. Its case worker
  is reminded when they have an e-mail address; the person only when the meeting is with them
  (not with a family member), they have an e-mail address, and their consent to contact by
  e-mail (``ConsentKind.CONTACT``) is in force when the reminder is sent.
* ``casework.digest``: on the run in the hour from ``DIGEST_HOUR`` (Warsaw time), each active
  worker with someone in their care gets the overdue part of their caseload, read by the
  caseload's own rules (``caseload.caseload_for``, which logs what it shows as the worker's
  read); nothing overdue, no message. The hour, the once a day and the message are the parts
  every daily digest shares (``casework.digests``).

E-mails are plain text, in Polish (the site's language), from templates/casework/email/.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra.accounts.models import User
from reintegra.casework.caseload import Caseload, caseload_for
from reintegra.casework.digests import digest, digest_day, not_yet_sent, recipient
from reintegra.casework.models import CaseAssignment, Meeting, MeetingStatus
from reintegra.dates import weekday
from reintegra.notifications.reminders import Reminder, ReminderSource, register
from reintegra.notifications.selectors import sent_messages_about
from reintegra.people.models import ConsentKind
from reintegra.people.services import consent_in_force

MEETING_AHEAD = timedelta(hours=24)

MEETING = "casework.meeting"
DIGEST = "casework.digest"

# Kinds of message, as recorded in SentMessage.
TO_PARTICIPANT = "meeting.participant"
TO_WORKER = "meeting.worker"
OVERDUE_DIGEST = "casework.overdue_digest"


def register_sources() -> None:
    register(ReminderSource(MEETING, meetings_due, meeting_reminders))
    register(ReminderSource(DIGEST, digests_due, digest_reminders))


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- Meetings ---------------------------------------------------------------------------


def meetings_due(now: datetime) -> list[int]:
    """Planned meetings starting within ``MEETING_AHEAD`` of which no reminder went out yet."""
    reminded = sent_messages_about(Meeting, [TO_PARTICIPANT, TO_WORKER]).filter(
        object_id=OuterRef("pk"), occasion=OuterRef("starts_at")
    )
    return list(
        Meeting.objects.filter(
            status=MeetingStatus.PLANNED, starts_at__gt=now, starts_at__lte=now + MEETING_AHEAD
        )
        .exclude(Exists(reminded))
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)
    )


def meeting_reminders(key: int, now: datetime) -> list[Reminder]:
    """The reminders of a meeting still planned and ahead: to its worker, and to the person who
    consented to contact by e-mail."""
    meeting = (
        Meeting.objects.select_related("participant__organisation", "worker")
        .filter(pk=key, status=MeetingStatus.PLANNED, starts_at__gt=now)
        .first()
    )
    if meeting is None:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        found = [_to_worker(meeting)] if meeting.worker.is_active and meeting.worker.email else []
        if _may_contact(meeting):
            found.append(_to_participant(meeting))
        return found


def _may_contact(meeting: Meeting) -> bool:
    person = meeting.participant
    return (
        meeting.family_member_id is None
        and bool(person.email)
        and consent_in_force(person, ConsentKind.CONTACT)
    )


def _meeting_context(meeting: Meeting) -> dict[str, object]:
    local = timezone.localtime(meeting.starts_at)
    return {
        "meeting": meeting,
        "kind": meeting.get_kind_display(),
        "day": weekday(local),
        "time": f"{local:%H:%M}",
        "worker": meeting.worker.get_full_name() or meeting.worker.username,
        "organisation": meeting.participant.organisation.name,
    }


def _to_participant(meeting: Meeting) -> Reminder:
    context = _meeting_context(meeting)
    return Reminder(
        kind=TO_PARTICIPANT,
        recipient=meeting.participant.email,
        subject=_("Reminder: meeting on %(day)s at %(time)s") % context,
        body=render_to_string("casework/email/meeting_participant.txt", context),
        related=meeting,
        occasion=meeting.starts_at,
    )


def _to_worker(meeting: Meeting) -> Reminder:
    context = {
        **_meeting_context(meeting),
        "person": str(meeting.participant),
        "url": _link(reverse("casework:meeting_detail", args=[meeting.pk])),
    }
    return Reminder(
        kind=TO_WORKER,
        recipient=meeting.worker.email,
        subject=_("Meeting with %(person)s on %(day)s at %(time)s") % context,
        body=render_to_string("casework/email/meeting_worker.txt", context),
        related=meeting,
        occasion=meeting.starts_at,
    )


# --- The daily digest -------------------------------------------------------------------


def digests_due(now: datetime) -> list[int]:
    """In the hour from ``DIGEST_HOUR``: the active workers with an e-mail address and someone
    in their care who have had no digest today."""
    day = digest_day(now)
    if day is None:
        return []
    in_care = CaseAssignment.objects.filter(worker=OuterRef("pk"), ended_on__isnull=True)
    return not_yet_sent(User.objects.filter(Exists(in_care)), OVERDUE_DIGEST, day)


def digest_reminders(key: int, now: datetime) -> list[Reminder]:
    """The worker's digest of what is overdue today; nothing overdue, no digest."""
    worker = recipient(key)
    if worker is None:
        return []
    today = timezone.localdate(now)
    load = caseload_for(worker, today=today)
    if not _anything_overdue(load):
        return []
    return [
        digest(
            worker,
            today,
            kind=OVERDUE_DIGEST,
            subject=gettext_lazy("Overdue in your caseload on %(day)s"),
            template="casework/email/overdue_digest.txt",
            url_name="casework:caseload",
            load=load,
        )
    ]


def _anything_overdue(load: Caseload) -> bool:
    return bool(load.overdue_steps.count or load.plans_due.count or load.not_contacted.count)
