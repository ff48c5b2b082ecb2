"""The arithmetic of the before/after report: plain functions over plain answers, no Django.

For each skill, only the people who rated it both at entry and at exit count. The means are of
the whole people's ratings, rounded half up to two decimals; the mean change is the mean at exit
less the mean at entry computed before rounding, which is also the mean of each person's change.
A person improved when her rating at exit is higher than at entry, worsened when it is lower.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

Answers = Mapping[str, Any]


@dataclass(frozen=True)
class SkillChange:
    people: int
    mean_entry: float | None
    mean_exit: float | None
    mean_change: float | None
    improved: int
    same: int
    worsened: int


def _rating(answers: Answers, key: str) -> int | None:
    value = answers.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mean(total: int, count: int) -> float | None:
    if count == 0:
        return None
    return float((Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def skill_change(pairs: Sequence[tuple[Answers, Answers]], key: str) -> SkillChange:
    """One skill over the (entry, exit) answers of each person."""
    rated = [
        (before, after)
        for before, after in ((_rating(entry, key), _rating(exit_, key)) for entry, exit_ in pairs)
        if before is not None and after is not None
    ]
    count = len(rated)
    entry_total = sum(before for before, _after in rated)
    exit_total = sum(after for _before, after in rated)
    return SkillChange(
        people=count,
        mean_entry=_mean(entry_total, count),
        mean_exit=_mean(exit_total, count),
        mean_change=_mean(exit_total - entry_total, count),
        improved=sum(1 for before, after in rated if after > before),
        same=sum(1 for before, after in rated if after == before),
        worsened=sum(1 for before, after in rated if after < before),
    )


def distribution(answers: Sequence[Answers], key: str, values: Sequence[str]) -> dict[str, int]:
    """How many gave each answer to one question (``values`` as text: a scale's "1"…"5" or a
    choice's values); people who did not answer it are not counted."""
    counts = dict.fromkeys(values, 0)
    for item in answers:
        value = item.get(key)
        if value is None or isinstance(value, bool):
            continue
        text = str(value)
        if text in counts:
            counts[text] += 1
    return counts
