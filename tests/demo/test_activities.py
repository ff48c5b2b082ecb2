"""The demo's two clubs in two towns and its activation point: venues, a closed vote with its
results, a year of weekly sessions of the five kinds, attendance of those held."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.activities.models import Attendance, ProposalStatus, Session, Venue, Visit, VotingRound
from reintegra.activities.services import roster
from reintegra.demo.seed import seed
from reintegra.programmes.models import ProgrammeStaff
from tests.conftest import client_for

FIVE_KINDS = {"activity", "group_workshop", "labour_market_workshop", "employer_meeting", "consultation"}


@pytest.mark.django_db
def test_the_demo_has_two_clubs_in_two_gminas_each_with_its_coordinator_and_leader(demo: str) -> None:
    clubs = list(Venue.objects.filter(kind="club").select_related("gmina").order_by("pk"))
    assert len(clubs) == 2
    assert len({club.gmina.code for club in clubs}) == 2
    assert len({club.town for club in clubs}) == 2
    for club in clubs:
        programme = (
            Session.objects.filter(venue=club).values_list("programme", flat=True).order_by().distinct()
        )
        assert len(programme) == 1
        roles = set(ProgrammeStaff.objects.filter(programme_id=programme[0]).values_list("role", flat=True))
        assert {"club_coordinator", "lpg", "pprp"} <= roles


@pytest.mark.django_db
def test_each_club_held_a_closed_vote_with_published_results_and_accepted_activities(demo: str) -> None:
    for club in Venue.objects.filter(kind="club"):
        programme_id = Session.objects.filter(venue=club).values_list("programme", flat=True).first()
        assert programme_id is not None
        voting = VotingRound.objects.get(programme_id=programme_id)
        assert voting.closes_at < timezone.now()
        assert voting.published_at is not None
        statuses = list(voting.proposals.values_list("status", flat=True))
        assert ProposalStatus.ACCEPTED in statuses
        assert ProposalStatus.DECLINED in statuses
        assert not voting.proposals.filter(status=ProposalStatus.PROPOSED).exists()
        assert voting.proposals.filter(votes__isnull=False).exists()
        accepted = voting.proposals.filter(status=ProposalStatus.ACCEPTED)
        assert all(proposal.activity and proposal.activity.sessions.exists() for proposal in accepted)


@pytest.mark.django_db
def test_each_club_has_a_year_of_weekly_sessions_of_five_kinds_and_attendance_of_those_held(
    demo: str,
) -> None:
    now = timezone.now()
    for club in Venue.objects.filter(kind="club"):
        sessions = Session.objects.filter(venue=club)
        assert set(sessions.values_list("kind", flat=True)) == FIVE_KINDS
        assert sessions.count() == 221  # five series of a year of weeks, employers every fourth
        first, last = sessions.first(), sessions.last()
        assert first is not None
        assert last is not None
        assert (last.starts_at - first.starts_at).days >= 350
        held = sessions.filter(ends_at__lt=now)
        assert held.exists()
        assert sessions.filter(starts_at__gt=now).exists()
        marked = held.annotate(marks=Count("attendances")).values_list("marks", flat=True)
        assert min(marked) > 0
        assert not sessions.filter(starts_at__gt=now, attendances__isnull=False).exists()
        # Marks as the service writes them: people of the group, hours within the session.
        session = held.first()
        assert session is not None
        assert {row.participant_id for row in session.attendances.all()} == {p.pk for p in roster(session)}
        rows = Attendance.objects.filter(session__venue=club).select_related("session")
        assert all(row.hours <= row.session.length_hours for row in rows)
    assert Visit.objects.filter(venue__kind="activation_point").count() >= 4
    leader = User.objects.get(username="asystent.mops")
    page = client_for(leader).get(reverse("activities:my_calendar"), {"view": "month"})
    assert page.status_code == 200


@pytest.mark.django_db
def test_seeding_the_activities_twice_writes_nothing_the_second_time(demo: str) -> None:
    before = Session.objects.count(), Attendance.objects.count(), VotingRound.objects.count()
    assert seed().created["venues"] == 0
    assert (Session.objects.count(), Attendance.objects.count(), VotingRound.objects.count()) == before
