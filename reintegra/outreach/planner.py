"""The visit planner of a mobile team: which locations it visits on which day, in what order.

A pure core (no Django; the ``pure-cores`` contract in pyproject.toml): the services build an
``Instance`` from a team, its locations and the people of a programme, and turn the ``Plan``
into sessions. The solver is OR-Tools' routing library: one route per working day, from the
team's base and back within the day's hours, each stop inside a window when its location is
free, the stops of one group (the halls of one locality) alternatives of which one is visited,
and the metres driven as small as the solver finds within its time limit.

Distances are a matrix in metres, index 0 the team's base and ``i + 1`` the instance's stop
``i``; ``straight_line_matrix`` makes one from coordinates, and a road-distance matrix can be
passed instead. Times are minutes since midnight of the plan's day. Driving takes the metres at
``speed_kmh``, rounded up to whole minutes; a visit takes its stop's ``duration``, starts no
earlier than its window opens and ends no later than it closes. The times in the plan are the
earliest the route allows (the team may wait at a hall until it opens).

How the model is built: one vehicle per ``Day``, and one time dimension over the whole plan in
which minute ``m`` of day ``d`` is ``d * 1440 + m``, so a vehicle's start and end are held to
its day's hours and a stop's arrival to the (absolute) windows in which its visit fits; a stop
may only ride the vehicles of the days it is free on. Every stop (or group of alternatives) is
one disjunction with a penalty larger than any plan's metres, so a stop is left out only when
the solver cannot fit it. The arc cost is metres. The first solution is LOCAL_CHEAPEST_INSERTION
(not PATH_CHEAPEST_ARC: see ``FIRST_SOLUTION``), improved by guided local search until the time
limit, or earlier once the search stalls on a small instance (``STALL_*``), so that a plan of a
dozen halls does not cost the full limit.

Bad input says why, in one of two ways:

* the whole instance is refused with ``PlanError(code, **params)`` (``ERROR_CODES``): no working
  day, a day whose hours are empty, reversed or outside the day (``day`` names its index), two
  days with one index, a distance matrix of the wrong shape or with a missing (``None``),
  negative or absurd entry (``row`` and ``column`` name it), a stop key used twice, a negative
  duration, no stops at all, and, when not one visit can be planned, ``nothing_fits`` with the
  reasons by key in ``left_out``;
* a single stop (or group) that cannot be visited is named in ``Plan.left_out`` with a code
  (``LEFT_OUT_CODES``): ``never_free`` (free on no working day, within its hours),
  ``window_too_short`` (every window it is free in is shorter than the visit), ``too_far`` (a
  window is long enough but not with the drive from the base and back within the day),
  ``does_not_fit`` (the days are full: the solver could not place it). A group is named by its
  ``group`` key, with the reason of its alternative that came furthest.

A working day with no visit is named in ``Plan.idle_days`` (``IDLE_CODES``): ``nothing_free``
(no location is free that day), ``nothing_reachable`` (some are free, but no visit fits), or
``not_needed`` (every stop that could be visited that day is visited on another).

``optimum_by_dp`` is an exact solver for small single-day instances (Held–Karp dynamic
programming with time windows), used by the tests and the benchmark to measure ``solve``.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

Minutes = int
Metres = int

DAY_MINUTES = 1440
# Farther than any two places on Earth: an entry beyond it is a unit mistake, not a distance.
MAX_METRES = 20_100_000
# The exact solver's limit: 2^12 subsets of a dozen stops is still a fraction of a second.
DP_MAX_STOPS = 12
# The guided local search of an instance of at most STALL_STOPS candidate stops stops once it
# has found no better plan for STALL_SECONDS of processor time (and for as long as it took to
# find the last one): such an instance reaches its best plan in a fraction of a second (at most
# a third of one on the benchmark's days of 8-12 halls), and the rest of the limit is waste.
STALL_STOPS = 15
STALL_SECONDS = 0.2
# Guided local search's penalty weight, five times OR-Tools' default 0.1: on 160 days of 8-12
# halls with morning or afternoon windows it met the exact optimum in all but one (0.1: in all
# but four) and stalled in half the time; on the benchmark's weeks it found the same plans.
GLS_LAMBDA = 0.5

_FIRST = routing_enums_pb2.FirstSolutionStrategy
# The first solution the guided local search starts from. Not PATH_CHEAPEST_ARC: it extends
# routes arc by arc in a CP search that backtracks, and on a week whose schools are free in the
# afternoons only it spent the whole time limit backtracking and left every hall out.
FIRST_SOLUTION = _FIRST.LOCAL_CHEAPEST_INSERTION

NEVER_FREE = "never_free"
WINDOW_TOO_SHORT = "window_too_short"
TOO_FAR = "too_far"
DOES_NOT_FIT = "does_not_fit"
# In the order a stop gets further: a group is left out for its furthest alternative's reason.
LEFT_OUT_CODES = (NEVER_FREE, WINDOW_TOO_SHORT, TOO_FAR, DOES_NOT_FIT)

NOTHING_FREE = "nothing_free"
NOTHING_REACHABLE = "nothing_reachable"
NOT_NEEDED = "not_needed"
IDLE_CODES = (NOTHING_FREE, NOTHING_REACHABLE, NOT_NEEDED)

# PlanError codes and their params.
ERROR_CODES = (
    "no_working_day",  # —
    "day_index_negative",  # day
    "duplicate_day",  # day
    "day_without_hours",  # day: its hours are empty or reversed
    "day_hours_out_of_range",  # day: starts before midnight or ends after the next
    "no_stops",  # —
    "duplicate_stop",  # key
    "duration_negative",  # key
    "matrix_shape",  # expected (rows and columns), row (the first of another length, or None)
    "matrix_entry",  # row, column, value: missing (None), negative, not a number or absurd
    "speed_invalid",  # speed_kmh
    "time_limit_invalid",  # time_limit_s
    "coordinates_invalid",  # point: the index of a point without valid latitude and longitude
    "nothing_fits",  # left_out: why each stop or group is not in the plan
    "no_solution_in_time",  # time_limit_s
    "dp_single_day",  # days: optimum_by_dp plans one day only
    "dp_groups",  # group: optimum_by_dp visits every stop, it has no alternatives
    "dp_too_many_stops",  # stops, limit
    "dp_no_tour",  # —: no order visits every stop within the day and the windows
)


@dataclass(frozen=True)
class Day:
    """A day the team works: its index in the plan (0 = the first day) and its hours."""

    index: int
    starts: Minutes
    ends: Minutes


@dataclass(frozen=True)
class Stop:
    """A location the team may visit, for ``duration`` minutes, when it is free.

    ``free`` maps a day index to the windows (start, end) in which the location is free that
    day; a day it does not name is a day it is not free. Stops with the same ``group`` are
    alternatives (the halls of one locality): exactly one of them is visited.
    """

    key: str
    duration: Minutes
    free: Mapping[int, Sequence[tuple[Minutes, Minutes]]]
    group: str | None = None


@dataclass(frozen=True)
class Instance:
    days: Sequence[Day]
    stops: Sequence[Stop]
    # (len(stops) + 1) square, in metres; row and column 0 are the team's base.
    distances: Sequence[Sequence[Metres]]
    # The team's average speed, to turn metres into minutes of driving.
    speed_kmh: float = 50.0


@dataclass(frozen=True)
class Visit:
    key: str
    arrives: Minutes
    leaves: Minutes


@dataclass(frozen=True)
class Route:
    day: int
    visits: tuple[Visit, ...]
    metres: Metres
    # When the team leaves its base and is back, driving straight to the first stop and home
    # from the last (0 for a route built by hand without them).
    departs: Minutes = 0
    returns: Minutes = 0


@dataclass(frozen=True)
class Plan:
    # Only the days with at least one visit, in day order; the others are in ``idle_days``.
    routes: tuple[Route, ...]
    metres: Metres
    # Why a group or stop is not in the plan, by key (a group by its group key), one of
    # LEFT_OUT_CODES, e.g. ``{"zalesie": "never_free"}``.
    left_out: Mapping[str, str] = field(default_factory=dict)
    # Why a working day has no route, by day index, one of IDLE_CODES.
    idle_days: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Optimum:
    """The shortest tour of a single day visiting every stop, by ``optimum_by_dp``."""

    metres: Metres
    order: tuple[str, ...]


class PlanError(ValueError):
    """The instance cannot be planned; ``code`` says why and ``params`` name what."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)


