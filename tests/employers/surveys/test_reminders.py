"""The survey's e-mails: the invitation once per contact, and a reminder before the close to
the contacts of an employer that has not answered."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.employers.models import AnswerChannel, Employer, Occupation, Site, SurveyRound
from reintegra.employers.surveys import reminders, services
from reintegra.notifications.services import reminders_send
from tests.employers.surveys.conftest import this_quarter

pytestmark = pytest.mark.django_db


def test_an_invitation_is_e_mailed_once_and_then_no_longer_due(
    sent_survey: SurveyRound, bakery_contact: User
) -> None:
    (invitation,) = sent_survey.invitations.all()
    now = timezone.now()

    first = reminders_send(reminders.SOURCE, invitation.pk, now=now)
    second = reminders_send(reminders.SOURCE, invitation.pk, now=now)

    assert (first, second) == (1, 0)
    assert mail.outbox[0].to == [bakery_contact.email]
    assert reminders.invitations_due(now) == []


def test_an_employer_that_has_not_answered_is_reminded_in_the_last_week(
    sent_survey: SurveyRound,
    bakery_contact: User,
    shop: Employer,
    shop_contact: User,
    coordinator: User,
    bakery: Employer,
    baker: Occupation,
    bakery_site: Site,
) -> None:
    services.survey_round_send(actor=coordinator, survey=sent_survey)
    services.survey_answer_save(
        actor=coordinator,
        survey=sent_survey,
        employer=bakery,
        data=services.AnswerData(
            lines=[services.LineData(occupation=baker, count=1, quarter=this_quarter())]
        ),
        channel=AnswerChannel.PHONE,
    )
    shops = sent_survey.invitations.get(employer=shop)

    assert reminders.unanswered_due(timezone.now()) == []
    with time_machine.travel(sent_survey.closes_on - timedelta(days=3)):
        now = timezone.now()
        assert reminders.unanswered_due(now) == [shops.pk]
        assert reminders_send(reminders.REMINDER_SOURCE, shops.pk, now=now) == 1
        assert reminders.unanswered_due(now) == []
    assert mail.outbox[-1].to == [shop_contact.email]
