"""Reminders of meetings (to the person who consented, to the case worker) and the daily digest
of what is overdue, sent by background tasks queued by ``manage.py send_reminders``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.tasks import default_task_backend

from reintegra.accounts.models import Organisation, User
from reintegra.casework import reminders
from reintegra.casework.models import CaseAssignment, Meeting
from reintegra.casework.services import NextStepData
from reintegra.notifications.models import SentMessage, SentMessageStatus
from reintegra.notifications.tasks import reminders_send
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, FamilyMember, Participant
from tests.casework.conftest import at, meeting_for
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 11)
NOW = at(TODAY, 7, 30)  # the hour of the digest, Warsaw time
DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def frozen_now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def person(organisation: Organisation, email: str, *, consents: bool, actor: User) -> Participant:
    participant = ParticipantFactory(organisation=organisation, email=email, first_name="Anna")
    if consents:
        people_services.consent_record(
            actor=actor,
            participant=participant,
            kind=ConsentKind.CONTACT,
            given_on=date(2026, 1, 5),
            document="Z1",
        )
    return participant


def sent_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if address in message.to]


def test_a_reminder_task_sends_one_email_per_consenting_participant_and_none_to_the_others(
    organisation: Organisation, caseworker: User
) -> None:
    consenting = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    not_consenting = person(organisation, "bez.zgody@example.org", consents=False, actor=caseworker)
    withdrawn = person(organisation, "wycofana@example.org", consents=True, actor=caseworker)
    people_services.consent_withdraw(actor=caseworker, consent=withdrawn.consents.get(), withdrawn_on=TODAY)
    no_address = person(organisation, "", consents=True, actor=caseworker)
    meetings = [
        meeting_for(someone, caseworker, NOW + timedelta(hours=3))
        for someone in (consenting, not_consenting, withdrawn, no_address)
    ]

    for meeting in meetings:
        reminders_send.enqueue(reminders.MEETING, meeting.pk)

    to_people = [message.to for message in mail.outbox if caseworker.email not in message.to]
    assert to_people == [["zgoda@example.org"]]
    assert len(sent_to(caseworker.email)) == 4


def test_the_participants_reminder_is_in_polish_and_says_when_and_with_whom(
    organisation: Organisation, caseworker: User
) -> None:
    consenting = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    meeting = meeting_for(consenting, caseworker, at(TODAY, 14, 30))

    reminders_send.enqueue(reminders.MEETING, meeting.pk)

    [message] = sent_to("zgoda@example.org")
    assert message.subject == "Przypomnienie o spotkaniu: środa, 11.3.2026, godz. 14:30"
    assert "Dzień dobry, Anna" in message.body
    assert "środa, 11.3.2026, godz. 14:30" in message.body
    assert caseworker.get_full_name() in message.body
    assert organisation.name in message.body
    assert message.content_subtype == "plain"


def test_the_case_worker_is_reminded_of_their_meeting_with_a_link_to_it(
    organisation: Organisation, caseworker: User
) -> None:
    no_consent = person(organisation, "bez.zgody@example.org", consents=False, actor=caseworker)
    meeting = meeting_for(no_consent, caseworker, at(TODAY, 14, 30), duration_minutes=45)

    reminders_send.enqueue(reminders.MEETING, meeting.pk)

    [message] = mail.outbox
    assert message.to == [caseworker.email]
    assert str(no_consent) in message.subject
    assert "(45 min)" in message.body
    assert f"/casework/meetings/{meeting.pk}/" in message.body


def test_a_sent_reminder_is_recorded(organisation: Organisation, caseworker: User) -> None:
    consenting = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    meeting = meeting_for(consenting, caseworker, NOW + timedelta(hours=3))

    reminders_send.enqueue(reminders.MEETING, meeting.pk)

    record = SentMessage.objects.get(recipient="zgoda@example.org")
    assert (record.kind, record.related, record.status) == (
        reminders.TO_PARTICIPANT,
        meeting,
        SentMessageStatus.SENT,
    )
    assert record.subject == sent_to("zgoda@example.org")[0].subject
    assert record.sent_at == NOW
    assert SentMessage.objects.filter(kind=reminders.TO_WORKER, recipient=caseworker.email).count() == 1


def test_a_second_run_sends_no_reminder_twice(organisation: Organisation, caseworker: User) -> None:
    consenting = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    meeting = meeting_for(consenting, caseworker, NOW + timedelta(hours=3))

    call_command("send_reminders", stdout=None)
    reminders_send.enqueue(reminders.MEETING, meeting.pk)  # queued again by hand
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        call_command("send_reminders")

    assert len(mail.outbox) == 2
    assert SentMessage.objects.count() == 2


def test_a_meeting_moved_to_another_time_is_reminded_of_again(
    organisation: Organisation, caseworker: User
) -> None:
    no_consent = person(organisation, "bez.zgody@example.org", consents=False, actor=caseworker)
    meeting = meeting_for(no_consent, caseworker, NOW + timedelta(hours=3))
    reminders_send.enqueue(reminders.MEETING, meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=NOW + timedelta(hours=5))

    assert reminders.meetings_due(NOW) == [meeting.pk]
    reminders_send.enqueue(reminders.MEETING, meeting.pk)
    assert len(mail.outbox) == 2


def test_only_planned_meetings_within_a_day_ahead_are_due(
    organisation: Organisation, caseworker: User
) -> None:
    someone = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    soon = meeting_for(someone, caseworker, NOW + timedelta(hours=23))
    meeting_for(someone, caseworker, NOW + timedelta(hours=25))  # tomorrow's run
    meeting_for(someone, caseworker, NOW - timedelta(hours=1))  # past, so recorded as held

    assert reminders.meetings_due(NOW) == [soon.pk]


def test_a_meeting_with_a_family_member_reminds_only_the_worker(
    organisation: Organisation, caseworker: User
) -> None:
    someone = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    mother = FamilyMember.objects.create(
        participant=someone, first_name="Maria", last_name="Kowalska", relation="parent"
    )
    meeting = meeting_for(someone, caseworker, NOW + timedelta(hours=3), family_member=mother)

    reminders_send.enqueue(reminders.MEETING, meeting.pk)

    assert [message.to for message in mail.outbox] == [[caseworker.email]]
    assert "Maria Kowalska" in mail.outbox[0].body


def test_the_command_queues_a_task_per_meeting_due(
    organisation: Organisation, caseworker: User, settings: Any
) -> None:
    someone = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    meeting = meeting_for(someone, caseworker, NOW + timedelta(hours=3))
    settings.TASKS = DUMMY_TASKS

    call_command("send_reminders")

    queued = [(result.task.name, result.args) for result in default_task_backend.results]
    assert queued == [("reminders_send", [reminders.MEETING, meeting.pk])]
    assert mail.outbox == []


# --- The daily digest -------------------------------------------------------------------


def test_the_daily_digest_lists_what_the_caseload_counts_as_overdue(
    in_care: CaseAssignment, caseworker: User
) -> None:
    meeting_for(
        in_care.participant,
        caseworker,
        at(TODAY - timedelta(days=10)),
        next_steps=[
            NextStepData("Złożyć wniosek", TODAY - timedelta(days=1)),
            NextStepData("Umówić lekarza", TODAY + timedelta(days=3)),
        ],
    )

    call_command("send_reminders")

    [digest] = sent_to(caseworker.email)
    assert digest.subject == "Zaległości w Twoich sprawach: środa, 11.3.2026"
    assert "Zaległe kroki (1):" in digest.body
    assert "- Łucja Żółkiewska: Złożyć wniosek (termin: 10.3.2026)" in digest.body
    assert "Umówić lekarza" not in digest.body
    assert "/casework/" in digest.body
    assert SentMessage.objects.get(kind=reminders.OVERDUE_DIGEST).related == caseworker


def test_the_digest_names_people_not_contacted_for_too_long(
    in_care: CaseAssignment, caseworker: User
) -> None:
    reminders_send.enqueue(reminders.DIGEST, caseworker.pk)  # assigned in January, never met

    [digest] = mail.outbox
    assert "Osoby bez kontaktu zbyt długo (1):" in digest.body
    assert "- Łucja Żółkiewska: 65 dni bez kontaktu" in digest.body


def test_the_digest_goes_out_once_a_day_in_its_hour(in_care: CaseAssignment, caseworker: User) -> None:
    assert reminders.digests_due(NOW) == [caseworker.pk]
    assert reminders.digests_due(at(TODAY, 9)) == []

    call_command("send_reminders")
    call_command("send_reminders")

    assert reminders.digests_due(NOW) == []
    assert len(mail.outbox) == 1
    assert reminders.digests_due(at(TODAY + timedelta(days=1), 7, 5)) == [caseworker.pk]


def test_no_digest_when_nothing_is_overdue(in_care: CaseAssignment, caseworker: User) -> None:
    meeting_for(in_care.participant, caseworker, NOW - timedelta(days=1))  # held yesterday

    reminders_send.enqueue(reminders.DIGEST, caseworker.pk)

    assert mail.outbox == []
    assert not SentMessage.objects.exists()


def test_a_worker_without_anyone_in_care_gets_no_digest(caseworker: User) -> None:
    assert reminders.digests_due(NOW) == []


def test_the_record_of_a_reminder_goes_with_its_meeting(organisation: Organisation, caseworker: User) -> None:
    consenting = person(organisation, "zgoda@example.org", consents=True, actor=caseworker)
    meeting = meeting_for(consenting, caseworker, NOW + timedelta(hours=3))
    reminders_send.enqueue(reminders.MEETING, meeting.pk)

    consenting.delete()

    assert not SentMessage.objects.exists()