def straight_line_matrix(points: Sequence[tuple[float, float]]) -> list[list[Metres]]:
    """Great-circle distances in whole metres between (latitude, longitude) points."""
    radians = []
    for index, point in enumerate(points):
        try:
            latitude, longitude = (float(value) for value in point)
        except (TypeError, ValueError):
            raise PlanError("coordinates_invalid", point=index) from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):  # also refuses NaN
            raise PlanError("coordinates_invalid", point=index)
        radians.append((math.radians(latitude), math.radians(longitude)))
    return [[_haversine(a, b) for b in radians] for a in radians]


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> Metres:
    (lat1, lon1), (lat2, lon2) = a, b
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return round(2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h))))


# --- checking the instance ---------------------------------------------------------------------


def _checked(instance: Instance) -> tuple[list[Day], list[list[Metres]]]:
    """The days in order and the matrix as whole metres, or PlanError naming what is wrong."""
    if not instance.days:
        raise PlanError("no_working_day")
    seen: set[int] = set()
    for day in instance.days:
        if day.index < 0:
            raise PlanError("day_index_negative", day=day.index)
        if day.index in seen:
            raise PlanError("duplicate_day", day=day.index)
        seen.add(day.index)
        if day.starts >= day.ends:
            raise PlanError("day_without_hours", day=day.index)
        if day.starts < 0 or day.ends > DAY_MINUTES:
            raise PlanError("day_hours_out_of_range", day=day.index)
    if not instance.stops:
        raise PlanError("no_stops")
    keys: set[str] = set()
    for stop in instance.stops:
        if stop.key in keys:
            raise PlanError("duplicate_stop", key=stop.key)
        keys.add(stop.key)
        if stop.duration < 0:
            raise PlanError("duration_negative", key=stop.key)
    speed = instance.speed_kmh
    if isinstance(speed, bool) or not isinstance(speed, int | float) or not 0 < speed < math.inf:
        raise PlanError("speed_invalid", speed_kmh=speed)
    return sorted(instance.days, key=lambda day: day.index), _matrix(instance)


