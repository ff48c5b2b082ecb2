"""The visit planner of a mobile team: which locations it visits on which day, in what order.

A pure core (no Django; the ``pure-cores`` contract in pyproject.toml): the services build an
``Instance`` from a team, its locations and the people of a programme, and turn the ``Plan``
into sessions. The solver is OR-Tools' routing library: one route per working day, from the
team's base and back within the day's hours, each stop inside a window when its location is
free, the stops of one group (the halls of one locality) alternatives of which one is visited,
and the metres driven as small as the solver finds within its time limit.

Distances are a matrix in metres, index 0 the team's base and ``i + 1`` the instance's stop
``i``; ``straight_line_matrix`` makes one from coordinates, and a road-distance matrix can be
passed instead. Times are minutes since midnight of the plan's day.

Bad input is refused with ``PlanError`` naming what is wrong (a day without hours, a stop that
is free on no working day, more stops than the days can hold), never an empty plan or a hang.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Minutes = int
Metres = int


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


@dataclass(frozen=True)
class Plan:
    routes: tuple[Route, ...]
    metres: Metres
    # Why a group or stop is not in the plan, by key (e.g. ``{"zalesie": "no_free_day"}``).
    left_out: Mapping[str, str] = field(default_factory=dict)


class PlanError(ValueError):
    """The instance cannot be planned; ``code`` says why and ``params`` name what."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


def straight_line_matrix(points: Sequence[tuple[float, float]]) -> list[list[Metres]]:
    """Great-circle distances in whole metres between (latitude, longitude) points."""
    raise NotImplementedError  # written by the planner part of issue 14


def solve(instance: Instance, *, time_limit_s: float = 5.0) -> Plan:
    """The plan with the fewest metres the solver finds within the time limit."""
    raise NotImplementedError  # written by the planner part of issue 14
