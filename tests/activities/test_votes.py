"""Activities chosen by the club: proposals, one vote per member per proposal changeable until
the close, winners accepted as activities, results by votes and by distinct voters."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.activities import services
from reintegra.activities.models import Proposal, ProposalStatus, Vote, VotingRound
from reintegra.people.models import Participant
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import ParticipantFactory


@pytest.fixture
def voting(club: Programme) -> VotingRound:
    now = timezone.now()
    return services.voting_round_open(
        actor=None,
        programme=club,
        title="Jesień 2026",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=6),
    )


@pytest.fixture
def film_club(voting: VotingRound, young_people: list[Participant]) -> Proposal:
    data = services.ProposalData(
        title="Klub filmowy", builds_towards="Praca w zespole", proposed_by=young_people[0]
    )
    return services.proposal_create(actor=None, voting=voting, data=data)


def test_members_vote_and_the_results_count_votes_and_distinct_voters(
    voting: VotingRound, film_club: Proposal, young_people: list[Participant], coordinator: User
) -> None:
    cooking = services.proposal_create(
        actor=None, voting=voting, data=services.ProposalData(title="Gotowanie")
    )
    for person in young_people[1:]:
        services.vote_cast(actor=None, proposal=film_club, participant=person)
    services.vote_cast(actor=None, proposal=cooking, participant=young_people[1], in_favour=False)
    page = client_for(coordinator).get(reverse("activities:voting_round", args=[voting.pk]))
    results = page.context["results"]
    assert [(r.proposal.title, r.in_favour, r.against) for r in results.proposals] == [
        ("Klub filmowy", 2, 0),
        ("Gotowanie", 0, 1),
    ]
    assert (results.voters, results.votes) == (2, 3)


def test_a_second_vote_by_the_same_person_is_refused_on_the_proposal(
    film_club: Proposal, young_people: list[Participant], in_english: None
) -> None:
    services.vote_cast(actor=None, proposal=film_club, participant=young_people[1])
    with pytest.raises(ValidationError) as error:
        services.vote_cast(actor=None, proposal=film_club, participant=young_people[1], in_favour=False)
    assert "already voted" in error.value.message_dict["proposal"][0]


def test_a_vote_changes_until_the_close_and_not_after(
    voting: VotingRound, film_club: Proposal, young_people: list[Participant], in_english: None
) -> None:
    cast = services.vote_cast(actor=None, proposal=film_club, participant=young_people[1])
    services.vote_change(actor=None, vote=cast, in_favour=False)
    assert Vote.objects.get().in_favour is False
    with time_machine.travel(voting.closes_at + timedelta(minutes=1)):
        with pytest.raises(ValidationError) as error:
            services.vote_change(actor=None, vote=cast, in_favour=True)
        assert "in_favour" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            services.vote_cast(actor=None, proposal=film_club, participant=young_people[2])
        assert "Voting closed on" in error.value.message_dict["proposal"][0]


def test_someone_outside_the_club_cannot_vote(film_club: Proposal, club: Programme) -> None:
    stranger = ParticipantFactory(organisation=club.organisation)
    with pytest.raises(ValidationError) as error:
        services.vote_cast(actor=None, proposal=film_club, participant=stranger)
    assert "participant" in error.value.message_dict


def test_staff_accept_the_winners_after_the_close_and_they_become_activities(
    voting: VotingRound, film_club: Proposal, coordinator: User
) -> None:
    other = services.proposal_create(actor=None, voting=voting, data=services.ProposalData(title="Szachy"))
    with pytest.raises(ValidationError):
        services.voting_round_accept(actor=coordinator, voting=voting, winners=[film_club])
    with time_machine.travel(voting.closes_at + timedelta(hours=1)):
        response = client_for(coordinator).post(
            reverse("activities:voting_round_accept", args=[voting.pk]), {"winner": [film_club.pk]}
        )
    assert response.status_code == 302
    film_club.refresh_from_db()
    other.refresh_from_db()
    assert film_club.status == ProposalStatus.ACCEPTED
    assert film_club.activity is not None
    assert film_club.activity.title == "Klub filmowy"
    assert other.status == ProposalStatus.DECLINED
    voting.refresh_from_db()
    assert voting.published_at is not None


def test_the_page_records_a_vote_and_names_the_refusal_of_a_second(
    voting: VotingRound,
    film_club: Proposal,
    young_people: list[Participant],
    caseworker: User,
    in_english: None,
) -> None:
    client = client_for(caseworker)
    url = reverse("activities:vote", args=[voting.pk, film_club.pk])
    assert client.post(url, {"participant": young_people[1].pk, "in_favour": "1"}).status_code == 302
    again = client.post(url, {"participant": young_people[1].pk, "in_favour": "1"})
    assert again.status_code == 400
    assert "has already voted" in again.content.decode()
    changed = client.post(url, {"participant": young_people[1].pk, "in_favour": "0", "change": "1"})
    assert changed.status_code == 302
    assert Vote.objects.get().in_favour is False


def test_a_member_proposes_on_the_page(
    voting: VotingRound, young_people: list[Participant], caseworker: User
) -> None:
    response = client_for(caseworker).post(
        reverse("activities:proposal_create", args=[voting.pk]),
        {"title": "Klub filmowy", "builds_towards": "Wystąpienia", "proposed_by": young_people[0].pk},
    )
    assert response.status_code == 302
    assert Proposal.objects.get().proposed_by == young_people[0]


def test_another_organisation_sees_no_voting(voting: VotingRound, outsider: User) -> None:
    assert client_for(outsider).get(reverse("activities:voting_round", args=[voting.pk])).status_code == 404


def test_a_coordinator_opens_voting_on_the_page(club: Programme, coordinator: User, in_english: None) -> None:
    url = reverse("activities:voting_rounds", args=[club.pk])
    bad = client_for(coordinator).post(
        url, {"title": "X", "opens_at": "2026-12-10T10:00", "closes_at": "2026-12-01T10:00"}
    )
    assert "Voting closes after it opens." in bad.content.decode()
    good = client_for(coordinator).post(
        url, {"title": "Zima", "opens_at": "2026-12-01T10:00", "closes_at": "2026-12-10T10:00"}
    )
    assert good.status_code == 302
