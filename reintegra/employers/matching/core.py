"""Matching people and offers: hard constraints filter, soft factors score, every score explained.

A pure core: no Django import. A person (``Person``) and an offer (``Offer``) are plain facts;
``Params`` holds the weights and the other tunable numbers, with defaults. For a pair:

* **Hard constraints** (``exclusions``) drop the offer: it starts before the person is available
  (beyond ``Params.start_grace_days``), it has no places left, it needs a driving licence or a car
  the person lacks, or its site lies beyond the person's reach — the declared maximum km, or the
  maximum minutes at the assumed speed of the person's way of travelling (``Params.speed_kmh``),
  the nearer of the two when both are declared.
* **Soft factors** (``FACTORS``), each a fit from 0 to 1 times its weight, sum to the score:
  occupation closeness (the same 6-digit KZiS code > the same 4-digit unit group > the same
  2-digit sub-major group > none), skills overlap (a required skill counts twice a nice one),
  distance against the person's reach, the offer's hours against the most the person can work
  (care duties), its shifts against the person's, and the person's preferred kinds of offer.

Every suggestion carries its factors (code, fit, weight, and the numbers behind the fit) so a
page can say why; ``messages.py`` turns them into sentences. Ranking is by score, rounded to
``POINTS`` per unit, best first, ties broken by the smaller id, so the loop here and the
vectorised ``vector.py`` agree to the last place. Distance is measured on a plane tangent at the
person's home (equirectangular): within a region's few dozen km it is within a fraction of a
per cent of the great circle, and it needs no trigonometry per pair, so the plain and the
vectorised arithmetic are the same operations in the same order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

KM_PER_DEGREE = 111.195  # a degree of latitude (mean Earth radius 6371.0 km)
POINTS = 1_000_000  # the score is ranked as whole millionths

FACTORS = ("occupation", "skills", "distance", "hours", "shifts", "preference")

EXACT, UNIT_GROUP, SUB_MAJOR_GROUP, NO_MATCH = "occupation", "unit_group", "sub_major_group", "none"
CLOSENESS_LEVELS = ((6, EXACT), (4, UNIT_GROUP), (2, SUB_MAJOR_GROUP))

STARTS_BEFORE_AVAILABLE = "starts_before_available"
NO_PLACES_LEFT = "no_places_left"
NEEDS_LICENCE = "needs_licence"
NEEDS_CAR = "needs_car"
OUT_OF_REACH = "out_of_reach"


def _default_weights() -> dict[str, float]:
    return {
        "occupation": 0.35,
        "skills": 0.25,
        "distance": 0.2,
        "hours": 0.1,
        "shifts": 0.05,
        "preference": 0.05,
    }


def _default_speeds() -> dict[str, float]:
    # Door to door, with waiting: a rural bus is slow, a bike slower still.
    return {"car": 50.0, "public_transport": 25.0, "on_foot_or_bike": 12.0}


def _default_closeness() -> dict[str, float]:
    return {EXACT: 1.0, UNIT_GROUP: 0.6, SUB_MAJOR_GROUP: 0.3, NO_MATCH: 0.0}


@dataclass(frozen=True)
class Params:
    """The tunable numbers. Weights need not sum to 1; the defaults do."""

    weights: Mapping[str, float] = field(default_factory=_default_weights)
    speed_kmh: Mapping[str, float] = field(default_factory=_default_speeds)
    closeness: Mapping[str, float] = field(default_factory=_default_closeness)
    default_reach_km: float = 30.0  # scales the distance fit when the person declared no limit
    unknown_distance_fit: float = 0.5  # when the home or the site has no coordinates
    no_preference_fit: float = 0.5
    start_grace_days: int = 14  # an offer may start this long before the person is available

    def __post_init__(self) -> None:
        if set(self.weights) != set(FACTORS):
            raise ValueError(f"weights must name exactly {FACTORS}")
        if any(weight < 0 for weight in self.weights.values()) or sum(self.weights.values()) <= 0:
            raise ValueError("weights must be non-negative and not all zero")
        if any(speed <= 0 for speed in self.speed_kmh.values()):
            raise ValueError("speeds must be positive")

    def weight_list(self) -> list[float]:
        return [float(self.weights[name]) for name in FACTORS]


@dataclass(frozen=True)
class Person:
    id: int
    wanted_codes: tuple[str, ...] = ()
    skills: frozenset[str] = frozenset()
    has_licence: bool = False
    has_car: bool = False
    travel_mode: str = "public_transport"
    max_km: float | None = None
    max_minutes: float | None = None
    home: tuple[float, float] | None = None  # latitude, longitude
    shifts: frozenset[str] = frozenset()  # none declared: any
    max_hours: int | None = None
    available_from: date | None = None
    preferred_kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Offer:
    id: int
    code: str = ""
    skills_required: frozenset[str] = frozenset()
    skills_nice: frozenset[str] = frozenset()
    site: tuple[float, float] | None = None  # latitude, longitude
    hours: int = 40
    shifts: frozenset[str] = frozenset()
    needs_licence: bool = False
    needs_car: bool = False
    places_left: int = 1
    starts_on: date | None = None
    kind: str = "job"


@dataclass(frozen=True)
class Factor:
    """One soft factor of a suggestion: its fit (0–1), its weight and the numbers behind it."""

    code: str
    value: float
    weight: float
    params: dict[str, Any]

    @property
    def contribution(self) -> float:
        return self.value * self.weight


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    offer_id: int
    score: float
    points: int
    factors: tuple[Factor, ...]


def reach_km(person: Person, params: Params) -> float | None:
    """How far the person can go: the declared km, or minutes at the mode's speed; the nearer."""
    limits = []
    if person.max_km is not None:
        limits.append(float(person.max_km))
    if person.max_minutes is not None:
        limits.append(person.max_minutes * params.speed_kmh[person.travel_mode] / 60.0)
    return min(limits) if limits else None


