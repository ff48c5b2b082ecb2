"""A worker's list of the passport entries awaiting confirmation, across the people she may see:
never another organisation's, confirmed from the list, its reads logged, its cost constant, its
count on the start page."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.casework.models import CaseAssignment
from reintegra.ownpage.models import EntryStatus, PassportEntry
from reintegra.people.models import Participant
from tests.conftest import client_for
from tests.factories import ParticipantFactory
from tests.reads import reads_of

pytestmark = pytest.mark.django_db

LIST = reverse("ownpage:entries_awaiting")


def entry_of(organisation: Organisation, text: str, **person: Any) -> PassportEntry:
    participant: Participant = ParticipantFactory(organisation=organisation, **person)
    return PassportEntry.objects.create(participant=participant, text=text)


def listed(client: Client, query: str = "") -> list[str]:
    response = client.get(LIST + query)
    assert response.status_code == 200
    return [entry.text for entry in response.context["page"].object_list]


def test_a_caseworker_sees_the_entries_of_her_organisation_and_never_another_organisations(
    organisation: Organisation,
    other_organisation: Organisation,
    as_caseworker: Client,
    outsider: User,
    caseworker: User,
) -> None:
    ours = entry_of(organisation, "Kurs baristy")
    theirs = entry_of(other_organisation, "Wolontariat w schronisku")
    done = entry_of(organisation, "Już potwierdzony")
    PassportEntry.objects.filter(pk=done.pk).update(status=EntryStatus.CONFIRMED, confirmed_by=caseworker)

    assert listed(as_caseworker) == ["Kurs baristy"]
    assert listed(client_for(outsider)) == ["Wolontariat w schronisku"]
    page = as_caseworker.get(LIST).content.decode()
    assert "Wolontariat w schronisku" not in page
    assert str(ours.participant) in page
    assert str(theirs.participant) not in page


def test_with_mine_only_the_people_in_her_care_are_listed(
    organisation: Organisation, caseworker: User, as_caseworker: Client
) -> None:
    hers = entry_of(organisation, "Mój podopieczny")
    entry_of(organisation, "Cudzy podopieczny")
    ended = entry_of(organisation, "Była podopieczna")
    CaseAssignment.objects.create(
        participant=hers.participant, worker=caseworker, assigned_on=date(2026, 1, 5)
    )
    CaseAssignment.objects.create(
        participant=ended.participant,
        worker=caseworker,
        assigned_on=date(2026, 1, 5),
        ended_on=date(2026, 3, 1),
    )

    assert listed(as_caseworker, "?mine=1") == ["Mój podopieczny"]
    assert len(listed(as_caseworker)) == 3


def test_the_entries_and_their_people_shown_are_logged_as_read(
    organisation: Organisation, caseworker: User, as_caseworker: Client
) -> None:
    entry = entry_of(organisation, "Kurs obsługi wózka widłowego")

    as_caseworker.get(LIST)

    reads = reads_of(caseworker)
    assert reads[("passportentry", entry.pk)] == 1
    assert reads[("participant", entry.participant_id)] == 1


def test_she_confirms_an_entry_from_the_list_and_comes_back_to_it(
    organisation: Organisation, caseworker: User, as_caseworker: Client
) -> None:
    entry = entry_of(organisation, "Kurs pierwszej pomocy")

    response = as_caseworker.post(reverse("ownpage:entry_confirm", args=[entry.pk]), {"back": "list"})

    assert response.status_code == 302
    assert response["Location"] == LIST
    entry.refresh_from_db()
    assert (entry.status, entry.confirmed_by) == (EntryStatus.CONFIRMED, caseworker)
    assert AuditEntry.objects.get_for_object(entry).filter(action=AuditEntry.Action.UPDATE).exists()
    assert listed(as_caseworker) == []


def test_an_entry_of_another_organisation_cannot_be_confirmed_from_the_list(
    other_organisation: Organisation, as_caseworker: Client
) -> None:
    theirs = entry_of(other_organisation, "Nie nasz")

    response = as_caseworker.post(reverse("ownpage:entry_confirm", args=[theirs.pk]), {"back": "list"})

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == EntryStatus.AWAITING


def test_a_participant_and_an_employer_cannot_open_the_list(
    participant: User, employer_contact: User
) -> None:
    for user in (participant, employer_contact):
        assert client_for(user).get(LIST).status_code == 403


def test_the_list_costs_the_same_queries_for_one_entry_or_twenty(
    organisation: Organisation, as_caseworker: Client, django_assert_max_num_queries: Any
) -> None:
    entry_of(organisation, "Pierwszy")
    with django_assert_max_num_queries(50) as one:
        assert len(listed(as_caseworker)) == 1
    for number in range(19):
        entry_of(organisation, f"Wpis {number}")

    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(listed(as_caseworker)) == 20


def test_the_start_page_counts_the_entries_awaiting_confirmation(
    organisation: Organisation,
    other_organisation: Organisation,
    as_caseworker: Client,
    participant: User,
    in_english: None,
) -> None:
    entry_of(organisation, "Jeden")
    entry_of(organisation, "Dwa")
    entry_of(other_organisation, "Obcy")

    page = as_caseworker.get(reverse("home")).content.decode()

    assert "2 entries await confirmation" in page
    assert LIST in page
    assert LIST not in client_for(participant).get(reverse("home")).content.decode()


def test_the_persons_own_entries_still_wait_on_her_account_page(
    organisation: Organisation, as_caseworker: Client
) -> None:
    entry = entry_of(organisation, "Na stronie osoby")
    person: Participant = entry.participant

    page = as_caseworker.get(reverse("ownpage:account_link", args=[person.pk])).content.decode()

    assert "Na stronie osoby" in page
