"""Venues: address in a TERC gmina, opening hours, resources booked by the hour, the visit log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import User
from reintegra.activities import services
from reintegra.activities.models import Booking, Resource, Venue, Visit
from reintegra.audit.models import AuditEntry
from reintegra.people.models import Participant, TercUnit
from tests.conftest import client_for
from tests.factories import ParticipantFactory

MONDAY = date(2026, 12, 7)


def book(resource: Resource, *, on: date = MONDAY, from_hour: int = 10, hours: int = 1) -> Booking:
    return services.booking_create(
        actor=None, data=services.BookingData(resource=resource, on=on, from_hour=from_hour, hours=hours)
    )


def test_a_coordinator_adds_a_venue_with_opening_hours(coordinator: User, gmina: TercUnit) -> None:
    response = client_for(coordinator).post(
        reverse("activities:venue_create"),
        {
            "name": "Punkt Aktywizacji",
            "kind": "activation_point",
            "town": "Zalesie",
            "gmina": gmina.code,
            "capacity": 12,
            "latitude": "52.1",
            "longitude": "21.0",
            "opening_hours": "1 9:00-17:00\n3 12:00-20:00",
        },
    )
    venue = Venue.objects.get(name="Punkt Aktywizacji")
    assert response.status_code == 302
    assert [(row.weekday, row.opens.hour, row.closes.hour) for row in venue.opening_hours.all()] == [
        (0, 9, 17),
        (2, 12, 20),
    ]
    page = client_for(coordinator).get(reverse("activities:venue_detail", args=[venue.pk])).content.decode()
    assert "Zalesie (3035011)" in page


def test_an_unknown_terc_code_and_a_bad_opening_line_are_named(coordinator: User, in_english: None) -> None:
    response = client_for(coordinator).post(
        reverse("activities:venue_create"),
        {
            "name": "X",
            "kind": "club",
            "town": "Y",
            "gmina": "9999999",
            "capacity": 5,
            "opening_hours": "8 9-17",
        },
    )
    text = response.content.decode()
    assert "No gmina of the TERC register has the code 9999999." in text
    assert "Line 1: write the weekday" in text


def test_a_county_is_not_a_gmina(coordinator: User, organisation: object, gmina: TercUnit) -> None:
    county, _ = TercUnit.objects.get_or_create(code="3035", defaults={"name": "zalesiański"})
    data = services.VenueData(name="X", kind="club", town="Y", gmina=county, capacity=3)
    with pytest.raises(ValidationError) as error:
        services.venue_create(actor=coordinator, organisation=organisation, data=data)
    assert "gmina" in error.value.message_dict


def test_a_resource_is_booked_by_the_hour(computer: Resource) -> None:
    booking = book(computer, from_hour=10, hours=2)
    assert timezone.localtime(booking.starts_at).hour == 10
    assert timezone.localtime(booking.ends_at).hour == 12


def test_an_overlapping_booking_is_refused_on_the_hour(computer: Resource, in_english: None) -> None:
    book(computer, from_hour=10, hours=2)
    with pytest.raises(ValidationError) as error:
        book(computer, from_hour=11, hours=1)
    assert error.value.message_dict["from_hour"] == ["Komputer 1 is already booked from 10:00 to 12:00."]
    book(computer, from_hour=12, hours=1)  # right after it: fine


def test_a_booking_outside_opening_hours_is_refused(computer: Resource, in_english: None) -> None:
    with pytest.raises(ValidationError) as error:
        book(computer, from_hour=16, hours=2)
    assert "not open" in error.value.message_dict["from_hour"][0]
    with pytest.raises(ValidationError):
        book(computer, on=MONDAY + timedelta(days=5), from_hour=10)  # Saturday: closed


def test_the_booking_page_shows_the_refusal_on_the_field(
    caseworker: User, computer: Resource, in_english: None
) -> None:
    client = client_for(caseworker)
    url = reverse("activities:booking_create", args=[computer.venue_id])
    assert (
        client.post(
            url, {"resource": computer.pk, "on": "2026-12-07", "from_hour": 10, "hours": 1}
        ).status_code
        == 302
    )
    response = client.post(url, {"resource": computer.pk, "on": "2026-12-07", "from_hour": 10, "hours": 1})
    assert "already booked" in response.content.decode()
    assert Booking.objects.count() == 1


def test_a_visit_is_logged_and_its_reader_is_audited(caseworker: User, computer: Resource) -> None:
    person: Participant = ParticipantFactory(organisation=computer.venue.organisation)
    client = client_for(caseworker)
    response = client.post(
        reverse("activities:visit_create", args=[computer.venue_id]),
        {
            "visited_at": "2026-12-01T10:00",
            "resource": computer.pk,
            "participant": person.pk,
            "purpose": "CV",
        },
    )
    assert response.status_code == 302
    assert Visit.objects.get().participant == person
    page = client.get(reverse("activities:venue_detail", args=[computer.venue_id]))
    assert person.last_name in page.content.decode()
    assert AuditEntry.objects.get_for_object(person).filter(action=AuditEntry.Action.ACCESS).exists()


def test_a_visit_in_the_future_is_refused(computer: Resource) -> None:
    data = services.VisitData(venue=computer.venue, visited_at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        services.visit_log(actor=None, data=data)
    assert "visited_at" in error.value.message_dict


def test_another_organisation_cannot_see_the_venue(outsider: User, venue: Venue) -> None:
    assert client_for(outsider).get(reverse("activities:venue_detail", args=[venue.pk])).status_code == 404
    assert client_for(outsider).get(reverse("activities:booking_create", args=[venue.pk])).status_code == 404
