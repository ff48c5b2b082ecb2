"""A programme of the organisation and a report built by hand in the shape every part uses."""

from __future__ import annotations

from datetime import date

import pytest

from reintegra.accounts.models import Organisation
from reintegra.outcomes.reports import scopes
from reintegra.outcomes.tables import BY_GENDER, Period, Report, Row, Table, gender_relations
from reintegra.programmes.models import Programme
from tests.factories import ProgrammeFactory

GENDER_COLUMNS = [
    ("women", "Kobiety"),
    ("men", "Mężczyźni"),
    ("non_binary", "Osoby niebinarne"),
    ("total", "Ogółem"),
]
assert [key for key, _label in GENDER_COLUMNS] == list(BY_GENDER)
PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=organisation, code="aktywni-razem", name="Aktywni razem")


@pytest.fixture
def foreign_programme(other_organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=other_organisation, code="inna-droga", name="Inna droga")


def hand_made_report(*, suppressed: bool = False) -> Report:
    output = Table(
        "output",
        "Wskaźniki produktu",
        GENDER_COLUMNS,
        [
            Row(
                "EECO01",
                "Liczba uczestników",
                {"women": 12, "men": 9, "non_binary": 0, "total": 21},
                "Wszyscy",
            ),
            Row(
                "EECO02",
                "Bezrobotni",
                {"women": None, "men": 7, "non_binary": None, "total": 10}
                if suppressed
                else {"women": 3, "men": 7, "non_binary": 0, "total": 10},
            ),
        ],
    )
    meetings = Table(
        "meetings",
        "Spotkania według rodzaju",
        [("count", "Liczba")],
        [Row("individual", "Indywidualne", {"count": 1059})],
    )
    return Report(
        title="Raport: Aktywni razem",
        period=PERIOD,
        tables=[output, meetings],
        relations=gender_relations(output),
        suppressed=suppressed,
    )


@pytest.fixture
def programme_scope(programme: Programme) -> scopes.Scope:
    return scopes.of_programme(programme)