def _matrix(instance: Instance) -> list[list[Metres]]:
    size = len(instance.stops) + 1
    rows = list(instance.distances) if instance.distances is not None else []
    if len(rows) != size:
        raise PlanError("matrix_shape", expected=size, row=None)
    matrix: list[list[Metres]] = []
    for row_index, row in enumerate(rows):
        if row is None or isinstance(row, str) or len(row) != size:
            raise PlanError("matrix_shape", expected=size, row=row_index)
        matrix.append([_metres(value, row_index, column) for column, value in enumerate(row)])
    return matrix


def _metres(value: object, row: int, column: int) -> Metres:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_METRES:
        raise PlanError("matrix_entry", row=row, column=column, value=value)
    return math.ceil(value)


def _drive_minutes(matrix: list[list[Metres]], speed_kmh: float) -> list[list[Minutes]]:
    """Minutes of driving, rounded up (a metre past a whole minute is one more minute)."""
    metres_a_minute = speed_kmh * 1000 / 60
    return [[math.ceil(metres / metres_a_minute - 1e-9) for metres in row] for row in matrix]


# --- where and when each stop can be visited ---------------------------------------------------


@dataclass(frozen=True)
class _Reach:
    """When a stop's visit may start (absolute minutes, disjoint and in order), and if never, why."""

    arrivals: tuple[tuple[int, int], ...]
    reason: str | None


def _reach(stop: Stop, node: int, days: list[Day], drive: list[list[Minutes]]) -> _Reach:
    stage = 0  # how far the stop got: 1 free in the day's hours, 2 long enough, 3 reachable
    arrivals: list[tuple[int, int]] = []
    for day in days:
        for start, end in stop.free.get(day.index, ()):
            opens, closes = max(start, day.starts), min(end, day.ends)
            if opens > closes or (opens == closes and stop.duration > 0):
                continue
            stage = max(stage, 1)
            if closes - opens < stop.duration:
                continue
            stage = max(stage, 2)
            earliest = max(opens, day.starts + drive[0][node])
            latest = min(closes, day.ends - drive[node][0]) - stop.duration
            if earliest <= latest:
                stage = 3
                base = day.index * DAY_MINUTES
                arrivals.append((base + earliest, base + latest))
    if not arrivals:
        return _Reach((), LEFT_OUT_CODES[stage])
    return _Reach(tuple(_merged(arrivals)), None)


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _day_of(minute: int) -> int:
    return minute // DAY_MINUTES


