"""The demo's exits and follow-ups: a mix of situations, some follow-ups recorded, one due soon
and one overdue, all through the services."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reintegra.outcomes.models import ExitRecord, FollowUp, FollowUpChannel, FollowUpStatus
from reintegra.programmes.models import EnrolmentStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_exits_of_every_situation(demo: str) -> None:
    records = ExitRecord.objects.all()
    assert records.count() == 6
    assert records.filter(employed=True).count() == 2
    assert records.filter(in_education=True).exists()
    assert records.filter(job_seeking=True).count() == 2
    assert records.filter(qualification_gained=True).exclude(qualification_document="").exists()
    assert records.filter(other_situation=True).exists()
    for record in records.select_related("enrolment"):
        assert record.enrolment.status == EnrolmentStatus.LEFT
        assert record.enrolment.enrolled_on is not None
        assert record.enrolment.enrolled_on <= record.left_on


def test_the_demo_has_follow_ups_done_due_and_overdue(demo: str) -> None:
    today = timezone.localdate()
    assert FollowUp.objects.filter(status=FollowUpStatus.DONE).count() == 5
    assert FollowUp.objects.filter(status=FollowUpStatus.UNREACHABLE).count() == 1
    due = FollowUp.objects.filter(status=FollowUpStatus.DUE)
    assert due.filter(due_on__lt=today).count() == 1
    assert due.filter(due_on__gte=today, due_on__lte=today + timedelta(days=14)).count() == 1
    assert FollowUp.objects.filter(channel=FollowUpChannel.BY_THE_PERSON, employed=True).exists()


def test_seeding_again_adds_no_exits(demo: str) -> None:
    call_command("seed_demo", stdout=StringIO())
    assert ExitRecord.objects.count() == 6
