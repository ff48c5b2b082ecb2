"""The top of a person's file says what matters now, from every app, at a bounded cost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, OrganisationType, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services as casework_services
from reintegra.casework.models import MeetingKind
from reintegra.partnership import services as partnership_services
from reintegra.partnership.models import MemberRole
from reintegra.people import services as people_services
from reintegra.people.models import ConsentKind, Participant
from reintegra.plans import services as plan_services
from reintegra.programmes import services as programme_services
from tests.conftest import client_for
from tests.factories import OrganisationFactory, ParticipantFactory, ProgrammeFactory, agreement_for, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ours(organisation: Organisation) -> Participant:
    return ParticipantFactory(organisation=organisation, first_name="Łucja", last_name="Żółkiewska")


def file_of(client: Client, person: Participant) -> tuple[dict[str, list[str]], str]:
    response = client.get(reverse("people:participant_detail", args=[person.pk]))
    assert response.status_code == 200
    sections = {section.key: [item.text for item in section.items] for section in response.context["summary"]}
    return sections, response.content.decode()


def a_meeting(person: Participant, worker: User, starts_at: object) -> None:
    casework_services.meeting_record(
        actor=worker,
        participant=person,
        data=casework_services.MeetingData(
            starts_at=starts_at, duration_minutes=60, kind=MeetingKind.SOCIAL_WORK
        ),
    )


def fill(person: Participant, caseworker: User, coordinator: User, *, times: int = 1, first: int = 0) -> None:
    """Assignments, meetings, programmes, plans, referrals and consents: ``times`` of each."""
    now = timezone.now()
    ngo = OrganisationFactory(type=OrganisationType.NGO)
    partnership = partnership_services.partnership_create(
        actor=None, organisation=person.organisation, name=f"Partnerstwo {ngo.pk}", area_description="powiat"
    )
    partnership_services.partnership_member_add(
        actor=None, partnership=partnership, organisation=ngo, role=MemberRole.PARTNER
    )
    agreement_for(partnership, ngo)
    if not person.consents.filter(kind=ConsentKind.SHARING_WITH_PARTNERS).exists():
        people_services.consent_record(
            actor=caseworker,
            participant=person,
            kind=ConsentKind.SHARING_WITH_PARTNERS,
            given_on=date(2026, 1, 5),
            document="Oświadczenie 7/2026",
        )
    for index in range(first, first + times):
        worker = caseworker if index == 0 else member_of(person.organisation, index)
        casework_services.assignment_create(actor=coordinator, participant=person, worker=worker)
        a_meeting(person, caseworker, now + timedelta(days=index + 1))
        a_meeting(person, caseworker, now - timedelta(days=index + 1))
        programme = ProgrammeFactory(organisation=person.organisation)
        programme_services.enrolment_apply(actor=coordinator, programme=programme, participant=person)
        plan_services.plan_create(
            actor=caseworker, participant=person, plan_type_code="generic", starts_on=date(2026, 1, 5 + index)
        )
        partnership_services.referral_send(
            actor=caseworker, participant=person, to_organisation=ngo, fields=["name"], reason="Wsparcie."
        )


def member_of(organisation: Organisation, index: int) -> User:
    return member(organisation, Role.CASE_WORKER, username=f"pracownik{index}")


def test_the_file_opens_with_the_case_workers_programmes_plan_meeting_referrals_and_consents(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    fill(ours, caseworker, coordinator)

    sections, html = file_of(client_for(caseworker), ours)

    assert list(sections) == [
        "case_workers",
        "programmes",
        "plan",
        "next_meeting",
        "placements",
        "referrals",
        "consents",
    ]
    assert sections["case_workers"] == [str(caseworker)]
    assert len(sections["programmes"]) == len(sections["plan"]) == len(sections["next_meeting"]) == 1
    assert len(sections["referrals"]) == 1
    assert sections["consents"] == [str(ConsentKind.SHARING_WITH_PARTNERS.label)]
    assert 'data-testid="file-summary"' in html


def test_an_empty_file_says_there_is_nothing_yet(
    ours: Participant, caseworker: User, in_english: None
) -> None:
    sections, html = file_of(client_for(caseworker), ours)

    assert all(items == [] for items in sections.values())
    assert "Nobody looks after this person yet." in html
    assert "No meeting planned." in html


def test_a_withdrawn_consent_a_past_meeting_and_an_ended_assignment_are_not_in_the_summary(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    fill(ours, caseworker, coordinator)
    consent = ours.consents.get()
    people_services.consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=date(2026, 2, 1))
    casework_services.assignment_end(actor=coordinator, assignment=ours.assignments.get())
    ours.meetings.filter(starts_at__gt=timezone.now()).delete()

    sections, _html = file_of(client_for(caseworker), ours)

    assert sections["consents"] == sections["case_workers"] == sections["next_meeting"] == []


def test_what_the_summary_shows_is_logged_as_read_in_one_statement(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    fill(ours, caseworker, coordinator)
    client = client_for(caseworker)
    before = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=caseworker).count()

    file_of(client, ours)

    read = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, actor=caseworker)
    models = set(read.values_list("content_type__model", flat=True))
    assert (
        read.count() - before == 7
    )  # the person, the assignment, enrolment, plan, meeting, referral, consent
    assert {
        "participant",
        "caseassignment",
        "enrolment",
        "individualplan",
        "meeting",
        "referral",
        "consent",
    } <= models


def _queries(client: Client, person: Participant) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people:participant_detail", args=[person.pk]))
    assert response.status_code == 200
    return len(queries)


def test_the_file_costs_the_same_few_queries_however_much_it_holds(
    ours: Participant, caseworker: User, coordinator: User
) -> None:
    client = client_for(caseworker)
    fill(ours, caseworker, coordinator)
    client.get(reverse("people:participant_detail", args=[ours.pk]))  # warm the caches
    few = _queries(client, ours)

    fill(ours, caseworker, coordinator, times=8, first=1)
    many = _queries(client, ours)

    assert few == many <= 15
