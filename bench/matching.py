"""Matching at scale: the vectorised scores (``vector.py``) against the plain loop (``core.py``).

Two measurements, each with the loop over the same data in the same run:

* one person's top ten among 50,000 offers (the median of several people);
* the whole batch, 100,000 people × 10,000 offers. The loop would take hours, so it is timed
  on a sample of people and extrapolated in proportion (the output says so); the vectorised
  batch runs in full, a tenth at a time in turn with a tenth of the loop's sample.

Both must give the same top ten (ids, order and points) for every person compared, or the run
fails. The data are random but seeded: people and offers over one voivodeship, KZiS codes from a
few hundred occupations, skills from a vocabulary of sixty. No database: runnable alone as
``python -m bench.matching``; ``bench.run`` calls ``measure`` too. Results go to
bench/results/matching-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from reintegra.employers.matching import core, vector
from reintegra.employers.matching.core import Offer, Params, Person

RESULTS = Path(__file__).resolve().parent / "results"
GOAL = 50.0
TURNS = 10

SKILLS = [f"skill-{n:02}" for n in range(60)]
SHIFTS = ["morning", "afternoon", "night", "weekend"]
KINDS = ["job", "internship", "traineeship", "mentoring", "apprenticeship", "work_trial"]
MODES = ["car", "public_transport", "public_transport", "on_foot_or_bike"]
START = date(2026, 1, 1)


def _codes(rng: random.Random, count: int) -> list[str]:
    groups = [f"{rng.randint(11, 96)}{rng.randint(10, 99)}" for _ in range(count // 4)]
    return [f"{rng.choice(groups)}{rng.randint(1, 99):02}" for _ in range(count)]


def _where(rng: random.Random) -> tuple[float, float]:
    return (rng.uniform(49.0, 54.8), rng.uniform(14.1, 24.1))


def people(rng: random.Random, count: int, codes: list[str]) -> list[Person]:
    return [
        Person(
            id=person_id,
            wanted_codes=tuple(
                rng.choice(codes)[: rng.choice([6, 6, 4, 2])] for _ in range(rng.randint(0, 3))
            ),
            skills=frozenset(rng.sample(SKILLS, rng.randint(0, 6))),
            has_licence=rng.random() < 0.5,
            has_car=rng.random() < 0.3,
            travel_mode=rng.choice(MODES),
            max_km=rng.choice([None, 15, 20, 30, 50, 80]),
            max_minutes=rng.choice([None, 30, 45, 60, 90]),
            home=None if rng.random() < 0.03 else _where(rng),
            shifts=frozenset(rng.sample(SHIFTS, rng.randint(0, 3))),
            max_hours=rng.choice([None, 20, 30, 40]),
            available_from=rng.choice([None, START + timedelta(days=rng.randint(0, 365))]),
            preferred_kinds=frozenset(rng.sample(KINDS, rng.randint(0, 2))),
        )
        for person_id in range(1, count + 1)
    ]


def offers(rng: random.Random, count: int, codes: list[str]) -> list[Offer]:
    ids = rng.sample(range(1, count * 4), count)
    return [
        Offer(
            id=offer_id,
            code=rng.choice(codes) if rng.random() < 0.9 else "",
            skills_required=frozenset(rng.sample(SKILLS, rng.randint(0, 4))),
            skills_nice=frozenset(rng.sample(SKILLS, rng.randint(0, 3))),
            site=None if rng.random() < 0.02 else _where(rng),
            hours=rng.choice([10, 20, 30, 40, 40]),
            shifts=frozenset(rng.sample(SHIFTS, rng.randint(0, 2))),
            needs_licence=rng.random() < 0.2,
            needs_car=rng.random() < 0.1,
            places_left=rng.choice([0, 1, 1, 2, 3, 5]),
            starts_on=rng.choice([None, START + timedelta(days=rng.randint(0, 365))]),
            kind=rng.choice(KINDS),
        )
        for offer_id in ids
    ]


def _loop_top(person: Person, some_offers: list[Offer], params: Params) -> list[tuple[int, int]]:
    return [(s.offer_id, s.points) for s in core.rank_offers(person, some_offers, params, limit=10)]


def _row(ranked: vector.Ranked, row: int) -> list[tuple[int, int]]:
    return [
        (int(offer_id), int(points))
        for offer_id, points in zip(ranked.offer_ids[row], ranked.points[row], strict=True)
        if offer_id >= 0
    ]


def _best_of[T](times: int, run: Callable[[], T]) -> tuple[T, float]:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return result, best


def one_person(seed: int, offer_count: int, repeats: int) -> dict[str, Any]:
    """Top ten among ``offer_count`` offers for ``repeats`` people, each timed both ways."""
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not secrets
    codes = _codes(rng, 400)
    all_offers = offers(rng, offer_count, codes)
    someone = people(rng, repeats, codes)
    params = Params()
    start = time.perf_counter()
    arrays = vector.offer_arrays(all_offers)
    encode = time.perf_counter() - start
    loop_times, vector_times, same = [], [], 0
    for person in someone:
        # The best of three each: this machine's other work only ever adds to a time.
        expected, loop_time = _best_of(3, partial(_loop_top, person, all_offers, params))
        ranked, vector_time = _best_of(3, partial(vector.rank_offers, person, arrays, params))
        loop_times.append(loop_time)
        vector_times.append(vector_time)
        if _row(ranked, 0) != expected:
            raise AssertionError(f"person {person.id}: {_row(ranked, 0)} != {expected}")
        same += 1
    loop, vectorised = statistics.median(loop_times), statistics.median(vector_times)
    return {
        "offers": offer_count,
        "people_timed": repeats,
        "same_top_ten": same,
        "loop_ms": round(loop * 1000, 2),
        "vector_ms": round(vectorised * 1000, 2),
        "speed_up": round(loop / vectorised, 1),
        "least_speed_up": round(min(a / b for a, b in zip(loop_times, vector_times, strict=True)), 1),
        "encode_offers_ms": round(encode * 1000, 1),
    }


def batch(seed: int, people_count: int, offer_count: int, sample: int, cells: int) -> dict[str, Any]:
    """The whole batch vectorised; the loop on ``sample`` people, extrapolated to all of them."""
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not secrets
    codes = _codes(rng, 400)
    all_offers = offers(rng, offer_count, codes)
    everyone = people(rng, people_count, codes)
    params = Params()
    start = time.perf_counter()
    offer_columns = vector.offer_arrays(all_offers)
    person_rows = vector.person_arrays(everyone, offer_columns, params)
    encode = time.perf_counter() - start
    picker = random.Random(seed + 1)  # noqa: S311 - synthetic test data, not secrets
    sampled = sorted(picker.sample(range(people_count), min(sample, people_count)))

    # In turns, a tenth of the batch and a tenth of the loop's sample: this machine's speed drifts
    # over minutes, and both sides of the ratio should see the same drift.
    parts, vectorised, loop_sample = [], 0.0, 0.0
    expected: dict[int, list[tuple[int, int]]] = {}
    for turn in range(TURNS):
        rows = np.arange(turn * people_count // TURNS, (turn + 1) * people_count // TURNS)
        start = time.perf_counter()
        parts.append(vector.top_offers_batch(person_rows.take(rows), offer_columns, params, cells=cells))
        vectorised += time.perf_counter() - start
        start = time.perf_counter()
        for row in sampled[turn::TURNS]:
            expected[row] = _loop_top(everyone[row], all_offers, params)
        loop_sample += time.perf_counter() - start
    ranked = vector.Ranked(
        np.vstack([part.offer_ids for part in parts]), np.vstack([part.points for part in parts])
    )
    for row, top in expected.items():
        if _row(ranked, row) != top:
            raise AssertionError(f"person {everyone[row].id}: {_row(ranked, row)} != {top}")
    loop = loop_sample * people_count / len(sampled)
    return {
        "people": people_count,
        "offers": offer_count,
        "pairs": people_count * offer_count,
        "chunk_people": max(1, cells // offer_count),
        "vector_s": round(vectorised, 2),
        "encode_s": round(encode, 2),
        "loop_sample_people": len(sampled),
        "loop_sample_s": round(loop_sample, 2),
        "loop_extrapolated_s": round(loop, 1),
        "same_top_ten": len(sampled),
        "speed_up": round(loop / vectorised, 1),
        "people_without_suggestion": int((ranked.offer_ids[:, 0] < 0).sum()),
    }


def measure(
    *,
    offers_one: int = 50_000,
    people_batch: int = 100_000,
    offers_batch: int = 10_000,
    repeats: int = 15,
    sample: int = 200,
    cells: int = 2_000_000,
    seed: int = 2026,
) -> dict[str, Any]:
    return {
        "one_person": one_person(seed, offers_one, repeats),
        "batch": batch(seed, people_batch, offers_batch, sample, cells),
    }


def report(figures: dict[str, Any]) -> None:
    one, whole = figures["one_person"], figures["batch"]
    print(
        f"matching, one person's top 10 among {one['offers']:,} offers "
        f"(median over {one['people_timed']} people, best of 3 each): "
        f"loop {one['loop_ms']} ms, vectorised {one['vector_ms']} ms, {one['speed_up']}× "
        f"(goal ≥ {GOAL:.0f}×; the least for one person {one['least_speed_up']}×); "
        f"same top 10 for all {one['same_top_ten']} "
        f"(encoding the offers once: {one['encode_offers_ms']} ms)"
    )
    print(
        f"matching, batch {whole['people']:,} people × {whole['offers']:,} offers: vectorised "
        f"{whole['vector_s']} s ({whole['chunk_people']} people a chunk; encoding {whole['encode_s']} s); "
        f"loop {whole['loop_extrapolated_s']} s extrapolated from {whole['loop_sample_people']} people "
        f"timed ({whole['loop_sample_s']} s), {whole['speed_up']}× (goal ≥ {GOAL:.0f}×); "
        f"same top 10 for all {whole['same_top_ten']} sampled people"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=50_000, help="offers for one person's top ten")
    parser.add_argument("--batch-people", type=int, default=100_000)
    parser.add_argument("--batch-offers", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=200, help="people the batch's loop is timed on")
    parser.add_argument("--repeats", type=int, default=15, help="people timed for the one-person figure")
    parser.add_argument("--cells", type=int, default=2_000_000, help="pairs scored at once")
    args = parser.parse_args(argv)
    figures = measure(
        offers_one=args.offers,
        people_batch=args.batch_people,
        offers_batch=args.batch_offers,
        repeats=args.repeats,
        sample=args.sample,
        cells=args.cells,
    )
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"NumPy {np.__version__}",
        **figures,
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for path in (RESULTS / f"matching-{stamp}.json", RESULTS / "matching-latest.json"):
        path.write_text(json.dumps(result, indent=2) + "\n")
    report(figures)


if __name__ == "__main__":
    main()
