"""The e-mail that brings a survey round to an employer's contacts.

Registered from ``EmployersConfig.ready`` as the source ``employers.survey_invitation``
(``notifications.reminders``), keyed by invitation: sending a round queues one task per new
invitation at once (``send_invitation``), and the hourly ``send_reminders`` run picks up any
whose e-mail has not gone out (a worker that was down, a failed send). Each contact with an
e-mail address gets one message per invitation, never two (``notifications.services``).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reintegra.dates import day
from reintegra.employers.models import SurveyInvitation, SurveyRoundStatus
from reintegra.employers.quarter_labels import period_label
from reintegra.notifications.reminders import Reminder, ReminderSource, register
from reintegra.notifications.selectors import sent_messages_about

SOURCE = "employers.survey_invitation"
INVITATION = "survey.invitation"


def register_sources() -> None:
    register(ReminderSource(SOURCE, invitations_due, invitation_reminders))


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


def invitation_reminders(key: int, now: datetime) -> list[Reminder]:
    from reintegra.employers.surveys.services import contacts_of

    invitation = (
        SurveyInvitation.objects.select_related("round__organisation", "employer__organisation")
        .filter(pk=key, round__status=SurveyRoundStatus.OPEN)
        .first()
    )
    if invitation is None:
        return []
    survey = invitation.round
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "organisation": survey.organisation.name,
            "employer": invitation.employer.organisation.name,
            "period": period_label(survey.first_quarter, survey.last_quarter),
            "closes_on": day(survey.closes_on),
            "message": survey.message,
            "url": settings.SITE_URL.rstrip("/") + reverse("employers:surveys:answer", args=[survey.pk]),
        }
        subject = _("Whom will you hire in %(period)s? A survey from %(organisation)s") % context
        body = render_to_string("employers/surveys/email/invitation.txt", context)
        return [
            Reminder(
                kind=INVITATION,
                recipient=contact.email,
                subject=subject,
                body=body,
                related=invitation,
                occasion=invitation.sent_at,
            )
            for contact in contacts_of(invitation.employer)
            if contact.email
        ]
