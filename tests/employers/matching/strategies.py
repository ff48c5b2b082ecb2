"""Hypothesis strategies and a random generator for people and offers near one region."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import strategies as st

from reintegra.employers.matching.core import Offer, Person

HOME = (52.3, 17.6)
CODES = ["512001", "512002", "512101", "513101", "522301", "911207", "932101", "611303"]
SKILLS = ["baking", "cooking", "cleaning", "forklift", "cashier", "sewing", "driving", "gardening"]
SHIFTS = ["morning", "afternoon", "night", "weekend"]
KINDS = ["job", "internship", "traineeship", "mentoring", "apprenticeship", "work_trial"]
MODES = ["car", "public_transport", "on_foot_or_bike"]

coordinates = st.tuples(st.floats(51.8, 52.8), st.floats(17.0, 18.2))
skill_sets = st.frozensets(st.sampled_from(SKILLS), max_size=4)
shift_sets = st.frozensets(st.sampled_from(SHIFTS), max_size=3)
days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31))

people = st.builds(
    Person,
    id=st.integers(1, 10_000),
    wanted_codes=st.lists(
        st.sampled_from(CODES).flatmap(lambda code: st.sampled_from([code, code[:4], code[:2]])),
        max_size=3,
    ).map(tuple),
    skills=skill_sets,
    has_licence=st.booleans(),
    has_car=st.booleans(),
    travel_mode=st.sampled_from(MODES),
    max_km=st.none() | st.integers(0, 100),
    max_minutes=st.none() | st.integers(0, 180),
    home=st.none() | coordinates,
    shifts=shift_sets,
    max_hours=st.none() | st.integers(1, 60),
    available_from=st.none() | days,
    preferred_kinds=st.frozensets(st.sampled_from(KINDS), max_size=2),
)

offers = st.builds(
    Offer,
    id=st.integers(1, 10_000),
    code=st.sampled_from(["", *CODES, "5120", "51"]),
    skills_required=skill_sets,
    skills_nice=skill_sets,
    site=st.none() | coordinates,
    hours=st.integers(1, 60),
    shifts=shift_sets,
    needs_licence=st.booleans(),
    needs_car=st.booleans(),
    places_left=st.integers(0, 5),
    starts_on=st.none() | days,
    kind=st.sampled_from(KINDS),
)


def _some(rng: random.Random, choices: list[str], most: int) -> frozenset[str]:
    return frozenset(rng.sample(choices, rng.randint(0, most)))


def random_person(rng: random.Random, person_id: int) -> Person:
    return Person(
        id=person_id,
        wanted_codes=tuple(rng.choice(CODES)[: rng.choice([6, 6, 4, 2])] for _ in range(rng.randint(0, 3))),
        skills=_some(rng, SKILLS, 4),
        has_licence=rng.random() < 0.5,
        has_car=rng.random() < 0.3,
        travel_mode=rng.choice(MODES),
        max_km=rng.choice([None, 10, 25, 40, 60]),
        max_minutes=rng.choice([None, None, 30, 60, 90]),
        home=None if rng.random() < 0.05 else (rng.uniform(51.8, 52.8), rng.uniform(17.0, 18.2)),
        shifts=_some(rng, SHIFTS, 3),
        max_hours=rng.choice([None, 20, 30, 40]),
        available_from=rng.choice([None, date(2026, 1, 1) + timedelta(days=rng.randint(0, 365))]),
        preferred_kinds=_some(rng, KINDS, 2),
    )


def random_offer(rng: random.Random, offer_id: int) -> Offer:
    return Offer(
        id=offer_id,
        code=rng.choice([*CODES, "", "5120"]),
        skills_required=_some(rng, SKILLS, 3),
        skills_nice=_some(rng, SKILLS, 2),
        site=None if rng.random() < 0.05 else (rng.uniform(51.8, 52.8), rng.uniform(17.0, 18.2)),
        hours=rng.choice([10, 20, 30, 40]),
        shifts=_some(rng, SHIFTS, 2),
        needs_licence=rng.random() < 0.2,
        needs_car=rng.random() < 0.1,
        places_left=rng.choice([0, 1, 1, 2, 5]),
        starts_on=rng.choice([None, date(2026, 1, 1) + timedelta(days=rng.randint(0, 365))]),
        kind=rng.choice(KINDS),
    )
