from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from reintegra.accounts.models import Organisation
from reintegra.demo import scale_people
from reintegra.demo.scale_people import fill_participants, pesel_for
from reintegra.people import identifiers
from reintegra.people.models import Participant


@given(
    # Up to today: a PESEL of someone born in the future is refused.
    st.dates(min_value=date(1900, 1, 1), max_value=date.today()),
    st.integers(min_value=0, max_value=10**6),
    st.booleans(),
)
def test_every_generated_pesel_is_valid_for_its_birth_date(birth: date, serial: int, female: bool) -> None:
    value = pesel_for(birth, serial, female)

    assert identifiers.pesel_birth_date(identifiers.pesel_validate(value)) == birth
    assert identifiers.pesel_sex_at_birth(value) == ("F" if female else "M")


def test_the_pesels_of_30000_people_in_one_organisation_are_distinct() -> None:
    people = scale_people._people(30_000, Organisation(pk=1), seed=2026)

    assert len({person.pesel for person in people}) == 30_000


@pytest.mark.django_db
def test_the_filler_inserts_valid_searchable_participants(
    organisation: Organisation, other_organisation: Organisation
) -> None:
    assert fill_participants(1_203, [organisation, other_organisation]) == 1_203

    assert Participant.objects.count() == 1_203
    sample = Participant.objects.order_by("?").first()
    assert sample is not None
    sample.full_clean()
    assert sample.search_key == identifiers.search_key(sample.last_name, sample.first_name)


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_fill_leaves_the_table_vacuumed(
    organisation: Organisation, other_organisation: Organisation
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("VACUUM is PostgreSQL's")

    fill_participants(200, [organisation, other_organisation])

    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'people_participant'")
        (last_vacuum,) = cursor.fetchone()
    assert last_vacuum is not None