# --- the solver --------------------------------------------------------------------------------


def solve(instance: Instance, *, time_limit_s: float = 5.0, stop_when_stalled: bool = True) -> Plan:
    """The plan with the fewest metres the solver finds within the time limit.

    ``stop_when_stalled=False`` searches for the whole limit however small the instance (the
    benchmark compares a limit with ten times that limit).
    """
    limit = time_limit_s
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit < math.inf:
        raise PlanError("time_limit_invalid", time_limit_s=limit)
    days, matrix = _checked(instance)
    drive = _drive_minutes(matrix, instance.speed_kmh)
    reach = [_reach(stop, node, days, drive) for node, stop in enumerate(instance.stops, start=1)]
    candidates = [index for index, stop_reach in enumerate(reach) if stop_reach.reason is None]
    problem = _Problem(instance, days, matrix, drive, reach, candidates)
    chosen = _search(problem, time_limit_s, stop_when_stalled) if candidates else {}
    left_out = _left_out(instance.stops, reach, chosen)
    if not chosen:
        raise PlanError("nothing_fits", left_out=left_out)
    routes = tuple(
        _route(instance, day, chosen[day.index], matrix, drive) for day in days if day.index in chosen
    )
    idle = {day.index: _idle_reason(instance, day, reach) for day in days if day.index not in chosen}
    return Plan(
        routes=routes,
        metres=sum(route.metres for route in routes),
        left_out=left_out,
        idle_days=idle,
    )


@dataclass(frozen=True)
class _Problem:
    instance: Instance
    days: list[Day]
    matrix: list[list[Metres]]
    drive: list[list[Minutes]]
    reach: list[_Reach]
    candidates: list[int]  # the stops that can be visited on some day, by index


def _search(
    problem: _Problem, time_limit_s: float, stop_when_stalled: bool
) -> dict[int, list[tuple[int, int]]]:
    """By day index, the (stop index, arrival) of each visit of the best plan found."""
    stalls = stop_when_stalled and len(problem.candidates) <= STALL_STOPS
    found = _solve_once(problem, FIRST_SOLUTION, time_limit_s, stalls=stalls)
    if found is None:
        raise PlanError("no_solution_in_time", time_limit_s=time_limit_s)
    return found[1]


def _solve_once(
    problem: _Problem, strategy: int, time_limit_s: float, *, stalls: bool
) -> tuple[int, dict[int, list[tuple[int, int]]]] | None:
    """The routing model over the candidate stops, solved from one first solution: the
    objective (metres and penalties) and the visits by day, or None if nothing came in time."""
    instance, days, candidates = problem.instance, problem.days, problem.candidates
    nodes = [0, *(index + 1 for index in candidates)]  # the model's node → the matrix's node
    vehicles = len(days)
    manager = pywrapcp.RoutingIndexManager(len(nodes), vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)

    metres = [[problem.matrix[a][b] for b in nodes] for a in nodes]
    durations = [0, *(instance.stops[index].duration for index in candidates)]
    minutes = [[durations[a] + problem.drive[nodes[a]][node] for node in nodes] for a in range(len(nodes))]
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(metres))
    horizon = (days[-1].index + 1) * DAY_MINUTES
    routing.AddDimension(routing.RegisterTransitMatrix(minutes), horizon, horizon, False, "time")
    clock = routing.GetDimensionOrDie("time")

    vehicle_of_day = {day.index: vehicle for vehicle, day in enumerate(days)}
    for vehicle, day in enumerate(days):
        base = day.index * DAY_MINUTES
        for index in (routing.Start(vehicle), routing.End(vehicle)):
            clock.CumulVar(index).SetRange(base + day.starts, base + day.ends)

    for node, stop_index in enumerate(candidates, start=1):
        index = manager.NodeToIndex(node)
        arrivals = problem.reach[stop_index].arrivals
        cumul = clock.CumulVar(index)
        cumul.SetRange(arrivals[0][0], arrivals[-1][1])
        for (_, high), (low, _) in itertools.pairwise(arrivals):
            cumul.RemoveInterval(high + 1, low - 1)
        on_days = sorted({vehicle_of_day[_day_of(low)] for low, _ in arrivals})
        routing.VehicleVar(index).SetValues([-1, *on_days])

    # Larger than the metres of any plan (each of at most nodes + vehicles arcs): leaving a stop
    # out always costs more than driving to it.
    penalty = (max(max(row) for row in metres) + 1) * (len(nodes) + vehicles) + 1
    groups: dict[str, list[int]] = {}
    for node, stop_index in enumerate(candidates, start=1):
        group = instance.stops[stop_index].group
        groups.setdefault(group if group is not None else f"\0{stop_index}", []).append(node)
    for group_nodes in groups.values():
        routing.AddDisjunction([manager.NodeToIndex(node) for node in group_nodes], penalty, 1)

    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = strategy
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.guided_local_search_lambda_coefficient = GLS_LAMBDA
    parameters.time_limit.FromMilliseconds(max(1, round(time_limit_s * 1000)))
    if stalls:
        _stop_when_stalled(routing)
    solution = routing.SolveWithParameters(parameters)
    if solution is None:
        return None

    chosen: dict[int, list[tuple[int, int]]] = {}
    for vehicle, day in enumerate(days):
        index = routing.Start(vehicle)
        visits: list[tuple[int, int]] = []
        while True:
            index = solution.Value(routing.NextVar(index))
            if routing.IsEnd(index):
                break
            arrival = solution.Min(clock.CumulVar(index)) - day.index * DAY_MINUTES
            visits.append((candidates[manager.IndexToNode(index) - 1], arrival))
        if visits:
            chosen[day.index] = visits
    return solution.ObjectiveValue(), chosen


