"""Hand-written SQL reads the same on SQLite and PostgreSQL: named parameters in, typed rows out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from reintegra.people.models import Participant
from reintegra.rawsql import day, fetch_rows, in_list, keys_in, when
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


@dataclass(slots=True)
class Person:
    pk: int
    last_name: str
    birth_date: date | None


@dataclass(slots=True)
class Values:
    a_day: date
    a_moment: datetime
    yes: bool
    never: datetime | None


TABLE = Participant._meta.db_table


def test_a_row_is_read_into_its_dataclass_by_column_name_whatever_the_order() -> None:
    ours = ParticipantFactory(last_name="Żółkiewska", birth_date=date(1990, 5, 17))

    rows = fetch_rows(
        Person,
        f"SELECT birth_date, last_name, id AS pk FROM {TABLE} WHERE id = %(pk)s",  # noqa: S608
        {"pk": ours.pk},
    )

    assert rows == [Person(ours.pk, "Żółkiewska", date(1990, 5, 17))]


def test_dates_date_times_and_truth_values_read_the_same_on_both_databases() -> None:
    moment = datetime(2026, 3, 11, 13, 30, tzinfo=UTC)

    [row] = fetch_rows(
        Values,
        "SELECT %(day)s AS a_day, %(moment)s AS a_moment, 1 = 1 AS yes, NULL AS never",
        {"day": day(date(2026, 3, 11)), "moment": when(moment)},
    )

    assert row == Values(date(2026, 3, 11), moment, True, None)
    assert row.a_moment.utcoffset() is not None


def test_a_column_without_a_field_or_a_field_without_a_column_is_an_error() -> None:
    with pytest.raises(ValueError, match="no field for"):
        fetch_rows(Person, "SELECT 1 AS pk, 'x' AS last_name, NULL AS birth_date, 2 AS extra", {})
    with pytest.raises(ValueError, match="no column for"):
        fetch_rows(Person, "SELECT 1 AS pk, 'x' AS last_name", {})


def test_a_parameter_is_named_once_and_used_many_times() -> None:
    @dataclass(slots=True)
    class Sum:
        total: int

    assert fetch_rows(Sum, "SELECT %(n)s + %(n)s + %(n)s AS total", {"n": 7, "unused": 1}) == [Sum(21)]


def test_an_in_list_and_many_keys_are_named_parameters() -> None:
    people = [ParticipantFactory(last_name=name) for name in ("Adamska", "Bielska", "Celińska")]
    names, params = in_list("name", ["Adamska", "Celińska"])
    keys, key_params = keys_in("keys", [person.pk for person in people[1:]])

    @dataclass(slots=True)
    class Name:
        last_name: str

    sql = (
        f"SELECT last_name FROM {TABLE} "  # noqa: S608
        f"WHERE last_name IN ({names}) AND id IN ({keys}) ORDER BY last_name"
    )
    assert fetch_rows(Name, sql, params | key_params) == [Name("Celińska")]
    with pytest.raises(ValueError, match="at least one"):
        in_list("name", [])
