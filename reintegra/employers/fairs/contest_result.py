"""The result of a contest from its jurors' scores: a pure core (no Django), STYLE.md habit 11.

Each criterion has a weight and a scale (lowest to highest points). A nomination's mean on a
criterion is the mean of the jurors' scores on it; since criteria may have different scales,
the mean is put on a common 0–100 scale (the lowest score is 0, the highest 100) before the
weighted average is taken: ``Σ weight × mean₀₋₁₀₀ / Σ weight`` over all the criteria. A
criterion no juror has scored counts as 0 and the row says how many scores are missing, so an
unfinished jury sheet cannot lift a nomination above the others.

Nominations are ranked by that average, rounded to two places, highest first; equal averages
share a rank ("1, 2, 2, 4") and are marked as tied.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    weight: Decimal
    scale_min: int
    scale_max: int


@dataclass(frozen=True)
class Given:
    """One score: a juror's points for a nomination on a criterion."""

    nomination_id: int
    criterion_id: int
    juror_id: int
    points: int


@dataclass(frozen=True)
class Ranked:
    nomination_id: int
    result: Decimal  # the weighted average on the 0–100 scale, two places
    rank: int
    tied: bool
    means: dict[int, Decimal | None]  # criterion id → mean points on its own scale
    missing: int  # scores the jury has not given yet


def rank(
    criteria: Sequence[CriterionSpec], nominations: Sequence[int], scores: Iterable[Given], jurors: int
) -> list[Ranked]:
    """The nominations ranked by their weighted average, ties sharing a rank."""
    points: dict[tuple[int, int], list[int]] = defaultdict(list)
    for given in scores:
        points[(given.nomination_id, given.criterion_id)].append(given.points)
    total_weight = sum((criterion.weight for criterion in criteria), Decimal(0))
    rows = []
    for nomination in nominations:
        means: dict[int, Decimal | None] = {}
        weighted = Decimal(0)
        missing = 0
        for criterion in criteria:
            marks = points.get((nomination, criterion.id), [])
            missing += max(jurors - len(marks), 0)
            if not marks:
                means[criterion.id] = None
                continue
            mean = Decimal(sum(marks)) / len(marks)
            means[criterion.id] = mean.quantize(PLACES, ROUND_HALF_UP)
            span = criterion.scale_max - criterion.scale_min
            weighted += criterion.weight * (mean - criterion.scale_min) * HUNDRED / span
        result = (weighted / total_weight if total_weight else Decimal(0)).quantize(PLACES, ROUND_HALF_UP)
        rows.append((nomination, result, means, missing))
    rows.sort(key=lambda row: (-row[1], row[0]))
    counts: dict[Decimal, int] = defaultdict(int)
    for row in rows:
        counts[row[1]] += 1
    ranked, place = [], 0
    previous: Decimal | None = None
    for position, (nomination, result, means, missing) in enumerate(rows, start=1):
        if result != previous:
            place, previous = position, result
        ranked.append(Ranked(nomination, result, place, counts[result] > 1, means, missing))
    return ranked
