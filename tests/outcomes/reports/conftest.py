"""A programme of the organisation and a report built by hand in the shape every part uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pytest

from reintegra.accounts.models import Organisation
from reintegra.outcomes import sections
from reintegra.outcomes.reports import scopes
from reintegra.outcomes.tables import BY_GENDER, Period, Relation, Report, Row, Table, gender_relations
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


@pytest.fixture
def counted_section(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[int], Period]]:
    """A part that counts the programmes it is given (registered as every part registers), so the
    page's tables are known; returns what it was asked for."""
    asked: list[tuple[list[int], Period]] = []

    def provider(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
        asked.append(([programme.pk for programme in programmes], period))
        table = Table(
            "people",
            "Uczestnicy według płci",
            GENDER_COLUMNS,
            [
                Row(
                    "EECO01",
                    "Liczba uczestników",
                    {"women": 12, "men": 9, "non_binary": 0, "total": 21},
                    "Wszyscy",
                ),
                Row("EECO02", "Bezrobotni", {"women": None, "men": 7, "non_binary": None, "total": 10}),
            ],
        )
        return [table], gender_relations(table)

    monkeypatch.setitem(sections._providers, "test-people", (0, provider))
    return asked
