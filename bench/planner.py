"""The visit planner (``reintegra/outreach/planner.py``) against known optima and against itself.

Two measurements on generated instances (seeded; no database):

* **small days with a known optimum**: single days of 8–12 halls in a 40 km square around the
  team's base, visits of 15–60 minutes, about a third of the halls free only in the morning or
  the afternoon; each solved exactly by ``optimum_by_dp`` (Held–Karp) and by ``solve`` as a
  coordinator would call it (the search stops once it stalls). The gap is ``solve``'s metres over
  the optimum's.
* **a week of a county**: 50 halls in 20 villages (one to four halls each, alternatives of which
  one is visited) of a 50 km county, the base at its middle, five days of 8:00–16:00, visits of
  60–120 minutes, a third of the halls free only some days or some hours. ``solve`` with a time
  limit a coordinator would wait for (``--limit``, 5 s: the pages' ``DEFAULT_TIME_LIMIT_S``)
  against the same solver with ten times that limit, both searching for the whole limit; the gap
  is the short run's metres over the long run's (a negative gap: the short run found the shorter
  plan). Both must leave out the same
  number of villages, or the gap is not comparable (the run says so).
* **fifty stops in a week**: the same county with 50 halls in 50 villages, every one visited
  (visits of 15–30 minutes, about ten a day), the same two limits.

The goal is a gap of at most 1% in every case. Runnable alone as ``python -m bench.planner``
(``make bench-planner``); ``bench.run`` calls it after the matching bench. Results go to
bench/results/planner-latest.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from reintegra.outreach.planner import Day, Instance, Plan, PlanError, Stop, optimum_by_dp, solve

RESULTS = Path(__file__).resolve().parent / "results"
GOAL_PERCENT = 1.0
MORNING, EVENING = 8 * 60, 16 * 60


def _matrix(points_m: list[tuple[float, float]]) -> list[list[int]]:
    return [[round(math.dist(a, b)) for b in points_m] for a in points_m]


def small_day(rng: random.Random, stops: int) -> Instance:
    """One day, ``stops`` halls within 20 km of the base, some free half the day only."""
    points = [(0.0, 0.0)] + [
        (rng.uniform(-20_000, 20_000), rng.uniform(-20_000, 20_000)) for _ in range(stops)
    ]
    windows = [[(MORNING, EVENING)]] * 4 + [[(MORNING, 12 * 60)], [(12 * 60, EVENING)]]
    halls = [
        Stop(key=f"hall-{n}", duration=rng.choice(range(15, 61, 5)), free={0: rng.choice(windows)})
        for n in range(stops)
    ]
    return Instance(days=[Day(0, MORNING, EVENING)], stops=halls, distances=_matrix(points))


def county_week(
    rng: random.Random, villages: int = 20, halls: int = 50, minutes: range = range(60, 121, 15)
) -> Instance:
    """A week of five days, ``halls`` halls in ``villages`` villages of a 50 km county, a visit
    taking one of ``minutes``. With as many villages as halls every hall is a stop to visit."""
    per_village = [1] * villages
    for _ in range(halls - villages):
        candidates = [n for n in range(villages) if per_village[n] < 4]
        per_village[rng.choice(candidates)] += 1
    days = [Day(index, MORNING, EVENING) for index in range(5)]
    points = [(0.0, 0.0)]
    stops = []
    for village, count in enumerate(per_village):
        centre = (rng.uniform(-25_000, 25_000), rng.uniform(-25_000, 25_000))
        duration = rng.choice(minutes)  # the village's visit, whichever hall
        for hall in range(count):
            points.append((centre[0] + rng.uniform(-1500, 1500), centre[1] + rng.uniform(-1500, 1500)))
            free = {day.index: [(MORNING, EVENING)] for day in days}
            kind = rng.random()
            if kind < 0.15:  # a school: free in the afternoon
                free = {day.index: [(12 * 60, EVENING)] for day in days}
            elif kind < 0.3:  # a parish hall: free Monday, Wednesday and Friday
                free = {index: [(MORNING, EVENING)] for index in (0, 2, 4)}
            elif kind < 0.35:  # a fire station: mornings on Tuesdays and Thursdays
                free = {index: [(MORNING, 13 * 60)] for index in (1, 3)}
            stops.append(Stop(key=f"v{village}-h{hall}", duration=duration, free=free, group=f"v{village}"))
    return Instance(days=days, stops=stops, distances=_matrix(points))


def _timed(instance: Instance, **options: Any) -> tuple[Plan, float]:
    started = time.perf_counter()
    plan = solve(instance, **options)
    return plan, time.perf_counter() - started


def _gap(found: int, best: int) -> float:
    return round(100 * (found - best) / best, 3) if best else 0.0


def small_days(seed: int, count: int, time_limit_s: float) -> list[dict[str, Any]]:
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not secrets
    rows: list[dict[str, Any]] = []
    while len(rows) < count:
        instance = small_day(rng, rng.randint(8, 12))
        started = time.perf_counter()
        try:
            optimum = optimum_by_dp(instance)
        except PlanError:  # no order fits the windows: draw another day
            continue
        dp_seconds = time.perf_counter() - started
        plan, seconds = _timed(instance, time_limit_s=time_limit_s)
        rows.append(
            {
                "stops": len(instance.stops),
                "optimum_m": optimum.metres,
                "solve_m": plan.metres,
                "left_out": len(plan.left_out),
                "gap_percent": _gap(plan.metres, optimum.metres) if not plan.left_out else None,
                "dp_s": round(dp_seconds, 3),
                "solve_s": round(seconds, 3),
            }
        )
    return rows


# The weeks measured: 50 halls in 20 villages (one hall of each village visited, visits of one to
# two hours), and 50 stops every one of which is visited (short visits: ten a day).
class Week(NamedTuple):
    villages: int
    halls: int
    minutes: range


WEEKS = {
    "county": Week(villages=20, halls=50, minutes=range(60, 121, 15)),
    "fifty_stops": Week(villages=50, halls=50, minutes=range(15, 31, 5)),
}


def weeks(seeds: list[int], time_limit_s: float, kind: str = "county") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for seed in seeds:
        instance = county_week(random.Random(seed), *WEEKS[kind])  # noqa: S311 - synthetic test data
        short, short_s = _timed(instance, time_limit_s=time_limit_s, stop_when_stalled=False)
        long, long_s = _timed(instance, time_limit_s=10 * time_limit_s, stop_when_stalled=False)
        comparable = len(short.left_out) == len(long.left_out)
        rows.append(
            {
                "kind": kind,
                "seed": seed,
                "halls": len(instance.stops),
                "villages": len({stop.group for stop in instance.stops}),
                "visits": sum(len(route.visits) for route in short.routes),
                "left_out_short": len(short.left_out),
                "left_out_long": len(long.left_out),
                "short_limit_s": time_limit_s,
                "short_m": short.metres,
                "short_s": round(short_s, 1),
                "long_limit_s": 10 * time_limit_s,
                "long_m": long.metres,
                "long_s": round(long_s, 1),
                "gap_percent": _gap(short.metres, long.metres) if comparable else None,
            }
        )
    return rows


def measure(
    *, small: int = 12, seeds: tuple[int, ...] = (1, 2, 3), limit: float = 5.0, seed: int = 2026
) -> dict:
    small_rows = small_days(seed, small, limit)
    week_rows = weeks(list(seeds), limit) + weeks(list(seeds), limit, "fifty_stops")
    gaps = [row["gap_percent"] for row in small_rows + week_rows]
    return {
        "goal_percent": GOAL_PERCENT,
        "met": all(gap is not None and gap <= GOAL_PERCENT for gap in gaps),
        "small_days": small_rows,
        "weeks": week_rows,
    }


def report(figures: dict[str, Any]) -> None:
    small = figures["small_days"]
    print(f"planner, {len(small)} single days of 8–12 halls against the exact optimum (Held–Karp):")
    print(f"{'halls':>6}{'optimum m':>11}{'solve m':>10}{'gap %':>8}{'exact s':>9}{'solve s':>9}")
    for row in small:
        gap = "—" if row["gap_percent"] is None else f"{row['gap_percent']:.2f}"
        print(
            f"{row['stops']:>6}{row['optimum_m']:>11,}{row['solve_m']:>10,}{gap:>8}"
            f"{row['dp_s']:>9.2f}{row['solve_s']:>9.2f}"
        )
    print("planner, weeks of 5 days against ten times the limit: 50 halls in 20 villages (county),")
    print("and 50 stops each visited (fifty_stops):")
    header = f"{'week':>12}{'seed':>5}{'visits':>7}{'limit s':>9}{'metres':>9}{'10× limit':>11}{'metres':>9}"
    print(f"{header}{'gap %':>8}{'left out':>10}")
    for row in figures["weeks"]:
        gap = "—" if row["gap_percent"] is None else f"{row['gap_percent']:.2f}"
        print(
            f"{row['kind']:>12}{row['seed']:>5}{row['visits']:>7}{row['short_s']:>9}{row['short_m']:>9,}{row['long_s']:>11}"
            f"{row['long_m']:>9,}{gap:>8}{row['left_out_short']:>5} / {row['left_out_long']}"
        )
    print(
        f"planner: goal ≤ {figures['goal_percent']}% in every case: {'met' if figures['met'] else 'NOT met'}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=12, help="single days solved exactly")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3], help="weeks of a county")
    parser.add_argument("--limit", type=float, default=5.0, help="the coordinator's time limit, seconds")
    args = parser.parse_args(argv)
    figures = measure(small=args.small, seeds=tuple(args.seeds), limit=args.limit)
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"OR-Tools {version('ortools')}",
        **figures,
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for path in (RESULTS / f"planner-{stamp}.json", RESULTS / "planner-latest.json"):
        path.write_text(json.dumps(result, indent=2) + "\n")
    report(figures)


if __name__ == "__main__":
    main()
