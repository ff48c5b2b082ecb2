"""The placement workflow as data: proposed → accepted / declined / withdrawn, accepted →
started / withdrawn, started → finished / broken off.

The employer's side answers a proposal and reports the start and the end; the case worker may
record any of those on the employer's behalf (said by phone), and alone withdraws a proposal
the person no longer wants (``STAFF_ONLY_MOVES``). A decline and a break-off need a reason. An
illegal move raises ``IllegalMoveError``; services record every legal one with who, when and why.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.employers.models import PlacementStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.ACCEPTED, S.DECLINED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.STARTED, S.WITHDRAWN}),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.STARTED: frozenset({S.FINISHED, S.BROKEN_OFF}),
    S.FINISHED: frozenset(),
    S.BROKEN_OFF: frozenset(),
}

REASON_REQUIRED = frozenset({S.DECLINED, S.BROKEN_OFF})

# Moves only the person's case worker makes; the employer's contacts make the others.
STAFF_ONLY_MOVES = frozenset({S.WITHDRAWN})

# Moves that say the day they happened (today unless given).
DATED_MOVES = frozenset({S.STARTED, S.FINISHED, S.BROKEN_OFF})

# Moves that close the placement for good: the pages ask before making them.
CLOSING_MOVES = frozenset({S.DECLINED, S.WITHDRAWN, S.BROKEN_OFF})

# A proposal still alive: the same person is not proposed to the same offer again meanwhile.
ALIVE = frozenset({S.PROPOSED, S.ACCEPTED, S.STARTED})

# Placements that take one of the offer's places.
HOLDS_A_PLACE = frozenset({S.ACCEPTED, S.STARTED})

# Placements that have started: feedback, mentoring meetings and the certificate follow.
HAS_STARTED = frozenset({S.STARTED, S.FINISHED, S.BROKEN_OFF})


class IllegalMoveError(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("A placement cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def moves_from(status: str) -> list[S]:
    """The states a placement may move to next, in the order of the choices."""
    return [state for state in S if state in TRANSITIONS[status]]


def check_move(from_status: str, to_status: str) -> None:
    if not can_move(from_status, to_status):
        raise IllegalMoveError(from_status, to_status)
