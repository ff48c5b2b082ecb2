"""`seed_demo --karnet-scale`: a year of the demo's two clubs at the KARnet15+ pilot's size —
656 young people, 47 activities they proposed and chose, 1,059 meetings of five kinds — written
in bulk but as the services would write it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, Q
from django.utils import timezone

from reintegra.activities.models import Activity, Attendance, ProposalStatus, Session, Vote
from reintegra.activities.selectors import sessions_by_kind
from reintegra.demo.scale_clubs import fill_clubs, split
from reintegra.programmes.models import Enrolment, Programme, ProgrammeStaff
from reintegra.programmes.services import roles_leading

FIVE_KINDS = {"activity", "group_workshop", "labour_market_workshop", "employer_meeting", "consultation"}


def pilot_programmes() -> list[Programme]:
    return list(Programme.objects.filter(code__endswith="-pilotaz").select_related("template"))


def test_a_total_is_split_in_parts_that_sum_to_it() -> None:
    assert split(1_059, [520, 170, 150, 60, 159]) == [520, 170, 150, 60, 159]
    assert split(47, [1, 1]) == [24, 23]
    assert sum(split(100, [520, 170, 150, 60, 159])) == 100


@pytest.mark.django_db
def test_the_karnet_scale_is_a_year_of_two_clubs_at_the_pilots_size(demo: str) -> None:
    output = StringIO()
    call_command("seed_demo", "--once", "--karnet-scale", stdout=output)
    programmes = pilot_programmes()
    assert len(programmes) == 2
    assert len({programme.organisation_id for programme in programmes}) == 2
    kinds = [row for programme in programmes for row in sessions_by_kind(programme)]
    assert sum(total for _kind, _held, total in kinds) == 1_059
    sessions = Session.objects.filter(programme__in=programmes)
    assert set(sessions.values_list("kind", flat=True)) == FIVE_KINDS
    members = Enrolment.objects.filter(programme__in=programmes, status="enrolled")
    assert members.values("participant").distinct().count() == 656
    activities = Activity.objects.filter(programme__in=programmes)
    assert activities.count() == 47
    assert all(activity.proposal.status == ProposalStatus.ACCEPTED for activity in activities)
    assert all(
        activity.proposal.round.closes_at < timezone.now() and activity.proposal.round.published_at
        for activity in activities
    )
    assert "1059" in output.getvalue().replace("\xa0", "").replace(",", "")


@pytest.mark.django_db
def test_the_pilots_rows_are_as_the_services_would_write_them(demo: str) -> None:
    fill_clubs(people=80, activities=10, meetings=120)
    programmes = pilot_programmes()
    sessions = Session.objects.filter(programme__in=programmes)
    assert sessions.count() == 120
    marks = Attendance.objects.filter(session__in=sessions)
    assert marks.exists()
    # Only members of the session's club, enrolled by the day; hours within the session.
    assert not marks.exclude(
        participant__enrolments__programme=F("session__programme"),
        participant__enrolments__enrolled_on__lte=F("session__starts_at__date"),
    ).exists()
    assert all(mark.hours <= mark.session.length_hours for mark in marks.select_related("session"))
    assert not marks.filter(present=False, hours__gt=0).exists()
    assert not marks.filter(session__ends_at__gt=timezone.now()).exists()
    # One vote a person a proposal, cast by members while the round was open.
    votes = Vote.objects.filter(proposal__round__programme__in=programmes)
    assert votes.exists()
    assert not votes.filter(
        Q(cast_at__lt=F("proposal__round__opens_at")) | Q(cast_at__gte=F("proposal__round__closes_at"))
    ).exists()
    # Every session led by someone holding, that day, a role that leads its kind.
    for session in sessions.select_related("programme__template"):
        roles = ProgrammeStaff.objects.filter(
            programme=session.programme, user=session.leader, starts_on__lte=session.starts_at.date()
        )
        allowed = roles_leading(session.programme, session.kind)
        assert (roles.filter(role__in=allowed) if allowed else roles).exists(), session.kind


@pytest.mark.django_db
def test_a_second_karnet_scale_writes_nothing(demo: str) -> None:
    fill_clubs(people=20, activities=4, meetings=30)
    before = Session.objects.count(), Attendance.objects.count(), Vote.objects.count()
    assert fill_clubs().meetings == 0
    assert (Session.objects.count(), Attendance.objects.count(), Vote.objects.count()) == before
