"""docs/indicators.md and its Polish translation define every figure of the costs section, under
the same heading, with the same table and row keys the section publishes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reintegra.outcomes.costs import section

DOCS = Path(__file__).parents[3] / "docs"
KEYS = [
    section.BY_CATEGORY,
    section.ALL_CATEGORIES,
    section.PER_HEAD,
    section.PARTICIPANTS,
    *[row for row, _code in section.PER_RESULT],
    *[code for _row, code in section.PER_RESULT],
    section.PEOPLE,
    section.PER_PERSON,
    "Row.amounts",
    "Row.over",
]


@pytest.mark.parametrize(
    ("name", "heading"), [("indicators.md", "## Costs"), ("indicators.pl.md", "## Koszty")]
)
def test_the_doc_defines_every_cost_figure(name: str, heading: str) -> None:
    text = (DOCS / name).read_text(encoding="utf-8")
    assert heading in text.splitlines()
    part = text.split(heading, 1)[1].split("\n## ", 1)[0]

    for key in KEYS:
        assert key in part, key
