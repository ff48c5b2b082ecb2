"""The indicator counts of a period.

(Kept up to date on write in the next step; for now a plain recount of the records.)
"""

from __future__ import annotations

from collections.abc import Iterable

from reintegra.outcomes import indicators
from reintegra.outcomes.facts import facts_for
from reintegra.outcomes.tables import Period


def period_counts(programme_ids: Iterable[int], period: Period) -> indicators.Counts:
    """{code: {women, men, non_binary}} of the programmes over the period, as ``indicators.count``."""
    return indicators.count(facts_for(programme_ids, period), period)