def _stop_when_stalled(routing: pywrapcp.RoutingModel) -> None:
    """Ends the search once no better plan has come for STALL_SECONDS and for as long again as
    the last better one took to find, both in this process's processor time: on a busy machine
    the search gets less of each wall-clock second, and must not give up sooner for it."""
    started = time.process_time()
    best = {"cost": math.inf, "found": started, "checks": 0}

    def stalled(now: float) -> bool:
        return now - best["found"] > max(STALL_SECONDS, best["found"] - started)

    def on_solution() -> None:
        # Guided local search moves to a neighbour thousands of times a second, each a solution
        # here: checked on each, the limit costs next to nothing.
        now, cost = time.process_time(), routing.CostVar().Value()
        if cost < best["cost"]:
            best["cost"], best["found"] = cost, now
        elif stalled(now):
            routing.solver().FinishCurrentSearch()

    def checked() -> bool:
        # For a search that finds no neighbour at all (a stop or two): the solver asks a million
        # times a second, so the clock is read on every 1024th.
        best["checks"] += 1
        return best["checks"] % 1024 == 0 and stalled(time.process_time())

    routing.AddAtSolutionCallback(on_solution)
    routing.AddSearchMonitor(routing.solver().CustomLimit(checked))


def _route(
    instance: Instance,
    day: Day,
    visits: list[tuple[int, int]],
    matrix: list[list[Metres]],
    drive: list[list[Minutes]],
) -> Route:
    nodes = [0, *(index + 1 for index, _ in visits), 0]
    first, last = nodes[1], nodes[-2]
    shown = tuple(
        Visit(
            key=instance.stops[index].key,
            arrives=arrival,
            leaves=arrival + instance.stops[index].duration,
        )
        for index, arrival in visits
    )
    return Route(
        day=day.index,
        visits=shown,
        metres=sum(matrix[a][b] for a, b in itertools.pairwise(nodes)),
        departs=shown[0].arrives - drive[0][first],
        returns=shown[-1].leaves + drive[last][0],
    )


def _left_out(
    stops: Sequence[Stop], reach: list[_Reach], chosen: Mapping[int, list[tuple[int, int]]]
) -> dict[str, str]:
    visited = {index for visits in chosen.values() for index, _ in visits}
    served_groups = {stops[index].group for index in visited}
    reasons: dict[str, str] = {}
    for index, stop in enumerate(stops):
        if index in visited or (stop.group is not None and stop.group in served_groups):
            continue
        reason = reach[index].reason or DOES_NOT_FIT
        key = stop.group if stop.group is not None else stop.key
        if key not in reasons or LEFT_OUT_CODES.index(reason) > LEFT_OUT_CODES.index(reasons[key]):
            reasons[key] = reason
    return reasons