def km_per_degree_of_longitude(latitude: float) -> float:
    return KM_PER_DEGREE * math.cos(math.radians(latitude))


def distance_km(home: tuple[float, float], site: tuple[float, float], lon_km: float) -> float:
    """Distance on the plane tangent at ``home``; ``lon_km`` is the home's km per degree of longitude."""
    dx = (site[1] - home[1]) * lon_km
    dy = (site[0] - home[0]) * KM_PER_DEGREE
    return math.sqrt(dx * dx + dy * dy)


def code_prefixes(code: str) -> dict[int, str]:
    """The code's 6-, 4- and 2-digit prefixes that it is long enough to have."""
    return {length: code[:length] for length, _level in CLOSENESS_LEVELS if len(code) >= length}


@dataclass(frozen=True)
class _Prepared:
    """What a person's facts give once, before meeting many offers."""

    person: Person
    wanted: dict[int, frozenset[str]]
    reach: float | None
    scale: float
    lon_km: float


def prepare(person: Person, params: Params) -> _Prepared:
    wanted = {
        length: frozenset(code[:length] for code in person.wanted_codes if len(code) >= length)
        for length, _level in CLOSENESS_LEVELS
    }
    reach = reach_km(person, params)
    lon_km = km_per_degree_of_longitude(person.home[0]) if person.home else 0.0
    return _Prepared(person, wanted, reach, params.default_reach_km if reach is None else reach, lon_km)


def closeness_level(wanted: Mapping[int, frozenset[str]], code: str) -> str:
    for length, level in CLOSENESS_LEVELS:
        if len(code) >= length and code[:length] in wanted[length]:
            return level
    return NO_MATCH


def _exclusions(prepared: _Prepared, offer: Offer, params: Params, distance: float | None) -> list[str]:
    person = prepared.person
    reasons = []
    if (
        person.available_from is not None
        and offer.starts_on is not None
        and person.available_from.toordinal() > offer.starts_on.toordinal() + params.start_grace_days
    ):
        reasons.append(STARTS_BEFORE_AVAILABLE)
    if offer.places_left <= 0:
        reasons.append(NO_PLACES_LEFT)
    if offer.needs_licence and not person.has_licence:
        reasons.append(NEEDS_LICENCE)
    if offer.needs_car and not person.has_car:
        reasons.append(NEEDS_CAR)
    if distance is not None and prepared.reach is not None and distance > prepared.reach:
        reasons.append(OUT_OF_REACH)
    return reasons


def _distance(prepared: _Prepared, offer: Offer) -> float | None:
    home = prepared.person.home
    if home is None or offer.site is None:
        return None
    return distance_km(home, offer.site, prepared.lon_km)


