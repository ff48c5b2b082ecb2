"""The e-mails that bring a survey round to an employer's contacts, and remind them of it.

Registered from ``EmployersConfig.ready`` as two sources (``notifications.reminders``), both
keyed by invitation:

* ``employers.survey_invitation``: sending a round queues one task per new invitation at once
  (``send_invitation``), and the hourly ``send_reminders`` run picks up any whose e-mail has
  not gone out (a worker that was down, a failed send);
* ``employers.survey_reminder``: within ``REMIND_AHEAD`` of the closing day, the contacts of an
  employer that has not answered yet are reminded, once.

Each contact with an e-mail address gets one message of each kind per invitation, never two
(``notifications.services``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.dates import day
from reintegra.employers.models import SurveyAnswer, SurveyInvitation, SurveyRoundStatus
from reintegra.employers.quarter_labels import period_label
from reintegra.notifications.reminders import Reminder, ReminderSource, register
from reintegra.notifications.selectors import sent_messages_about

SOURCE = "employers.survey_invitation"
REMINDER_SOURCE = "employers.survey_reminder"
INVITATION = "survey.invitation"
BEFORE_CLOSE = "survey.before_close"
REMIND_AHEAD = timedelta(days=7)


def register_sources() -> None:
    register(ReminderSource(SOURCE, invitations_due, invitation_reminders))
    register(ReminderSource(REMINDER_SOURCE, unanswered_due, unanswered_reminders))


def send_invitation(pk: int) -> None:
    """Queue the invitation's e-mails now (run after the sending transaction commits)."""
    from reintegra.notifications.tasks import reminders_send

    reminders_send.enqueue(SOURCE, pk)


def invitations_due(now: datetime) -> list[int]:
    """Invitations of open rounds not yet closed of which no e-mail went out."""
    sent = sent_messages_about(SurveyInvitation, [INVITATION]).filter(object_id=OuterRef("pk"))
    return list(
        SurveyInvitation.objects.filter(
            round__status=SurveyRoundStatus.OPEN, round__closes_on__gte=timezone.localdate(now)
        )
        .exclude(Exists(sent))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def unanswered_due(now: datetime) -> list[int]:
    """Invitations of open rounds closing within ``REMIND_AHEAD``, of employers that have not
    answered, whose contacts were not reminded yet."""
    today = timezone.localdate(now)
    reminded = sent_messages_about(SurveyInvitation, [BEFORE_CLOSE]).filter(object_id=OuterRef("pk"))
    answered = SurveyAnswer.objects.filter(round_id=OuterRef("round_id"), employer_id=OuterRef("employer_id"))
    return list(
        SurveyInvitation.objects.filter(
            round__status=SurveyRoundStatus.OPEN,
            round__closes_on__gte=today,
            round__closes_on__lte=today + REMIND_AHEAD,
        )
        .exclude(Exists(reminded))
        .exclude(Exists(answered))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def invitation_reminders(key: int, now: datetime) -> list[Reminder]:
    return _messages(key, now, INVITATION)


def unanswered_reminders(key: int, now: datetime) -> list[Reminder]:
    return _messages(key, now, BEFORE_CLOSE)


def _messages(key: int, now: datetime, kind: str) -> list[Reminder]:
    from reintegra.employers.surveys.services import contacts_of

    invitation = (
        SurveyInvitation.objects.select_related("round__organisation", "employer__organisation")
        .filter(pk=key, round__status=SurveyRoundStatus.OPEN, round__closes_on__gte=timezone.localdate(now))
        .first()
    )
    if invitation is None:
        return []
    survey = invitation.round
    if kind == BEFORE_CLOSE and survey.answers.filter(employer_id=invitation.employer_id).exists():
        return []
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": survey.organisation.name,
            "employer": invitation.employer.organisation.name,
            "period": period_label(survey.first_quarter, survey.last_quarter),
            "closes_on": day(survey.closes_on),
            "message": survey.message,
            "url": settings.SITE_URL.rstrip("/") + reverse("employers:surveys:answer", args=[survey.pk]),
        }
        if kind == INVITATION:
            subject = _("Whom will you hire in %(period)s? A survey from %(organisation)s") % context
        else:
            subject = _("Reminder: the survey from %(organisation)s closes on %(closes_on)s") % context
        body = render_to_string("employers/surveys/email/invitation.txt", context)
        return [
            Reminder(
                kind=kind,
                recipient=contact.email,
                subject=subject,
                body=body,
                related=invitation,
                occasion=invitation.sent_at,
            )
            for contact in contacts_of(invitation.employer)
            if contact.email
        ]
