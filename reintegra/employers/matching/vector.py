"""The matching core's scores over arrays: one person against every offer, or a whole batch.

A pure core (NumPy, no Django). It repeats ``core.py``'s arithmetic operation for operation over
``people × offers`` arrays, so a score here equals the loop's to the last bit and the two rank
alike: by ``core.points_of`` (whole millionths), ties by the smaller offer id. A set of skills or
shifts becomes a bit mask (skills over the offers' vocabulary, 64 to a word) and an overlap a
population count; KZiS codes become integers per level; dates ordinals. Fits that take few values
(occupation by distinct code, hours, shifts, kind) are worked out once per value and gathered.

Pruning never changes a result: a person with a home and a reach meets only the offers with
places left in a box around her group's homes (``top_offers_batch``); everything outside is out
of reach, which the hard constraint would exclude anyway. The batch goes through people in chunks
so no temporary array holds more than ``cells`` numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from reintegra.employers.matching import core
from reintegra.employers.matching.core import Offer, Params, Person

Ints = NDArray[np.int64]
Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Masks = NDArray[np.uint64]

NO_CODE_OFFER, NO_CODE_PERSON = -1, -2  # never equal to each other nor to a code
NEVER_BEFORE, ALWAYS_AFTER = -(2**40), 2**40
LEVEL_LENGTHS = tuple(length for length, _level in core.CLOSENESS_LEVELS)


def _masks(sets: Iterable[frozenset[str]], index: dict[str, int], words: int) -> Masks:
    rows = list(sets)
    masks = np.zeros((len(rows), words), dtype=np.uint64)
    for row, items in enumerate(rows):
        for item in items:
            position = index.get(item)
            if position is not None:
                masks[row, position // 64] |= np.uint64(1) << np.uint64(position % 64)
    return masks


def _code_int(code: str, length: int, missing: int) -> int:
    return int(code[:length]) if len(code) >= length and code[:length].isdigit() else missing


# The integer columns of OfferArrays.numbers, one row each: a subset is one gather of them all.
NUMBER_COLUMNS = (
    *("ids", "rank", "code_6", "code_4", "code_2", "required_count", "nice_count", "hours", "shifts"),
    *("shift_count", "places_left", "starts", "kind", "code_of", "hours_of", "shifts_of"),
)
FLAG_COLUMNS = ("has_site", "needs_licence", "needs_car")


@dataclass(frozen=True)
class OfferArrays:
    """Offers as columns, in the order given; ``rank`` is each offer's place by id.

    The columns are rows of three arrays (numbers, coordinates, flags) and two bit masks, so a
    subset costs five gathers whatever the number of columns; each column is a property.
    """

    numbers: Ints  # (NUMBER_COLUMNS, offers)
    coordinates: Floats  # (latitude and longitude, offers)
    flags: Bools  # (FLAG_COLUMNS, offers)
    required: Masks
    nice: Masks
    skill_index: dict[str, int]
    shift_index: dict[str, int]
    kind_index: dict[str, int]
    span: int  # how many offers ``rank`` counts: the whole list, also in a subset
    # The spatial index holds only offers with places left: the others are excluded whoever asks.
    by_latitude: Ints  # the sited offers, southmost first
    latitudes: Floats  # their latitudes, ascending
    unsited: Ints
    # Few distinct values, so a fit is worked out once per value and gathered for every offer:
    distinct_codes: Ints  # (distinct codes, levels)
    hours_values: Ints
    shift_values: Ints
    shift_counts: Ints

    def __len__(self) -> int:
        return self.numbers.shape[1]

    def __getattr__(self, name: str) -> Any:
        if name in _NUMBER_ROW:
            return self.numbers[_NUMBER_ROW[name]]
        if name in _FLAG_ROW:
            return self.flags[_FLAG_ROW[name]]
        raise AttributeError(name)

    @property
    def codes(self) -> tuple[Ints, ...]:
        return (self.numbers[2], self.numbers[3], self.numbers[4])

    @property
    def lat(self) -> Floats:
        return self.coordinates[0]

    @property
    def lon(self) -> Floats:
        return self.coordinates[1]

    def take(self, index: Ints) -> OfferArrays:
        """A subset, keeping the whole list's ranks and vocabularies (not its spatial index)."""
        return dataclasses.replace(
            self,
            numbers=self.numbers[:, index],
            coordinates=self.coordinates[:, index],
            flags=self.flags[:, index],
            required=self.required[index],
            nice=self.nice[index],
        )

    def near(self, south: float, north: float, west: float, east: float) -> Ints:
        """Offers with places left whose site lies in the box, and those with no site (never
        out of reach)."""
        low = int(np.searchsorted(self.latitudes, south, side="left"))
        high = int(np.searchsorted(self.latitudes, north, side="right"))
        band = self.by_latitude[low:high]
        longitudes = self.lon[band]
        return np.concatenate([band[(longitudes >= west) & (longitudes <= east)], self.unsited])