def _fits(prepared: _Prepared, offer: Offer, params: Params, distance: float | None) -> list[Factor]:
    """The soft factors in ``FACTORS`` order; the arithmetic ``vector.py`` repeats over arrays."""
    person = prepared.person
    weights = params.weights
    level = closeness_level(prepared.wanted, offer.code)

    required_met = len(offer.skills_required & person.skills)
    nice_met = len(offer.skills_nice & person.skills)
    denominator = 2 * len(offer.skills_required) + len(offer.skills_nice)
    skills = 1.0 if denominator == 0 else (2 * required_met + nice_met) / denominator

    if distance is None:
        nearness = params.unknown_distance_fit
    elif prepared.scale > 0:
        nearness = max(0.0, 1.0 - distance / prepared.scale)
    else:
        nearness = 1.0

    hours = (
        1.0 if person.max_hours is None or offer.hours <= person.max_hours else person.max_hours / offer.hours
    )
    shifts_met = len(offer.shifts & person.shifts)
    shifts = 1.0 if not person.shifts or not offer.shifts else shifts_met / len(offer.shifts)

    if not person.preferred_kinds:
        preference = params.no_preference_fit
    else:
        preference = 1.0 if offer.kind in person.preferred_kinds else 0.0

    return [
        Factor("occupation", params.closeness[level], weights["occupation"], {"level": level}),
        Factor(
            "skills",
            skills,
            weights["skills"],
            {
                "required_met": required_met,
                "required": len(offer.skills_required),
                "nice_met": nice_met,
                "nice": len(offer.skills_nice),
            },
        ),
        Factor(
            "distance",
            nearness,
            weights["distance"],
            {
                "km": None if distance is None else round(distance, 1),
                "reach_km": None if prepared.reach is None else round(prepared.reach, 1),
            },
        ),
        Factor("hours", hours, weights["hours"], {"hours": offer.hours, "max_hours": person.max_hours}),
        Factor(
            "shifts",
            shifts,
            weights["shifts"],
            {"matching": shifts_met, "offered": len(offer.shifts), "declared": bool(person.shifts)},
        ),
        Factor(
            "preference",
            preference,
            weights["preference"],
            {"kind": offer.kind, "declared": bool(person.preferred_kinds)},
        ),
    ]


def score_of(factors: Sequence[Factor]) -> float:
    total = 0.0
    for factor in factors:
        total = total + factor.weight * factor.value
    return total


def points_of(score: float) -> int:
    return math.floor(score * POINTS + 0.5)


def exclusions(person: Person, offer: Offer, params: Params | None = None) -> list[str]:
    """Why the offer is out of the person's question, as codes; empty when it may be suggested."""
    params = params or Params()
    prepared = prepare(person, params)
    return _exclusions(prepared, offer, params, _distance(prepared, offer))


def _suggest(prepared: _Prepared, offer: Offer, params: Params) -> Suggestion | None:
    distance = _distance(prepared, offer)
    if _exclusions(prepared, offer, params, distance):
        return None
    factors = tuple(_fits(prepared, offer, params, distance))
    score = score_of(factors)
    return Suggestion(prepared.person.id, offer.id, score, points_of(score), factors)


def suggest(person: Person, offer: Offer, params: Params | None = None) -> Suggestion | None:
    """The pair's score and explanation, or None when a hard constraint excludes it."""
    params = params or Params()
    return _suggest(prepare(person, params), offer, params)


def rank_offers(
    person: Person, offers: Iterable[Offer], params: Params | None = None, *, limit: int | None = 10
) -> list[Suggestion]:
    """The offers the person may take, best first (ties: the smaller offer id)."""
    params = params or Params()
    prepared = prepare(person, params)
    found = [s for offer in offers if (s := _suggest(prepared, offer, params)) is not None]
    found.sort(key=lambda s: (-s.points, s.offer_id))
    return found if limit is None else found[:limit]


def rank_people(
    offer: Offer, people: Iterable[Person], params: Params | None = None, *, limit: int | None = 10
) -> list[Suggestion]:
    """The people who may take the offer, best first (ties: the smaller person id)."""
    params = params or Params()
    found = [s for person in people if (s := _suggest(prepare(person, params), offer, params)) is not None]
    found.sort(key=lambda s: (-s.points, s.person_id))
    return found if limit is None else found[:limit]
