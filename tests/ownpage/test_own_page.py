"""The participant's own page shows her sessions, passport, plan, votes and files, and never
anyone else's: someone else's ids answer 404, and an unlinked account gets a friendly word."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities import services as activity_services
from reintegra.activities.models import Proposal, Session, Vote, VotingRound
from reintegra.attachments import services as attachment_services
from reintegra.audit.models import AuditEntry
from reintegra.ownpage import services as own_services
from reintegra.ownpage.models import EntryStatus, PassportEntry
from reintegra.people import services as people_services
from reintegra.people.models import Participant
from reintegra.plans import services as plan_services
from reintegra.plans.models import PlanAction, PlanGoal
from reintegra.programmes.models import Group, Programme
from reintegra.questionnaires import services as questionnaire_services
from reintegra.questionnaires.models import QuestionnaireVersion, Response
from tests.attachments.conftest import PDF_BYTES, upload
from tests.conftest import client_for
from tests.factories import ParticipantFactory, member
from tests.reads import reads_of

pytestmark = pytest.mark.django_db


def session_of(club: Programme, group: Group | None, leader: User, title: str, days: int) -> Session:
    start = timezone.now() + timedelta(days=days)
    return Session.objects.create(
        programme=club,
        group=group,
        kind="club_meeting",
        title=title,
        leader=leader,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        planned_hours=2,
    )


def test_the_page_shows_her_next_sessions_and_not_other_groups_or_past_ones(
    ola_account: User, club: Programme, group: Group, leader: User
) -> None:
    other_group = Group.objects.create(programme=club, name="Grupa B")
    session_of(club, group, leader, "Fotoprojekt", 2)
    session_of(club, None, leader, "Zebranie klubu", 3)
    session_of(club, other_group, leader, "Grupa B gra", 2)
    session_of(club, group, leader, "Było", -3)
    page = client_for(ola_account).get(reverse("ownpage:own_page"))
    assert page.status_code == 200
    assert [s.title for s in page.context["sessions"]] == ["Fotoprojekt", "Zebranie klubu"]


def test_the_landing_page_links_the_participant_to_her_page(ola_account: User) -> None:
    page = client_for(ola_account).get(reverse("home"))
    assert reverse("ownpage:own_page") in page.content.decode()


def test_an_account_without_a_linked_record_gets_a_friendly_message(participant: User) -> None:
    page = client_for(participant).get(reverse("ownpage:own_page"))
    assert page.status_code == 200
    assert b"own-page-not-linked" in page.content


def test_staff_may_not_open_the_participants_page(caseworker: User) -> None:
    assert client_for(caseworker).get(reverse("ownpage:own_page")).status_code == 403


def test_her_plan_shows_goals_and_actions_with_dates_in_plain_words(
    ola_account: User, ola: Participant, caseworker: User
) -> None:
    plan = plan_services.plan_create(
        actor=caseworker, participant=ola, plan_type_code="ipzs", starts_on=date(2026, 11, 2)
    )
    PlanGoal.objects.create(plan=plan, text="Znaleźć staż w gastronomii")
    PlanAction.objects.create(plan=plan, what="Kurs baristy", deadline=date(2027, 1, 15))
    html = client_for(ola_account).get(reverse("ownpage:own_page")).content.decode()
    assert "Znaleźć staż w gastronomii" in html
    assert "Kurs baristy" in html
    assert "15.1.2027" in html
    assert "ipzs" not in html.lower()


def test_a_passport_entry_waits_until_a_worker_confirms_it(
    ola_account: User, ola: Participant, caseworker: User
) -> None:
    response = client_for(ola_account).post(reverse("ownpage:own_page"), {"text": "Wolontariat w schronisku"})
    assert response.status_code == 302
    entry = PassportEntry.objects.get(participant=ola)
    assert entry.status == EntryStatus.AWAITING
    worker = client_for(caseworker)
    assert (
        "Wolontariat w schronisku"
        in worker.get(reverse("ownpage:account_link", args=[ola.pk])).content.decode()
    )
    worker.post(reverse("ownpage:entry_confirm", args=[entry.pk]))
    entry.refresh_from_db()
    assert (entry.status, entry.confirmed_by) == (EntryStatus.CONFIRMED, caseworker)
    assert (
        AuditEntry.objects.filter(object_pk=str(entry.pk), content_type__model="passportentry")
        .exclude(action=AuditEntry.Action.ACCESS)
        .count()
        == 2
    )


def test_an_empty_passport_entry_is_refused_naming_the_field(ola_account: User) -> None:
    response = client_for(ola_account).post(reverse("ownpage:own_page"), {"text": ""})
    assert response.status_code == 400
    assert "text" in response.context["form"].errors


def test_a_worker_of_another_organisation_may_not_confirm_an_entry(
    ola_account: User, ola: Participant, outsider: User
) -> None:
    entry = PassportEntry.objects.create(participant=ola, text="Kurs")
    assert client_for(outsider).post(reverse("ownpage:entry_confirm", args=[entry.pk])).status_code == 404


def test_she_votes_on_a_proposal_of_her_club_and_may_change_her_vote(
    ola_account: User, ola: Participant, club: Programme
) -> None:
    now = timezone.now()
    voting = activity_services.voting_round_open(
        actor=None,
        programme=club,
        title="Jesień",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
    )
    proposal = activity_services.proposal_create(
        actor=None, voting=voting, data=activity_services.ProposalData(title="Klub filmowy")
    )
    client = client_for(ola_account)
    assert "Klub filmowy" in client.get(reverse("ownpage:own_page")).content.decode()
    client.post(reverse("ownpage:own_vote", args=[proposal.pk]), {"in_favour": "yes"})
    assert Vote.objects.get(participant=ola, proposal=proposal).in_favour
    client.post(reverse("ownpage:own_vote", args=[proposal.pk]), {"in_favour": "no"})
    assert not Vote.objects.get(participant=ola, proposal=proposal).in_favour


def test_she_may_not_vote_in_a_club_she_is_not_a_member_of(
    ola_account: User, organisation: Organisation
) -> None:
    from tests.factories import ProgrammeFactory

    other_club = ProgrammeFactory(organisation=organisation)
    now = timezone.now()
    voting = activity_services.voting_round_open(
        actor=None,
        programme=other_club,
        title="Inny",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
    )
    proposal = activity_services.proposal_create(
        actor=None, voting=voting, data=activity_services.ProposalData(title="Nie moje")
    )
    response = client_for(ola_account).post(
        reverse("ownpage:own_vote", args=[proposal.pk]), {"in_favour": "yes"}
    )
    assert response.status_code == 404


def test_she_downloads_her_own_files_and_gets_404_for_someone_elses(
    ola_account: User, ola: Participant, kuba: Participant, caseworker: User
) -> None:
    hers = attachment_services.attachment_add(
        actor=caseworker, owner_kind="participant", owner=ola, upload=upload("CV.pdf", PDF_BYTES)
    )
    his = attachment_services.attachment_add(
        actor=caseworker, owner_kind="participant", owner=kuba, upload=upload("jego.pdf", PDF_BYTES)
    )
    client = client_for(ola_account)
    html = client.get(reverse("ownpage:own_page")).content.decode()
    assert "CV.pdf" in html
    assert "jego.pdf" not in html
    download = client.get(reverse("ownpage:own_attachment", args=[hers.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert client.get(reverse("ownpage:own_attachment", args=[his.pk])).status_code == 404
    assert client.get(reverse("attachments:download", args=[his.pk])).status_code == 404
    assert ("attachment", hers.pk) in reads_of(ola_account)


def test_she_cannot_reach_worker_pages_of_her_own_or_another_file(
    ola_account: User, ola: Participant, kuba: Participant
) -> None:
    client = client_for(ola_account)
    entry = PassportEntry.objects.create(participant=kuba, text="Jego wpis")
    assert client.get(reverse("ownpage:account_link", args=[kuba.pk])).status_code == 403
    assert client.post(reverse("ownpage:entry_confirm", args=[entry.pk])).status_code == 403
    assert "Jego wpis" not in client.get(reverse("ownpage:own_page")).content.decode()


def test_a_worker_links_and_unlinks_the_account_and_the_change_is_audited(
    organisation: Organisation, coordinator: User
) -> None:
    person = ParticipantFactory(organisation=organisation)
    account = member(organisation, Role.PARTICIPANT, username="nowy")
    client = client_for(coordinator)
    url = reverse("ownpage:account_link", args=[person.pk])
    assert client.post(url, {"account": account.pk}).status_code == 302
    person.refresh_from_db()
    assert person.account == account
    assert AuditEntry.objects.filter(
        object_pk=str(person.pk), content_type__model="participant", changes__icontains="account"
    ).exists()
    client.post(url, {"account": ""})
    person.refresh_from_db()
    assert person.account is None


def test_an_account_of_another_organisation_or_a_staff_account_cannot_be_linked(
    organisation: Organisation, other_organisation: Organisation, coordinator: User, caseworker: User
) -> None:
    person = ParticipantFactory(organisation=organisation)
    stranger = member(other_organisation, Role.PARTICIPANT, username="obcy")
    for account in (stranger, caseworker):
        with pytest.raises(ValidationError):
            people_services.participant_account_link(actor=coordinator, participant=person, account=account)
    response = client_for(coordinator).post(
        reverse("ownpage:account_link", args=[person.pk]), {"account": stranger.pk}
    )
    assert response.status_code == 400
    assert "account" in response.context["form"].errors


def test_an_account_already_linked_cannot_be_linked_to_a_second_record(
    ola_account: User, organisation: Organisation, coordinator: User
) -> None:
    person = ParticipantFactory(organisation=organisation)
    with pytest.raises(ValidationError):
        people_services.participant_account_link(actor=coordinator, participant=person, account=ola_account)


def test_her_passport_shows_the_questions_she_answered_in_words_and_dates_as_the_project_writes_them(
    ola_account: User, ola: Participant, kuba: Participant
) -> None:
    questionnaire_services.shipped_load()
    version = QuestionnaireVersion.objects.get(
        questionnaire__code="passport", questionnaire__organisation=None
    )
    Response.objects.create(
        participant=ola,
        version=version,
        filled_on=date(2026, 11, 3),
        answers={
            "pasje": "Gotowanie i muzyka",
            "aktywnosci": ["fotoprojekt", "muzyka"],
            "kompetencje_potwierdzone": True,
        },
    )
    Response.objects.create(
        participant=kuba, version=version, filled_on=date(2026, 11, 4), answers={"pasje": "Jego pasja"}
    )
    html = client_for(ola_account).get(reverse("ownpage:own_page")).content.decode()
    assert "Gotowanie i muzyka" in html
    assert "Fotoprojekt, Muzyka" in html
    assert "3.11.2026" in html
    assert "Jego pasja" not in html
    assert "fotoprojekt" not in html


def test_the_persons_file_leads_staff_to_the_account_and_the_entries_awaiting_confirmation(
    ola: Participant, caseworker: User
) -> None:
    html = client_for(caseworker).get(reverse("people:participant_detail", args=[ola.pk])).content.decode()
    assert reverse("ownpage:account_link", args=[ola.pk]) in html


def open_round(club: Programme, *, closes_in: timedelta = timedelta(days=5)) -> VotingRound:
    now = timezone.now()
    return activity_services.voting_round_open(
        actor=None,
        programme=club,
        title="Jesień",
        opens_at=now - timedelta(days=10),
        closes_at=now + closes_in,
    )


def test_she_proposes_an_activity_to_her_club_and_it_is_hers_and_audited(
    ola_account: User, ola: Participant, club: Programme
) -> None:
    voting = open_round(club)
    client = client_for(ola_account)
    assert f"round-{voting.pk}-title" in client.get(reverse("ownpage:own_page")).content.decode()
    response = client.post(
        reverse("ownpage:own_propose", args=[voting.pk]),
        {
            f"round-{voting.pk}-title": "Klub filmowy",
            f"round-{voting.pk}-description": "Oglądamy i rozmawiamy",
            f"round-{voting.pk}-builds_towards": "Praca w zespole",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(round=voting)
    assert (proposal.title, proposal.proposed_by, proposal.proposed_by_worker) == ("Klub filmowy", ola, None)
    assert proposal.builds_towards == "Praca w zespole"
    created = AuditEntry.objects.get_for_object(proposal).get(action=AuditEntry.Action.CREATE)
    assert created.actor == ola_account
    assert "Klub filmowy" in client.get(reverse("ownpage:own_page")).content.decode()


def test_an_empty_title_is_refused_naming_the_field(ola_account: User, club: Programme) -> None:
    voting = open_round(club)
    response = client_for(ola_account).post(
        reverse("ownpage:own_propose", args=[voting.pk]), {f"round-{voting.pk}-title": "  "}
    )
    assert response.status_code == 400
    assert any("title" in bound.errors for _, bound in response.context["rounds"])
    assert not Proposal.objects.exists()


def test_a_proposal_to_a_closed_round_is_refused_naming_the_close(ola_account: User, club: Programme) -> None:
    voting = open_round(club, closes_in=timedelta(minutes=1))
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        response = client_for(ola_account).post(
            reverse("ownpage:own_propose", args=[voting.pk]),
            {f"round-{voting.pk}-title": "Za późno"},
            follow=True,
        )
    assert "Głosowanie zakończyło się" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_service_refuses_a_proposal_in_someone_elses_name_or_club(
    ola_account: User, kuba: Participant, ola: Participant, organisation: Organisation
) -> None:
    from tests.factories import ProgrammeFactory

    other = open_round(ProgrammeFactory(organisation=organisation))
    with pytest.raises(PermissionDenied):
        own_services.own_proposal_create(
            actor=ola_account, participant=kuba, voting=other, title="X", description="", builds_towards=""
        )
    ola.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        own_services.own_proposal_create(
            actor=ola_account, participant=ola, voting=other, title="X", description="", builds_towards=""
        )
    assert "title" in refused.value.error_dict
    assert client_for(ola_account).post(reverse("ownpage:own_propose", args=[other.pk])).status_code == 404
