"""The tables of a report beyond the EFS+ indicators, added by each part that counts something.

A part registers a provider in its ``ready``: given the programmes of the report (already scoped
to what the reader may see) and the period, it returns its tables in the shape of
``outcomes.tables``. Providers return counts only, never a row about a person, so the funder's view
can show every section.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reintegra.outcomes.tables import Period, Relation, Table
from reintegra.programmes.models import Programme

Provider = Callable[[Sequence[Programme], Period], tuple[list[Table], list[Relation]]]

_providers: dict[str, tuple[int, Provider]] = {}


def register(key: str, order: int, provider: Provider) -> None:
    """Adds (or replaces: ``ready`` may run twice in tests) the provider of one section."""
    _providers[key] = (order, provider)


def section_tables(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
    """Every registered section's tables and the relations between their cells, in their order."""
    tables: list[Table] = []
    relations: list[Relation] = []
    for _order, provider in sorted(_providers.values(), key=lambda entry: entry[0]):
        more_tables, more_relations = provider(programmes, period)
        tables += more_tables
        relations += more_relations
    return tables, relations
