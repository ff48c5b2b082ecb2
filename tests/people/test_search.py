"""Finding people: by name without caring for diacritics or case, by PESEL prefix, with filters."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.dates import day
from reintegra.people import selectors
from reintegra.people.forms import ParticipantFilterForm
from reintegra.people.models import Consent, Degurba, FamilyMember, LabourStatus, Participant, Sex
from tests.conftest import client_for
from tests.factories import ParticipantFactory, ProgrammeFactory
from tests.people.helpers import a_pesel

pytestmark = pytest.mark.django_db


def names(participants: object) -> list[str]:
    return [person.last_name for person in participants]


def search(user: User, q: str = "", **filters: object) -> list[str]:
    filters_ = selectors.ParticipantFilter(q=q, **filters)
    return names(selectors.participant_page_for_user(user, filters_, per_page=1000))


@pytest.fixture
def people(organisation: Organisation) -> None:
    ParticipantFactory(organisation=organisation, first_name="Łucja", last_name="Żółkiewska")
    ParticipantFactory(organisation=organisation, first_name="Anna", last_name="Zolkiewicz")
    ParticipantFactory(organisation=organisation, first_name="Jan", last_name="Kowalski", sex=Sex.MAN)


def test_a_name_fragment_without_diacritics_finds_the_name_with_them(people: None, caseworker: User) -> None:
    assert search(caseworker, "zolkiewska") == ["Żółkiewska"]
    assert search(caseworker, "ŻÓŁKIEW") == ["Zolkiewicz", "Żółkiewska"]


def test_a_name_fragment_with_diacritics_finds_the_name_without_them(people: None, caseworker: User) -> None:
    assert search(caseworker, "Żółkiewicz") == ["Zolkiewicz"]


def test_first_and_last_name_in_any_order_narrow_the_search(people: None, caseworker: User) -> None:
    assert search(caseworker, "lucja zolk") == ["Żółkiewska"]
    assert search(caseworker, "zolk lucja") == ["Żółkiewska"]


def test_digits_search_the_pesel_by_prefix(organisation: Organisation, caseworker: User) -> None:
    pesel = a_pesel(date(1990, 5, 17))
    ParticipantFactory(
        organisation=organisation, last_name="Nowak", pesel=pesel, birth_date=date(1990, 5, 17)
    )
    ParticipantFactory(
        organisation=organisation,
        last_name="Bez",
        pesel=a_pesel(date(1985, 1, 2)),
        birth_date=date(1985, 1, 2),
    )

    assert search(caseworker, "9005") == ["Nowak"]
    assert search(caseworker, pesel) == ["Nowak"]
    assert search(caseworker, "900 517") == ["Nowak"]
    assert search(caseworker, "9105") == []


def test_filters_narrow_the_list(organisation: Organisation, caseworker: User) -> None:
    ParticipantFactory(organisation=organisation, last_name="Wiejska", degurba=Degurba.RURAL)
    ParticipantFactory(
        organisation=organisation, last_name="Miejski", sex=Sex.MAN, labour_status=LabourStatus.UNEMPLOYED
    )

    assert search(caseworker, degurba=Degurba.RURAL) == ["Wiejska"]
    assert search(caseworker, sex=Sex.MAN) == ["Miejski"]
    assert search(caseworker, labour_status=LabourStatus.UNEMPLOYED) == ["Miejski"]


def test_the_list_page_searches_and_renders_only_the_results_for_htmx(people: None, caseworker: User) -> None:
    client = client_for(caseworker)
    url = reverse("people:participant_list")

    page = client.get(url, {"q": "zolkiewska"})
    fragment = client.get(url, {"q": "zolkiewska"}, headers={"HX-Request": "true"})

    assert names(page.context["page"]) == ["Żółkiewska"]
    assert "<form" in page.content.decode()
    assert 'id="participant-results"' in fragment.content.decode()
    assert '<form method="get"' not in fragment.content.decode()


def test_the_list_pages_by_25(organisation: Organisation, caseworker: User) -> None:
    ParticipantFactory.create_batch(30, organisation=organisation)

    response = client_for(caseworker).get(reverse("people:participant_list"), {"page": 2})

    assert len(response.context["page"]) == 5


def _fill(organisation: Organisation, count: int, recorder: User) -> Participant:
    people = ParticipantFactory.create_batch(count, organisation=organisation)
    first = people[0]
    for kind in ("processing", "contact", "image"):
        Consent.objects.create(
            participant=first, kind=kind, given_on=date(2026, 1, 1), document="D/1", recorded_by=recorder
        )
    for name in ("Jan", "Ola", "Ewa"):
        FamilyMember.objects.create(participant=first, first_name=name, relation="child")
    for _ in range(3):
        programme = ProgrammeFactory(organisation=organisation)
        first.enrolments.create(programme=programme, applied_at="2026-01-01T10:00:00Z")
    return first


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_costs_a_constant_number_of_queries(
    organisation: Organisation, caseworker: User, count: int, django_assert_max_num_queries: object
) -> None:
    _fill(organisation, count, caseworker)
    client = client_for(caseworker)

    with django_assert_max_num_queries(10):  # type: ignore[operator]
        response = client.get(reverse("people:participant_list"), {"q": "a"})
    assert response.status_code == 200


@pytest.mark.parametrize("tab", ["data", "consents", "family", "programmes"])
def test_a_file_costs_a_constant_number_of_queries(
    organisation: Organisation, caseworker: User, tab: str, django_assert_max_num_queries: object
) -> None:
    first = _fill(organisation, 5, caseworker)
    client = client_for(caseworker)

    # The first tab adds its summary: one query for each app's part (people/summary.py).
    with django_assert_max_num_queries(15 if tab == "data" else 10):  # type: ignore[operator]
        response = client.get(reverse("people:participant_detail", args=[first.pk]), {"tab": tab})
    assert response.status_code == 200


def test_the_api_list_costs_a_constant_number_of_queries(
    organisation: Organisation, caseworker: User, django_assert_max_num_queries: object
) -> None:
    _fill(organisation, 40, caseworker)
    client = client_for(caseworker)

    with django_assert_max_num_queries(10):  # type: ignore[operator]
        response = client.get("/api/v1/participants", {"q": "a"})
    assert response.status_code == 200


def test_a_pesel_prefix_finds_every_pesel_that_begins_with_it_and_no_other(
    organisation: Organisation, caseworker: User
) -> None:
    for name, born in (
        ("Styczeń", date(1985, 1, 31)),
        ("Luty", date(1985, 2, 1)),
        ("Grudzień", date(1999, 12, 31)),
    ):
        ParticipantFactory(organisation=organisation, last_name=name, pesel=a_pesel(born), birth_date=born)

    assert search(caseworker, "8501") == ["Styczeń"]
    assert search(caseworker, "85") == ["Styczeń", "Luty"]
    assert search(caseworker, "9912") == ["Grudzień"]
    assert search(caseworker, "99123") == ["Grudzień"]


def test_on_postgresql_the_name_search_and_pesel_prefix_are_index_backed() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'people_participant'")
        indexes = {row[0] for row in cursor.fetchall()}
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM people_participant WHERE search_key LIKE '%%zolk%%'")
        name_plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "EXPLAIN SELECT id FROM people_participant "
            "WHERE organisation_id IN (1, 2) AND pesel LIKE '8501%%'"
        )
        pesel_plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")

    assert {
        "people_participant_search_key_trgm",
        "people_participant_pesel_prefix",
        "people_participant_org_pesel_prefix",
    } <= indexes
    assert "people_participant_search_key_trgm" in name_plan
    assert "pesel_prefix" in pesel_plan


def test_the_programme_filter_lists_the_people_who_applied_to_the_programme(
    organisation: Organisation, caseworker: User
) -> None:
    programme = ProgrammeFactory(organisation=organisation, name="Klub Integracji")
    other_programme = ProgrammeFactory(organisation=organisation)
    applicant = ParticipantFactory(organisation=organisation, last_name="Zgłoszona")
    applicant.enrolments.create(programme=programme, applied_at="2026-01-01T10:00:00Z")
    enrolled = ParticipantFactory(organisation=organisation, last_name="Przyjęty")
    enrolled.enrolments.create(programme=programme, status="enrolled", applied_at="2026-01-02T10:00:00Z")
    elsewhere = ParticipantFactory(organisation=organisation, last_name="Gdzieindziej")
    elsewhere.enrolments.create(programme=other_programme, applied_at="2026-01-01T10:00:00Z")
    ParticipantFactory(organisation=organisation, last_name="Nigdzie")

    response = client_for(caseworker).get(reverse("people:participant_list"), {"programme": programme.pk})

    assert names(response.context["page"]) == ["Przyjęty", "Zgłoszona"]
    assert "Klub Integracji" in response.content.decode()


def test_the_programme_filter_offers_only_the_users_organisations_programmes(
    organisation: Organisation, other_organisation: Organisation, caseworker: User
) -> None:
    ours = ProgrammeFactory(organisation=organisation)
    theirs = ProgrammeFactory(organisation=other_organisation)
    stranger = ParticipantFactory(organisation=other_organisation, last_name="Obca")
    stranger.enrolments.create(programme=theirs, applied_at="2026-01-01T10:00:00Z")

    choices = dict(programme_choices(caseworker))

    assert ours.pk in choices
    assert theirs.pk not in choices
    assert search(caseworker, programme_id=theirs.pk) == []


def programme_choices(user: User) -> list[tuple[object, object]]:
    form = ParticipantFilterForm(programmes=selectors.programmes_for_filter(user))
    return list(form.fields["programme"].choices)


def test_the_export_carries_the_programme_filter(organisation: Organisation, caseworker: User) -> None:
    programme = ProgrammeFactory(organisation=organisation)
    applicant = ParticipantFactory(organisation=organisation, last_name="Zgłoszona")
    applicant.enrolments.create(programme=programme, applied_at="2026-01-01T10:00:00Z")
    ParticipantFactory(organisation=organisation, last_name="Nigdzie")

    response = client_for(caseworker).get(
        reverse("people:participant_export", args=["csv"]), {"programme": programme.pk}
    )

    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert "Zgłoszona" in lines[1]


def test_the_list_filtered_by_programme_costs_a_constant_number_of_queries(
    organisation: Organisation, caseworker: User, django_assert_max_num_queries: object
) -> None:
    first = _fill(organisation, 60, caseworker)
    programme = first.enrolments.first().programme  # type: ignore[union-attr]
    client = client_for(caseworker)

    with django_assert_max_num_queries(10):  # type: ignore[operator]
        response = client.get(reverse("people:participant_list"), {"q": "a", "programme": programme.pk})
    assert response.status_code == 200
    assert response.context["form"].is_valid()


def test_each_row_of_the_list_links_to_the_persons_file(organisation: Organisation, caseworker: User) -> None:
    person = ParticipantFactory(
        organisation=organisation, last_name="Żółkiewska", labour_status=LabourStatus.UNEMPLOYED
    )

    html = client_for(caseworker).get(reverse("people:participant_list"), {"q": "zolk"}).content.decode()

    assert f'href="{reverse("people:participant_detail", args=[person.pk])}"' in html
    assert f"<td>{LabourStatus.UNEMPLOYED.label}</td>" in html
    assert day(person.birth_date) in html


def test_the_list_escapes_names_and_says_when_nothing_matches(
    organisation: Organisation, caseworker: User
) -> None:
    ParticipantFactory(organisation=organisation, last_name="Nowak<script>")
    client = client_for(caseworker)

    found = client.get(reverse("people:participant_list"), {"q": "nowak"}).content.decode()
    missing = client.get(reverse("people:participant_list"), {"q": "xyzxyz"}).content.decode()

    assert "Nowak&lt;script&gt;" in found
    assert "<script>" not in found.split("<tbody>", 1)[1]
    assert '<td colspan="6">' in missing
