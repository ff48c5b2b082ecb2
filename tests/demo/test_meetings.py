"""The demo partnership's meetings: two held, a third planned whose agenda carries the open
action items; workshop ideas in each state; a study visit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.demo.context import DemoContext
from reintegra.demo.meetings import LEAFLET, PREMISES, SURVEY, seed_meetings
from reintegra.partnership.meetings import selectors
from reintegra.partnership.models import (
    ActionItem,
    ActionStatus,
    IdeaStatus,
    MeetingStatus,
    Partnership,
    PartnershipMeeting,
    StudyVisit,
    WorkshopIdea,
)
from tests.conftest import client_for

pytestmark = pytest.mark.usefixtures("in_english")


@pytest.mark.django_db
def test_the_demo_partnership_held_two_meetings_and_the_third_carries_the_open_items(demo: str) -> None:
    first, second, third = PartnershipMeeting.objects.order_by("starts_at")

    assert [m.status for m in (first, second, third)] == [
        MeetingStatus.HELD,
        MeetingStatus.HELD,
        MeetingStatus.PLANNED,
    ]
    assert first.decisions.count() == 2
    assert first.minutes
    assert first.attendees.filter(user__isnull=True).exists()
    leaflet = ActionItem.objects.get(what=LEAFLET)
    assert (leaflet.status, leaflet.closed_at) == (ActionStatus.DONE, second)
    assert [a.what for a in selectors.carried_over(second)] == [LEAFLET, SURVEY]
    assert [a.what for a in selectors.carried_over(third)] == [SURVEY, PREMISES]
    # The survey is overdue; the coordinator sees it marked on the third meeting's page.
    assert selectors.overdue_ids(selectors.carried_over(third)) == {ActionItem.objects.get(what=SURVEY).pk}
    coordinator = User.objects.get(username="koordynator.pup")
    page = client_for(coordinator).get(
        reverse("partnership:meetings:detail", args=[third.partnership_id, third.pk])
    )
    assert SURVEY in page.content.decode()
    assert 'data-testid="overdue"' in page.content.decode()


@pytest.mark.django_db
def test_the_demo_has_workshop_ideas_in_each_state_and_a_study_visit(demo: str) -> None:
    assert set(WorkshopIdea.objects.values_list("status", flat=True)) == set(IdeaStatus.values)
    visit = StudyVisit.objects.get()
    assert visit.organisations.count() == 3
    viewer = User.objects.get(username="partner.ngo")
    partnership = Partnership.objects.get()
    assert (
        client_for(viewer).get(reverse("partnership:meetings:ideas", args=[partnership.pk])).status_code
        == 200
    )


@pytest.mark.django_db
def test_seeding_the_meetings_twice_writes_nothing_the_second_time(demo: str) -> None:
    counts = (PartnershipMeeting.objects.count(), ActionItem.objects.count(), WorkshopIdea.objects.count())

    seed_meetings(DemoContext(faker=None))

    assert (
        PartnershipMeeting.objects.count(),
        ActionItem.objects.count(),
        WorkshopIdea.objects.count(),
    ) == counts
