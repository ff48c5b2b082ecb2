"""Lists sorted by name follow the Polish alphabet on both databases, not the order of bytes."""

from __future__ import annotations

import random
from datetime import date

import pytest

from reintegra.accounts import selectors as account_selectors
from reintegra.accounts.models import Organisation, Role, User
from reintegra.casework import services as casework_services
from reintegra.casework.caseload import Section, section_for, team_for
from reintegra.collation import sort_key
from reintegra.people import selectors as people_selectors
from reintegra.programmes import selectors as programme_selectors
from tests.factories import ParticipantFactory, ProgrammeFactory, member

# Byte order puts every name after Z that starts with a Polish letter.
POLISH_ORDER = ["Adamczyk", "Ćwik", "Dębosz", "Dziadowicz", "Lis", "Łuckiewicz", "Wojczuk", "Zając", "Żak"]


def shuffled(names: list[str]) -> list[str]:
    return random.Random(7).sample(names, len(names))


def test_the_sort_key_follows_the_polish_alphabet() -> None:
    assert sorted(shuffled(POLISH_ORDER), key=sort_key) == POLISH_ORDER


def test_the_sort_key_ignores_case_before_accents_and_accents_before_case() -> None:
    names = ["zofia", "Zofia", "Zośka", "żaneta", "Émile", "Ewa", "Eryk"]
    assert sorted(names, key=sort_key) == ["Émile", "Eryk", "Ewa", "zofia", "Zofia", "Zośka", "żaneta"]


def test_the_sort_key_puts_spaces_and_digits_before_letters() -> None:
    assert sorted(["Nowak-Kowalska", "Nowak Kowalska", "Nowakowska", "Nowak 2"], key=sort_key) == [
        "Nowak 2",
        "Nowak Kowalska",
        "Nowak-Kowalska",
        "Nowakowska",
    ]


@pytest.mark.django_db
def test_the_participant_list_is_in_polish_order(organisation: Organisation, caseworker: User) -> None:
    for name in shuffled(POLISH_ORDER):
        ParticipantFactory(organisation=organisation, last_name=name, first_name="Anna")

    page = people_selectors.participant_page_for_user(
        caseworker, people_selectors.ParticipantFilter(), per_page=50
    )

    assert [person.last_name for person in page] == POLISH_ORDER


@pytest.mark.django_db
def test_first_names_break_a_tie_of_last_names_in_polish_order(
    organisation: Organisation, caseworker: User
) -> None:
    for first in ("Zofia", "Łucja", "Ewa", "Ćma"):
        ParticipantFactory(organisation=organisation, last_name="Nowak", first_name=first)

    page = people_selectors.participant_page_for_user(
        caseworker, people_selectors.ParticipantFilter(), per_page=50
    )

    assert [person.first_name for person in page] == ["Ćma", "Ewa", "Łucja", "Zofia"]


@pytest.mark.django_db
def test_the_caseload_and_the_team_are_in_polish_order(
    organisation: Organisation, caseworker: User, coordinator: User
) -> None:
    for name in shuffled(POLISH_ORDER):
        person = ParticipantFactory(organisation=organisation, last_name=name)
        casework_services.assignment_create(
            actor=coordinator, participant=person, worker=caseworker, on=date(2026, 1, 5)
        )
    for name in ("Żurek", "Łoś", "Wrona"):
        member(organisation, Role.CASE_WORKER, last_name=name)

    people = section_for(caseworker, Section.PEOPLE).rows
    team = [worker.last_name for worker in team_for(coordinator)]

    assert [person.last_name for person in people] == POLISH_ORDER
    assert team == sorted(team, key=sort_key)
    assert team.index("Łoś") < team.index("Wrona") < team.index("Żurek")


@pytest.mark.django_db
def test_staff_choices_are_in_polish_order(organisation: Organisation) -> None:
    for name in shuffled(POLISH_ORDER):
        member(organisation, Role.CASE_WORKER, last_name=name)

    staff = [user.last_name for user in account_selectors.staff_of(organisation.pk)]

    assert staff == POLISH_ORDER


@pytest.mark.django_db
def test_programmes_of_one_start_date_are_in_polish_order(
    organisation: Organisation, coordinator: User
) -> None:
    for name in ("Żagle", "Łódź", "Warsztaty", "Aktywizacja"):
        ProgrammeFactory(organisation=organisation, name=name, start_date=date(2026, 3, 1))

    programmes = [programme.name for programme in programme_selectors.programme_list_for_user(coordinator)]

    assert programmes == ["Aktywizacja", "Łódź", "Warsztaty", "Żagle"]


@pytest.mark.django_db
def test_an_organisations_participants_are_read_in_polish_order_from_an_index(
    organisation: Organisation,
) -> None:
    from django.db import connection

    from reintegra.collation import by_name
    from reintegra.people.models import Participant

    page = Participant.objects.filter(organisation=organisation).order_by(
        *by_name("last_name", "first_name"), "pk"
    )
    if connection.vendor == "sqlite":
        plan = page[:50].explain()
        assert "people_participant_org_name_pl" in plan
        assert "TEMP B-TREE" not in plan
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'people_participant_org_name_pl'"
            )
            (definition,) = cursor.fetchone()
        assert "last_name COLLATE pl_icu" in definition
