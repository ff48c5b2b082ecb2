"""The benchmark's case-work filler makes the asked number of valid rows (SQLite and PostgreSQL)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, Max, OuterRef
from django.utils import timezone

from reintegra.accounts.models import Membership, Organisation, User
from reintegra.casework.caseload import CASELOAD_LIMIT
from reintegra.casework.models import CaseAssignment, Meeting, MeetingStatus, NextStep
from reintegra.demo.context import SENTINEL_USERNAME
from reintegra.demo.scale_casework import CaseworkFill as FillResult
from reintegra.demo.scale_casework import fill_casework
from reintegra.demo.scale_people import fill_participants
from reintegra.people.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(
    organisation: Organisation,
    other_organisation: Organisation,
    caseworker: User,
    coordinator: User,
    outsider: User,
) -> FillResult:
    """450 people each in two organisations; ours has one case worker (the bench one) and a coordinator."""
    fill_participants(900, [organisation, other_organisation])
    return fill_casework(6_000, worker=caseworker, heavy=500)


def test_the_filler_makes_the_asked_number_of_meetings_and_one_heavy_file(
    filled: FillResult, caseworker: User
) -> None:
    heaviest = Meeting.objects.values("participant").annotate(n=Count("pk")).order_by("-n").first()

    assert filled.meetings == Meeting.objects.count() == 6_000
    assert heaviest is not None
    assert heaviest["participant"] == filled.heavy_participant_id
    assert heaviest["n"] >= 500
    assert CaseAssignment.objects.filter(participant_id=heaviest["participant"], worker=caseworker).exists()


def test_the_bench_worker_gets_a_full_caseload_and_everyone_else_a_worker_of_their_organisation(
    filled: FillResult, caseworker: User
) -> None:
    membership = Membership.objects.filter(
        user_id=OuterRef("worker_id"), organisation_id=OuterRef("participant__organisation_id")
    )

    assert CaseAssignment.objects.filter(worker=caseworker, ended_on__isnull=True).count() == CASELOAD_LIMIT
    assert (
        CaseAssignment.objects.filter(ended_on__isnull=True).values("participant").distinct().count() == 900
    )
    assert not CaseAssignment.objects.filter(~Exists(membership)).exists()


def test_every_meeting_is_with_the_persons_case_worker_and_valid(filled: FillResult) -> None:
    in_care = CaseAssignment.objects.filter(
        participant_id=OuterRef("participant_id"), worker_id=OuterRef("worker_id"), ended_on__isnull=True
    )

    assert not Meeting.objects.filter(~Exists(in_care)).exists()
    assert not Meeting.objects.filter(status=MeetingStatus.HELD, starts_at__gt=timezone.now()).exists()
    for meeting in Meeting.objects.select_related("participant").order_by("?")[:50]:
        meeting.full_clean()


def test_the_spread_has_planned_meetings_ahead_and_behind_and_overdue_steps(
    filled: FillResult, caseworker: User
) -> None:
    steps = NextStep.objects.all()

    assert Meeting.objects.filter(status=MeetingStatus.PLANNED, starts_at__gt=timezone.now()).exists()
    assert Meeting.objects.filter(status=MeetingStatus.PLANNED, starts_at__lt=timezone.now()).exists()
    assert Meeting.objects.filter(worker=caseworker).count() > 700
    assert steps.filter(done=False, due_on__lt=timezone.localdate()).exists()
    assert steps.filter(done=True, done_on__isnull=False).exists()
    assert not steps.exclude(meeting__status=MeetingStatus.HELD).exists()
    for step in steps.select_related("meeting").order_by("?")[:50]:
        step.full_clean()
        assert step.participant_id == step.meeting.participant_id


def test_a_second_fill_adds_no_assignments_for_people_already_in_care(
    filled: FillResult, caseworker: User
) -> None:
    before = CaseAssignment.objects.count()

    again = fill_casework(100, worker=caseworker, heavy=0)

    assert again.assignments == 0
    assert CaseAssignment.objects.count() == before
    assert Meeting.objects.count() == 6_100


def test_seed_demo_at_scale_tops_up_participants_and_meetings_to_the_asked_numbers(db: None) -> None:
    call_command("seed_demo", participants=150, meetings=1_500, stdout=io.StringIO())
    worker = User.objects.get(username=SENTINEL_USERNAME)

    assert Participant.objects.count() == 150
    assert Meeting.objects.count() == 1_500
    assert CaseAssignment.objects.filter(worker=worker, ended_on__isnull=True).count() > 8


def test_every_persons_last_contact_is_their_last_held_meeting(filled: FillResult) -> None:
    last_held = dict(
        Meeting.objects.filter(status=MeetingStatus.HELD)
        .values("participant")
        .annotate(last=Max("starts_at"))
        .values_list("participant", "last")
    )

    kept = dict(Participant.objects.values_list("pk", "last_contact_at"))

    assert last_held
    assert {pk: kept[pk] for pk in last_held} == last_held
    assert all(contact is None for pk, contact in kept.items() if pk not in last_held)
