"""Retention follow-ups after a job starts: due 1, 3 and 6 months on, listed for the case
worker, recorded through the service, and named in a daily digest to the person's case worker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.casework import services as casework_services
from reintegra.employers.models import Offer, Placement, PlacementStatus, RetentionFollowUp, StillEmployed
from reintegra.employers.placements import reminders, services
from reintegra.people.models import Participant
from tests.conftest import client_for
from tests.factories import member

S = PlacementStatus
TODAY = date(2026, 12, 3)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


NOW = at(TODAY, 7, 30)  # the digest's hour, Warsaw time


@pytest.fixture(autouse=True)
def frozen_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def employed(caseworker: User, bakery_contact: User, person: Participant, job: Offer) -> Placement:
    """A job started a month and a day ago: its first follow-up is due."""
    placement = services.placement_propose(actor=caseworker, participant=person, offer=job)
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.ACCEPTED)
    return services.placement_move(
        actor=bakery_contact, placement=placement, to_status=S.STARTED, on=date(2026, 11, 2)
    )


def first(placement: Placement) -> RetentionFollowUp:
    return placement.follow_ups.get(months=1)


def test_an_internship_that_starts_gets_no_employment_follow_ups(
    placement: Placement, bakery_contact: User
) -> None:
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.ACCEPTED)
    services.placement_move(actor=bakery_contact, placement=placement, to_status=S.STARTED)
    assert not RetentionFollowUp.objects.exists()


def test_the_case_worker_sees_the_follow_ups_due_and_not_those_ahead(
    employed: Placement, caseworker: User
) -> None:
    page = client_for(caseworker).get(reverse("employers:placements:follow_ups")).content.decode()
    assert "Łucja Żółkiewska" in page
    assert reverse("employers:placements:follow_up_record", args=[first(employed).pk]) in page
    later = employed.follow_ups.get(months=3)
    assert reverse("employers:placements:follow_up_record", args=[later.pk]) not in page


def test_the_case_worker_records_a_follow_up_and_it_leaves_the_list(
    employed: Placement, caseworker: User
) -> None:
    client = client_for(caseworker)
    url = reverse("employers:placements:follow_up_record", args=[first(employed).pk])
    response = client.post(url, {"still_employed": StillEmployed.YES, "note": "Pracuje na zmianie rannej."})
    assert response.status_code == 302
    recorded = first(employed)
    assert (recorded.still_employed, recorded.recorded_by) == (StillEmployed.YES, caseworker)
    assert "Łucja Żółkiewska" not in client.get(reverse("employers:placements:follow_ups")).content.decode()


def test_a_follow_up_not_yet_due_is_refused_naming_the_answer(employed: Placement, caseworker: User) -> None:
    with pytest.raises(ValidationError) as error:
        services.follow_up_record(
            actor=caseworker, follow_up=employed.follow_ups.get(months=6), still_employed=StillEmployed.NO
        )
    assert set(error.value.message_dict) == {"still_employed"}


def test_another_organisations_worker_cannot_see_or_record_our_follow_up(
    employed: Placement, outsider: User
) -> None:
    client = client_for(outsider)
    assert (
        client.get(reverse("employers:placements:follow_up_record", args=[first(employed).pk])).status_code
        == 404
    )
    assert "Łucja" not in client.get(reverse("employers:placements:follow_ups")).content.decode()
    with pytest.raises(PermissionDenied):
        services.follow_up_record(actor=outsider, follow_up=first(employed), still_employed=StillEmployed.YES)


def test_the_employer_contact_cannot_see_follow_ups(employed: Placement, bakery_contact: User) -> None:
    client = client_for(bakery_contact)
    assert client.get(reverse("employers:placements:follow_ups")).status_code == 403


def test_the_daily_digest_names_the_follow_ups_due_to_whoever_proposed_a_person_nobody_has_in_care(
    employed: Placement, caseworker: User
) -> None:
    assert reminders.digests_due(NOW) == [caseworker.pk]
    assert reminders.digests_due(at(TODAY, 9)) == []

    call_command("send_reminders")
    call_command("send_reminders")

    [digest] = [message for message in mail.outbox if caseworker.email in message.to]
    assert digest.subject == "Sprawdzenia zatrudnienia do zrobienia: czwartek, 3.12.2026"
    assert "- Łucja Żółkiewska, Piekarnia Kłos: 1 mies. od rozpoczęcia (termin: 2.12.2026)" in digest.body
    assert "/employers/placements/follow-ups/" in digest.body
    assert reminders.digests_due(NOW) == []


def test_the_digest_goes_to_the_persons_case_worker(
    employed: Placement, caseworker: User, coordinator: User, organisation: Organisation, person: Participant
) -> None:
    colleague = member(organisation, Role.CASE_WORKER, username="druga.pracownica")
    casework_services.assignment_create(
        actor=coordinator, participant=person, worker=colleague, on=date(2026, 1, 5)
    )
    assert reminders.digests_due(NOW) == [colleague.pk]


def test_no_digest_once_the_follow_up_is_recorded(employed: Placement, caseworker: User) -> None:
    services.follow_up_record(
        actor=caseworker, follow_up=first(employed), still_employed=StillEmployed.UNKNOWN
    )
    assert reminders.digests_due(NOW) == []
    assert reminders.digest_reminders(caseworker.pk, NOW) == []


def test_only_mine_leaves_out_the_people_in_a_colleagues_care(
    employed: Placement, caseworker: User, coordinator: User, organisation: Organisation, person: Participant
) -> None:
    url = reverse("employers:placements:follow_ups")
    client = client_for(caseworker)
    assert "Łucja Żółkiewska" in client.get(url, {"mine": "1"}).content.decode()
    colleague = member(organisation, Role.CASE_WORKER, username="trzecia.pracownica")
    casework_services.assignment_create(
        actor=coordinator, participant=person, worker=colleague, on=date(2026, 1, 5)
    )
    assert "Łucja Żółkiewska" not in client.get(url, {"mine": "1"}).content.decode()
    assert "Łucja Żółkiewska" in client.get(url).content.decode()
    assert "Łucja Żółkiewska" in client_for(colleague).get(url, {"mine": "1"}).content.decode()
