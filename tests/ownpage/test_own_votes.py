"""Her vote from her own page goes through the same rule of votes as a vote staff record for
her (activities' ``vote_check``): her account is the actor the audit log names; only in a round
of a club she is a member of; only while it is open."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities import services as activity_services
from reintegra.activities.models import Proposal, Vote, VotingRound
from reintegra.audit.models import AuditEntry
from reintegra.people import services as people_services
from reintegra.people.models import Participant
from reintegra.programmes.models import Programme
from tests.activities.conftest import enrol
from tests.conftest import client_for
from tests.factories import ProgrammeFactory, member

pytestmark = pytest.mark.django_db


def open_round(club: Programme, *, closes_in: timedelta = timedelta(days=5)) -> VotingRound:
    now = timezone.now()
    return activity_services.voting_round_open(
        actor=None,
        programme=club,
        title="Jesień",
        opens_at=now - timedelta(days=1),
        closes_at=now + closes_in,
    )


@pytest.fixture
def her(ola_account: User, ola: Participant) -> Participant:
    """Her record as the own page reads it: linked to her account."""
    ola.refresh_from_db()
    return ola


def proposal_in(voting: VotingRound, title: str = "Klub filmowy") -> Proposal:
    return activity_services.proposal_create(
        actor=None, voting=voting, data=activity_services.ProposalData(title=title)
    )


def vote_from_her_page(account: User, proposal: Proposal, answer: str = "yes", **options: Any) -> Any:
    address = reverse("ownpage:own_vote", args=[proposal.pk])
    return client_for(account).post(address, {"in_favour": answer}, **options)


def test_the_audit_entry_of_her_vote_names_her_account(
    ola_account: User, ola: Participant, club: Programme
) -> None:
    proposal = proposal_in(open_round(club))

    vote_from_her_page(ola_account, proposal)
    vote_from_her_page(ola_account, proposal, "no")

    vote = Vote.objects.get(participant=ola, proposal=proposal)
    entries = AuditEntry.objects.get_for_object(vote)
    assert entries.get(action=AuditEntry.Action.CREATE).actor == ola_account
    assert entries.get(action=AuditEntry.Action.UPDATE).actor == ola_account


def test_the_service_takes_her_account_as_the_actor_and_lets_her_vote_only_in_her_own_name(
    ola_account: User, her: Participant, kuba: Participant, club: Programme
) -> None:
    proposal = proposal_in(open_round(club))

    activity_services.vote_cast(actor=ola_account, proposal=proposal, participant=her)

    with pytest.raises(PermissionDenied):
        activity_services.vote_cast(actor=ola_account, proposal=proposal, participant=kuba)
    assert list(Vote.objects.values_list("participant", flat=True)) == [her.pk]


def test_she_voting_in_another_clubs_round_is_refused_with_404(
    ola_account: User, her: Participant, organisation: Organisation, other_organisation: Organisation
) -> None:
    ours_not_hers = proposal_in(open_round(ProgrammeFactory(organisation=organisation)), "Szachy")
    elsewhere = proposal_in(open_round(ProgrammeFactory(organisation=other_organisation)), "Żagle")

    for proposal in (ours_not_hers, elsewhere):
        assert vote_from_her_page(ola_account, proposal).status_code == 404
        with pytest.raises(ValidationError) as refused:
            activity_services.vote_cast(actor=ola_account, proposal=proposal, participant=her)
        assert "participant" in refused.value.message_dict
    assert not Vote.objects.exists()


def test_a_vote_after_the_close_is_refused_naming_the_field(
    ola_account: User, her: Participant, club: Programme, in_english: None
) -> None:
    proposal = proposal_in(open_round(club, closes_in=timedelta(minutes=1)))

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        with pytest.raises(ValidationError) as refused:
            activity_services.vote_cast(actor=ola_account, proposal=proposal, participant=her)
        page = vote_from_her_page(ola_account, proposal, follow=True)

    assert list(refused.value.message_dict) == ["proposal"]
    assert "Voting closed on" in refused.value.message_dict["proposal"][0]
    assert "Voting closed on" in page.content.decode()
    assert not Vote.objects.exists()


def test_a_changed_vote_after_the_close_is_refused_naming_the_field(
    ola_account: User, her: Participant, club: Programme
) -> None:
    proposal = proposal_in(open_round(club, closes_in=timedelta(minutes=1)))
    vote = activity_services.vote_cast(actor=ola_account, proposal=proposal, participant=her)

    with (
        time_machine.travel(timezone.now() + timedelta(minutes=5)),
        pytest.raises(ValidationError) as refused,
    ):
        activity_services.vote_change(actor=ola_account, vote=vote, in_favour=False)

    assert list(refused.value.message_dict) == ["in_favour"]
    vote.refresh_from_db()
    assert vote.in_favour


def test_a_member_who_left_the_club_no_longer_votes_from_her_page(
    ola_account: User, ola: Participant, club: Programme
) -> None:
    proposal = proposal_in(open_round(club))
    ola.enrolments.update(status="left")

    assert vote_from_her_page(ola_account, proposal).status_code == 404
    assert not Vote.objects.exists()


def test_staff_record_a_members_vote_under_the_same_rule(
    leader: User, kuba: Participant, club: Programme, outsider: User, organisation: Organisation
) -> None:
    proposal = proposal_in(open_round(club))
    stranger = enrol(ProgrammeFactory(organisation=organisation), None)

    activity_services.vote_cast(actor=leader, proposal=proposal, participant=kuba)

    with pytest.raises(PermissionDenied):
        activity_services.vote_cast(actor=outsider, proposal=proposal, participant=kuba)
    with pytest.raises(ValidationError) as refused:
        activity_services.vote_cast(actor=leader, proposal=proposal, participant=stranger)
    assert "participant" in refused.value.message_dict
    assert Vote.objects.get().participant == kuba


def test_a_participant_account_of_another_person_cannot_act_for_her(
    ola: Participant, kuba: Participant, club: Programme, organisation: Organisation, coordinator: User
) -> None:
    kuba_account = member(organisation, Role.PARTICIPANT, username="kuba")
    people_services.participant_account_link(actor=coordinator, participant=kuba, account=kuba_account)
    kuba.refresh_from_db()
    voting = open_round(club)

    with pytest.raises(PermissionDenied):
        activity_services.proposal_create(
            actor=kuba_account,
            voting=voting,
            data=activity_services.ProposalData(title="W jej imieniu", proposed_by=ola),
        )
    own = activity_services.proposal_create(
        actor=kuba_account, voting=voting, data=activity_services.ProposalData(title="Moje", proposed_by=kuba)
    )
    assert (own.proposed_by, own.proposed_by_worker) == (kuba, None)
