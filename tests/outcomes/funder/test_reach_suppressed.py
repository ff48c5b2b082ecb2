"""The reach section reaches the funder through the suppression: the recruitment by word of mouth
below five is hidden with its share, and no hidden cell can be recomputed from what is published
(all = by word of mouth + otherwise; the participants who recorded reach, shown twice)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.funder import selectors
from reintegra.outcomes.reach.services import ReachData, heard_from_record, reach_record
from reintegra.outcomes.reports.services import build_report
from reintegra.outcomes.tables import Period
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from tests.factories import ParticipantFactory
from tests.outcomes.test_suppression import recomputable_by_rank

pytestmark = pytest.mark.django_db


def test_word_of_mouth_below_five_is_hidden_with_its_share_and_cannot_be_recomputed(
    funded: Programme, funder: User, organisation: Organisation
) -> None:
    today = timezone.localdate()
    period = Period(date(today.year, 1, 1), today)
    people: list[Participant] = []
    for _ in range(8):
        participant: Participant = ParticipantFactory(organisation=organisation)
        people.append(participant)
    women = [
        Enrolment.objects.create(
            programme=funded,
            participant=participant,
            status=EnrolmentStatus.ENROLLED,
            applied_at=timezone.now() - timedelta(days=1),
            enrolled_on=today,
        )
        for participant in people
    ]
    for teller, applicant in ((women[0], women[5]), (women[1], women[6])):
        heard_from_record(actor=None, applicant=applicant, told_by=teller)
    for woman in women[:6]:
        reach_record(actor=None, enrolment=woman, data=ReachData(recorded_on=today, people_told=5, applied=1))
    original = build_report([funded], period, title="")

    published = selectors.funded_report_for_user(funder, funded.pk, period).report

    applications = original.table("reach_word_of_mouth").row("reach_applications").cells
    assert applications == {"by_word_of_mouth": 2, "otherwise": 6, "total": 8, "share": 25.0}
    hidden = published.table("reach_word_of_mouth").row("reach_applications").cells
    assert hidden["by_word_of_mouth"] is None
    assert hidden["share"] is None
    assert None in (hidden["otherwise"], hidden["total"])
    assert published.table("reach").row("reach_people_told").cells["total"] == 30
    assert published.table("reach_mean").row("reach_mean").cells == {"participants": 6, "mean": 5.0}
    assert recomputable_by_rank(published, original) == []