def _idle_reason(instance: Instance, day: Day, reach: list[_Reach]) -> str:
    if any(_day_of(low) == day.index for stop_reach in reach for low, _ in stop_reach.arrivals):
        return NOT_NEEDED
    free = any(
        max(start, day.starts) < min(end, day.ends)
        for stop in instance.stops
        for start, end in stop.free.get(day.index, ())
    )
    return NOTHING_REACHABLE if free else NOTHING_FREE


# --- the exact solver for small instances ------------------------------------------------------


def optimum_by_dp(instance: Instance) -> Optimum:
    """The shortest tour of a single day visiting every stop, found exactly (Held–Karp).

    For at most ``DP_MAX_STOPS`` stops on one day and without groups (anything else is refused
    with PlanError). Time windows are handled exactly: each (visited set, last stop) keeps every
    (metres, time) pair that no other pair beats on both, since a longer route that arrives
    earlier may be the only one that meets a later window. Driving and waiting are as in
    ``solve`` (minutes rounded up, a visit starts no earlier than its window), so the two
    compare metre for metre. PlanError("dp_no_tour") when no order fits the day and the windows.
    """
    days, matrix = _checked(instance)
    if len(days) != 1:
        raise PlanError("dp_single_day", days=len(days))
    grouped = next((stop.group for stop in instance.stops if stop.group is not None), None)
    if grouped is not None:
        raise PlanError("dp_groups", group=grouped)
    count = len(instance.stops)
    if count > DP_MAX_STOPS:
        raise PlanError("dp_too_many_stops", stops=count, limit=DP_MAX_STOPS)
    day = days[0]
    drive = _drive_minutes(matrix, instance.speed_kmh)
    reach = [_reach(stop, node, days, drive) for node, stop in enumerate(instance.stops, start=1)]
    if any(stop_reach.reason is not None for stop_reach in reach):
        raise PlanError("dp_no_tour")
    base = day.index * DAY_MINUTES
    windows = [[(low - base, high - base) for low, high in stop_reach.arrivals] for stop_reach in reach]
    durations = [stop.duration for stop in instance.stops]

    # labels[mask][last]: (metres, leaves, previous last, previous label), no pair dominated.
    labels: list[list[list[_Label]]] = [[[] for _ in range(count)] for _ in range(1 << count)]
    for stop in range(count):
        arrives = _earliest(windows[stop], day.starts + drive[0][stop + 1])
        if arrives is not None:
            labels[1 << stop][stop] = [(matrix[0][stop + 1], arrives + durations[stop], -1, -1)]
    for mask in range(1, 1 << count):
        for last in range(count):
            here = labels[mask][last]
            if not here:
                continue
            here[:] = _pareto(here)
            for following in range(count):
                if mask & (1 << following):
                    continue
                reached = labels[mask | (1 << following)][following]
                for position, (metres, leaves, _, _) in enumerate(here):
                    arrives = _earliest(windows[following], leaves + drive[last + 1][following + 1])
                    if arrives is not None:
                        metres_then = metres + matrix[last + 1][following + 1]
                        reached.append((metres_then, arrives + durations[following], last, position))
    full = (1 << count) - 1
    best: tuple[int, int, int] | None = None
    for last in range(count):
        for position, (metres, leaves, _, _) in enumerate(labels[full][last]):
            if leaves + drive[last + 1][0] <= day.ends:
                total = metres + matrix[last + 1][0]
                if best is None or total < best[0]:
                    best = (total, last, position)
    if best is None:
        raise PlanError("dp_no_tour")
    total, last, position = best
    order: list[str] = []
    mask = full
    while last >= 0:
        order.append(instance.stops[last].key)
        _, _, previous, previous_position = labels[mask][last][position]
        mask &= ~(1 << last)
        last, position = previous, previous_position
    return Optimum(metres=total, order=tuple(reversed(order)))


# (metres so far, when the last visit ends, the previous last stop, its label's position)
_Label = tuple[int, int, int, int]


def _earliest(windows: list[tuple[int, int]], ready: int) -> int | None:
    for low, high in windows:
        if ready <= high:
            return max(ready, low)
    return None


def _pareto(labels: list[_Label]) -> list[_Label]:
    kept: list[_Label] = []
    for label in sorted(labels):
        if not kept or label[1] < kept[-1][1]:
            kept.append(label)
    return kept
