"""Sessions: kinds from the programme's model, leaders who hold the role, recurring rules that
end, calendars of a worker, a venue and a programme, and their private iCal feeds."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from reintegra.accounts.models import Role, User
from reintegra.activities import services
from reintegra.activities.models import CalendarFeedToken, Session, Venue
from reintegra.programmes.models import Group, Programme
from tests.activities.conftest import at, schedule
from tests.conftest import client_for
from tests.factories import member

TUESDAY = date(2026, 12, 8)


def test_a_weekly_rule_makes_one_series_in_one_go(club: Programme, leader: User, venue: Venue) -> None:
    sessions = schedule(club, leader, start=at(TUESDAY, 16), venue=venue, recurrence="FREQ=WEEKLY;COUNT=10")
    assert len(sessions) == 10
    assert len({session.series for session in sessions}) == 1
    assert Session.objects.filter(programme=club).count() == 10
    assert [s.starts_at.date() for s in Session.objects.order_by("starts_at")][:2] == [
        TUESDAY,
        TUESDAY + timedelta(7),
    ]


def test_the_hour_stays_the_same_across_the_change_to_summer_time(club: Programme, leader: User) -> None:
    sessions = schedule(club, leader, start=at(date(2027, 3, 23), 16), recurrence="FREQ=WEEKLY;COUNT=2")
    from django.utils import timezone

    assert [timezone.localtime(s.starts_at).hour for s in sessions] == [16, 16]


def test_a_rule_that_never_ends_is_refused_on_the_recurrence(
    club: Programme, leader: User, in_english: None
) -> None:
    with pytest.raises(ValidationError) as error:
        schedule(club, leader, start=at(TUESDAY, 16), recurrence="FREQ=WEEKLY")
    assert "never ends" in error.value.message_dict["recurrence"][0]
    assert not Session.objects.exists()


def test_too_many_occurrences_and_nonsense_are_refused(club: Programme, leader: User) -> None:
    for rule in ("FREQ=DAILY;COUNT=401", "FREQ=SOMETIMES;COUNT=3", "COUNT=a"):
        with pytest.raises(ValidationError) as error:
            schedule(club, leader, start=at(TUESDAY, 16), recurrence=rule)
        assert "recurrence" in error.value.message_dict


def test_a_session_led_by_someone_without_the_role_is_refused_on_the_leader(
    club: Programme, caseworker: User, in_english: None
) -> None:
    with pytest.raises(ValidationError) as error:
        schedule(club, caseworker, start=at(TUESDAY, 16))
    assert "holds no role of this programme" in error.value.message_dict["leader"][0]


def test_a_workshop_of_the_labour_market_guide_is_not_led_by_the_lpg(club: Programme, leader: User) -> None:
    with pytest.raises(ValidationError) as error:
        schedule(club, leader, start=at(TUESDAY, 16), kind="labour_market_workshop")
    assert "leader" in error.value.message_dict


def test_a_kind_the_model_does_not_schedule_is_refused(club: Programme, leader: User) -> None:
    with pytest.raises(ValidationError) as error:
        schedule(club, leader, start=at(TUESDAY, 16), kind="mobile_visit")
    assert "kind" in error.value.message_dict


def test_planned_hours_above_the_length_and_a_group_of_another_programme_are_refused(
    club: Programme, leader: User, group: Group
) -> None:
    other_group = Group.objects.create(
        programme=Programme.objects.create(
            organisation=club.organisation,
            template=club.template,
            code="inny",
            name="Inny",
            start_date=club.start_date,
            end_date=club.end_date,
            places=1,
        ),
        name="B",
    )
    with pytest.raises(ValidationError) as error:
        schedule(club, leader, start=at(TUESDAY, 16), group=other_group)
    assert "group" in error.value.message_dict
    data = services.SessionData(
        programme=club,
        kind="activity",
        leader=leader,
        starts_at=at(TUESDAY, 16),
        ends_at=at(TUESDAY, 17),
        planned_hours=Decimal(3),
    )
    with pytest.raises(ValidationError) as error:
        services.session_schedule(actor=None, data=data)
    assert "planned_hours" in error.value.message_dict


def test_the_coordinator_schedules_weekly_sessions_on_the_page(
    club: Programme, leader: User, coordinator: User, venue: Venue
) -> None:
    response = client_for(coordinator).post(
        reverse("activities:session_create", args=[club.pk]),
        {
            "kind": "group_workshop",
            "title": "Klub filmowy",
            "leader": leader.pk,
            "venue": venue.pk,
            "starts_at": "2026-12-08T16:00",
            "ends_at": "2026-12-08T18:00",
            "planned_hours": "2",
            "recurrence": "FREQ=WEEKLY;COUNT=4",
        },
    )
    assert response.status_code == 302
    assert Session.objects.filter(title="Klub filmowy").count() == 4


def test_a_never_ending_rule_on_the_page_is_shown_on_its_field(
    club: Programme, leader: User, coordinator: User, in_english: None
) -> None:
    response = client_for(coordinator).post(
        reverse("activities:session_create", args=[club.pk]),
        {
            "kind": "group_workshop",
            "leader": leader.pk,
            "starts_at": "2026-12-08T16:00",
            "ends_at": "2026-12-08T18:00",
            "planned_hours": "2",
            "recurrence": "FREQ=WEEKLY",
        },
    )
    assert response.status_code == 200
    assert "The rule never ends" in response.content.decode()


@pytest.mark.parametrize("view", ["week", "month"])
def test_the_calendars_of_the_worker_the_venue_and_the_programme_list_the_sessions(
    club: Programme, leader: User, venue: Venue, coordinator: User, view: str
) -> None:
    schedule(club, leader, start=at(TUESDAY, 16), venue=venue, title="Klub filmowy")
    client = client_for(coordinator)
    for url in (
        reverse("activities:worker_calendar", args=[leader.pk]),
        reverse("activities:venue_calendar", args=[venue.pk]),
        reverse("activities:programme_calendar", args=[club.pk]),
    ):
        page = client.get(url, {"view": view, "day": "2026-12-09"})
        assert page.status_code == 200
        assert "Klub filmowy" in page.content.decode()
    mine = client_for(leader).get(reverse("activities:my_calendar"), {"day": "2026-12-09"})
    assert "Klub filmowy" in mine.content.decode()


def test_the_calendar_takes_a_constant_number_of_queries(
    club: Programme, leader: User, venue: Venue, coordinator: User, django_assert_max_num_queries: object
) -> None:
    schedule(club, leader, start=at(TUESDAY, 9), venue=venue, recurrence="FREQ=DAILY;COUNT=30")
    client = client_for(coordinator)
    url = reverse("activities:venue_calendar", args=[venue.pk])
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        client.get(url, {"view": "month", "day": "2026-12-09"})


def test_another_organisation_sees_no_calendar(
    club: Programme, venue: Venue, outsider: User, leader: User
) -> None:
    client = client_for(outsider)
    assert client.get(reverse("activities:programme_calendar", args=[club.pk])).status_code == 404
    assert client.get(reverse("activities:venue_calendar", args=[venue.pk])).status_code == 404
    assert client.get(reverse("activities:worker_calendar", args=[leader.pk])).status_code == 404


def test_the_ical_feed_parses_and_lists_the_sessions_until_it_is_revoked(
    club: Programme, leader: User, venue: Venue
) -> None:
    from django.utils import timezone

    start = at(timezone.localdate() + timedelta(days=3), 16)
    schedule(club, leader, start=start, venue=venue, title="Klub filmowy", recurrence="FREQ=WEEKLY;COUNT=3")
    client = client_for(leader)
    client.post(reverse("activities:feed_create", args=["worker", leader.pk]))
    token = CalendarFeedToken.objects.get(owner=leader)
    feed_url = reverse("activities:feed", args=[token.token])
    response = Client().get(feed_url)
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 3
    assert str(events[0]["summary"]).startswith("Klub filmowy")
    assert str(events[0]["location"]) == "Klub w Zalesiu"
    assert client.get(reverse("activities:feed_revoke", args=[token.pk])).status_code == 200  # asks first
    client.post(reverse("activities:feed_revoke", args=[token.pk]))
    assert Client().get(feed_url).status_code == 404


def test_an_unknown_feed_and_the_feed_of_a_leaver_are_404(club: Programme, leader: User) -> None:
    assert Client().get(reverse("activities:feed", args=["nope"])).status_code == 404
    token = services.feed_token_create(owner=leader, scope="worker", object_id=leader.pk)
    leader.memberships.update(ends_on=date(2020, 1, 1))
    assert Client().get(reverse("activities:feed", args=[token.token])).status_code == 404


def test_a_feed_of_another_organisations_venue_cannot_be_made(venue: Venue, outsider: User) -> None:
    response = client_for(outsider).post(reverse("activities:feed_create", args=["venue", venue.pk]))
    assert response.status_code == 404
    assert not CalendarFeedToken.objects.exists()


def test_a_colleague_without_scheduling_rights_sees_only_their_own_calendar(
    organisation: object, leader: User
) -> None:
    colleague = member(organisation, Role.CASE_WORKER, username="kolega")
    assert (
        client_for(colleague).get(reverse("activities:worker_calendar", args=[leader.pk])).status_code == 404
    )


def test_a_rule_more_often_than_daily_is_refused_and_an_until_in_utc_is_read_as_warsaw_time(
    club: Programme, leader: User
) -> None:
    with pytest.raises(ValidationError) as error:
        schedule(club, leader, start=at(TUESDAY, 16), recurrence="FREQ=MINUTELY;COUNT=3")
    assert "recurrence" in error.value.message_dict
    # 15:00 UTC on 22 December is 16:00 in Warsaw: the session of that day is the last one.
    sessions = schedule(club, leader, start=at(TUESDAY, 16), recurrence="FREQ=WEEKLY;UNTIL=20261222T150000Z")
    assert len(sessions) == 3