def offer_arrays(offers: Sequence[Offer]) -> OfferArrays:
    skills = sorted({s for o in offers for s in o.skills_required | o.skills_nice})
    skill_index = {skill: position for position, skill in enumerate(skills)}
    words = max(1, -(-len(skills) // 64))
    shift_index = {s: p for p, s in enumerate(sorted({s for o in offers for s in o.shifts}))}
    kind_index = {k: p for p, k in enumerate(sorted({o.kind for o in offers}))}
    if len(shift_index) > 62 or len(kind_index) > 62:
        raise ValueError("at most 62 kinds of shift and of offer")
    ids = np.array([o.id for o in offers], dtype=np.int64)
    rank = np.empty(len(offers), dtype=np.int64)
    rank[np.argsort(ids, kind="stable")] = np.arange(len(offers))
    has_site = np.array([o.site is not None for o in offers], dtype=np.bool_)
    lat = np.array([o.site[0] if o.site else 0.0 for o in offers], dtype=np.float64)
    codes = tuple(
        np.array([_code_int(o.code, length, NO_CODE_OFFER) for o in offers], dtype=np.int64)
        for length in LEVEL_LENGTHS
    )
    distinct_codes, code_of = np.unique(
        np.stack(codes, axis=1).reshape(len(offers), len(LEVEL_LENGTHS)), axis=0, return_inverse=True
    )
    places_left = np.array([o.places_left for o in offers], dtype=np.int64)
    hours = np.array([o.hours for o in offers], dtype=np.int64)
    hours_values, hours_of = np.unique(hours, return_inverse=True)
    shifts = np.array([sum(1 << shift_index[s] for s in o.shifts) for o in offers], dtype=np.int64)
    shift_values, shifts_of = np.unique(shifts, return_inverse=True)
    columns = {
        "ids": ids,
        "rank": rank,
        "code_6": codes[0],
        "code_4": codes[1],
        "code_2": codes[2],
        "required_count": [len(o.skills_required) for o in offers],
        "nice_count": [len(o.skills_nice) for o in offers],
        "hours": hours,
        "shifts": shifts,
        "shift_count": [len(o.shifts) for o in offers],
        "places_left": places_left,
        "starts": [o.starts_on.toordinal() if o.starts_on else ALWAYS_AFTER for o in offers],
        "kind": [kind_index[o.kind] for o in offers],
        "code_of": code_of.reshape(-1),
        "hours_of": hours_of.reshape(-1),
        "shifts_of": shifts_of.reshape(-1),
    }
    flags = {
        "has_site": has_site,
        "needs_licence": [o.needs_licence for o in offers],
        "needs_car": [o.needs_car for o in offers],
    }
    return OfferArrays(
        numbers=np.array([columns[name] for name in NUMBER_COLUMNS], dtype=np.int64).reshape(
            len(NUMBER_COLUMNS), len(offers)
        ),
        coordinates=np.array([lat, [o.site[1] if o.site else 0.0 for o in offers]], dtype=np.float64).reshape(
            2, len(offers)
        ),
        flags=np.array([flags[name] for name in FLAG_COLUMNS], dtype=np.bool_).reshape(
            len(FLAG_COLUMNS), len(offers)
        ),
        required=_masks((o.skills_required for o in offers), skill_index, words),
        nice=_masks((o.skills_nice for o in offers), skill_index, words),
        skill_index=skill_index,
        shift_index=shift_index,
        kind_index=kind_index,
        span=len(offers),
        **_spatial_index(lat, has_site, places_left),
        distinct_codes=distinct_codes.astype(np.int64),
        hours_values=hours_values,
        shift_values=shift_values,
        shift_counts=np.bitwise_count(shift_values).astype(np.int64),
    )


_NUMBER_ROW = {name: row for row, name in enumerate(NUMBER_COLUMNS)}
_FLAG_ROW = {name: row for row, name in enumerate(FLAG_COLUMNS)}


def _spatial_index(lat: Floats, has_site: Bools, places_left: Ints) -> dict[str, Any]:
    live = places_left > 0
    sited = np.nonzero(has_site & live)[0]
    by_latitude = sited[np.argsort(lat[sited], kind="stable")]
    return {
        "by_latitude": by_latitude,
        "latitudes": lat[by_latitude],
        "unsited": np.nonzero(~has_site & live)[0],
    }


@dataclass(frozen=True)
class PersonArrays:
    """People as rows (a column vector each), encoded against one ``OfferArrays``' vocabularies."""

    ids: Ints
    wanted: tuple[Ints, ...]  # per level: (people, most wanted codes)
    skills: Masks
    has_licence: Bools
    has_car: Bools
    reach: Floats  # inf: no limit declared
    scale: Floats
    lat: Floats
    lon: Floats
    lon_km: Floats
    has_home: Bools
    shifts: Ints
    has_shifts: Bools
    max_hours: Ints  # -1: not declared
    available: Ints
    preferred: Ints
    has_preference: Bools

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, index: Ints) -> PersonArrays:
        return PersonArrays(**{name: _take(value, index) for name, value in vars(self).items()})


def _take(value: Any, index: Ints) -> Any:
    if isinstance(value, tuple):
        return tuple(item[index] for item in value)
    return value[index]


def person_arrays(people: Sequence[Person], offers: OfferArrays, params: Params) -> PersonArrays:
    prepared = [core.prepare(p, params) for p in people]
    widest = max([len(p.wanted_codes) for p in people] + [1])
    wanted = []
    for length in LEVEL_LENGTHS:
        codes = np.full((len(people), widest), NO_CODE_PERSON, dtype=np.int64)
        for row, person in enumerate(people):
            for place, code in enumerate(person.wanted_codes):
                codes[row, place] = _code_int(code, length, NO_CODE_PERSON)
        wanted.append(codes)
    words = offers.required.shape[1]

    def column(values: list[Any], dtype: type) -> Any:
        return np.array(values, dtype=dtype)

    return PersonArrays(
        ids=column([p.id for p in people], np.int64),
        wanted=tuple(wanted),
        skills=_masks((p.skills for p in people), offers.skill_index, words),
        has_licence=column([p.has_licence for p in people], np.bool_),
        has_car=column([p.has_car for p in people], np.bool_),
        reach=column([np.inf if r.reach is None else r.reach for r in prepared], np.float64),
        scale=column([r.scale for r in prepared], np.float64),
        lat=column([p.home[0] if p.home else 0.0 for p in people], np.float64),
        lon=column([p.home[1] if p.home else 0.0 for p in people], np.float64),
        lon_km=column([r.lon_km for r in prepared], np.float64),
        has_home=column([p.home is not None for p in people], np.bool_),
        shifts=column(
            [sum(1 << offers.shift_index[s] for s in p.shifts if s in offers.shift_index) for p in people],
            np.int64,
        ),
        has_shifts=column([bool(p.shifts) for p in people], np.bool_),
        max_hours=column([-1 if p.max_hours is None else p.max_hours for p in people], np.int64),
        available=column(
            [p.available_from.toordinal() if p.available_from else NEVER_BEFORE for p in people], np.int64
        ),
        preferred=column(
            [
                sum(1 << offers.kind_index[k] for k in p.preferred_kinds if k in offers.kind_index)
                for p in people
            ],
            np.int64,
        ),
        has_preference=column([bool(p.preferred_kinds) for p in people], np.bool_),
    )


def _overlap(people: Masks, offers: Masks) -> Ints:
    """How many members each person's set shares with each offer's (bit masks)."""
    total = np.bitwise_count(people[:, np.newaxis, 0] & offers[np.newaxis, :, 0]).astype(np.int64)
    for word in range(1, people.shape[1]):
        total += np.bitwise_count(people[:, word, np.newaxis] & offers[np.newaxis, :, word])
    return total


def scores(people: PersonArrays, offers: OfferArrays, params: Params) -> tuple[Floats, Bools]:
    """Every pair's score and whether it may be suggested: two (people, offers) arrays."""
    with np.errstate(divide="ignore", invalid="ignore"):  # the quotients np.where leaves unused
        return _scores(people, offers, params)


def _scores(people: PersonArrays, offers: OfferArrays, params: Params) -> tuple[Floats, Bools]:
    col = np.newaxis
    w_occupation, w_skills, w_distance, w_hours, w_shifts, w_preference = params.weight_list()

    if len(offers.distinct_codes) < len(offers):  # each distinct code once, then gathered
        occupation = w_occupation * _closeness(people, offers.distinct_codes.T, params)
        total = np.take(occupation, offers.code_of, axis=1)
    else:
        total = w_occupation * _closeness(people, np.stack(offers.codes), params)

    denominator = 2 * offers.required_count + offers.nice_count
    met = 2 * _overlap(people.skills, offers.required) + _overlap(people.skills, offers.nice)
    total = total + w_skills * np.where(denominator == 0, 1.0, met / denominator)

    dx = (offers.lon[col, :] - people.lon[:, col]) * people.lon_km[:, col]
    dy = (offers.lat[col, :] - people.lat[:, col]) * core.KM_PER_DEGREE
    distance = np.sqrt(dx * dx + dy * dy)
    known = people.has_home[:, col] & offers.has_site[col, :]
    scale = people.scale[:, col]
    nearness = np.where(scale > 0, np.maximum(0.0, 1.0 - distance / scale), 1.0)
    total = total + w_distance * np.where(known, nearness, params.unknown_distance_fit)

    # Hours, shifts and the kind of offer take few values: each fit per value, then gathered.
    max_hours = people.max_hours[:, col]
    hours = offers.hours_values[col, :]
    hours_fit = np.where((max_hours < 0) | (hours <= max_hours), 1.0, max_hours / hours)
    total = total + np.take(w_hours * hours_fit, offers.hours_of, axis=1)
    shift_counts = offers.shift_counts[col, :]
    shifts_fit = np.where(
        ~people.has_shifts[:, col] | (shift_counts == 0),
        1.0,
        np.bitwise_count(people.shifts[:, col] & offers.shift_values[col, :]) / shift_counts,
    )
    total = total + np.take(w_shifts * shifts_fit, offers.shifts_of, axis=1)
    kinds = np.arange(len(offers.kind_index))[col, :]
    preferred = ((people.preferred[:, col] >> kinds) & 1) == 1
    preference = np.where(
        people.has_preference[:, col], np.where(preferred, 1.0, 0.0), params.no_preference_fit
    )
    total = total + np.take(w_preference * preference, offers.kind, axis=1)

    allowed = (
        (people.available[:, col] <= offers.starts[col, :] + params.start_grace_days)
        & (offers.places_left[col, :] > 0)
        & (~offers.needs_licence[col, :] | people.has_licence[:, col])
        & (~offers.needs_car[col, :] | people.has_car[:, col])
        & (~known | (distance <= people.reach[:, col]))
    )
    return total, allowed


def _closeness(people: PersonArrays, codes: Ints, params: Params) -> Floats:
    """Each person's closeness to each code (``codes``: one row per level, one column per code);
    the closest level wins, so the widest is written first and each closer one over it."""
    col = np.newaxis
    closeness = np.full((len(people), codes.shape[1]), params.closeness[core.NO_MATCH])
    for index in reversed(range(len(core.CLOSENESS_LEVELS))):
        level = core.CLOSENESS_LEVELS[index][1]
        level_match = (people.wanted[index][:, :, col] == codes[index][col, col, :]).any(axis=1)
        closeness[level_match] = params.closeness[level]
    return closeness


@dataclass(frozen=True)
class Ranked:
    """Each person's best offers: ids and points, best first; -1 and -1 pad a short row."""

    offer_ids: Ints
    points: Ints


def top_offers(people: PersonArrays, offers: OfferArrays, params: Params, limit: int = 10) -> Ranked:
    """The best ``limit`` offers for each of ``people``, every pair scored at once."""
    if len(offers) == 0:
        empty = np.full((len(people), limit), -1, dtype=np.int64)
        return Ranked(empty, empty.copy())
    total, allowed = scores(people, offers, params)
    points = np.floor(total * core.POINTS + 0.5).astype(np.int64)
    span = offers.span
    if int(points.max(initial=0)) >= 2**62 // span:
        raise ValueError("weights too large to rank")
    # One integer orders by points, then by the smaller id: a unique key, so the partition is exact.
    key = np.where(allowed, points * span + (span - 1 - offers.rank[np.newaxis, :]), -1)
    take = min(limit, len(offers))
    best = np.argpartition(-key, take - 1, axis=1)[:, :take]
    best_keys = np.take_along_axis(key, best, axis=1)
    order = np.argsort(-best_keys, axis=1, kind="stable")
    best = np.take_along_axis(best, order, axis=1)
    best_keys = np.take_along_axis(best_keys, order, axis=1)
    ids = np.where(best_keys >= 0, offers.ids[best], -1)
    found_points = np.where(best_keys >= 0, np.take_along_axis(points, best, axis=1), -1)
    if take < limit:
        pad = np.full((len(people), limit - take), -1, dtype=np.int64)
        ids, found_points = np.hstack([ids, pad]), np.hstack([found_points, pad])
    return Ranked(ids, found_points)


CELL_DEGREES = 0.5  # people are grouped by the cell of their home...
REACH_STEP_KM = 20.0  # ...and by their reach, so a group shares one box of offers around it
MARGIN = 1e-9  # widens the box past rounding: pruning must never drop a reachable offer


def top_offers_batch(
    people: PersonArrays, offers: OfferArrays, params: Params, limit: int = 10, *, cells: int = 2_000_000
) -> Ranked:
    """``top_offers`` for a whole batch, scoring at most ``cells`` pairs at a time.

    A person with a home and a reach is scored only against the offers in a box around the
    group she shares (home cell, reach step): an offer outside it is out of reach, excluded by the
    hard constraint anyway. Offers with no site, and people with no home or no declared limit,
    meet everything.
    """
    found_ids = np.full((len(people), limit), -1, dtype=np.int64)
    found_points = found_ids.copy()

    def score(rows: Ints, subset: Ints | None) -> None:
        if len(rows) == 0:
            return
        columns = offers if subset is None else offers.take(subset)
        chunk = max(1, cells // max(len(columns), 1))
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            chosen = people if len(part) == len(people) else people.take(part)
            ranked = top_offers(chosen, columns, params, limit)
            found_ids[part], found_points[part] = ranked.offer_ids, ranked.points

    bounded = people.has_home & np.isfinite(people.reach)
    if len(people) == 1:  # one person's page: no grouping to do
        everyone = np.zeros(1, dtype=np.int64)
        score(everyone, offers.near(*_box(people, everyone)) if bounded[0] else None)
        return Ranked(found_ids, found_points)
    score(np.nonzero(~bounded)[0], None)  # every offer: those without places are excluded there
    for rows in _groups(people, np.nonzero(bounded)[0]):
        score(rows, offers.near(*_box(people, rows)))
    return Ranked(found_ids, found_points)


def _groups(people: PersonArrays, rows: Ints) -> list[Ints]:
    keys = (
        np.ceil(people.reach[rows] / REACH_STEP_KM),
        np.floor(people.lon[rows] / CELL_DEGREES),
        np.floor(people.lat[rows] / CELL_DEGREES),
    )
    order = np.lexsort(keys)
    rows = rows[order]
    stacked = np.stack([key[order] for key in keys])
    breaks = np.nonzero(np.any(stacked[:, 1:] != stacked[:, :-1], axis=0))[0] + 1
    return np.split(rows, breaks) if len(rows) else []


def _box(people: PersonArrays, rows: Ints) -> tuple[float, float, float, float]:
    """South, north, west and east edges (degrees) within which the group's reachable offers lie."""
    reach = float(people.reach[rows].max())
    lat = people.lat[rows]
    lon = people.lon[rows]
    half_height = reach / core.KM_PER_DEGREE * (1 + MARGIN) + MARGIN
    narrowest = float(people.lon_km[rows].min())
    half_width = np.inf if narrowest <= 0 else reach / narrowest * (1 + MARGIN) + MARGIN
    return (
        float(lat.min()) - half_height,
        float(lat.max()) + half_height,
        float(lon.min()) - half_width,
        float(lon.max()) + half_width,
    )


def rank_offers(person: Person, offers: OfferArrays, params: Params | None = None, limit: int = 10) -> Ranked:
    """One person's best offers: ``core.rank_offers`` over arrays."""
    params = params or Params()
    return top_offers_batch(person_arrays([person], offers, params), offers, params, limit)
