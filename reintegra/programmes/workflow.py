"""The recruitment workflow as data: which status may follow which.

applied → eligible / not eligible → enrolled, or reserve → offered → enrolled → left.
An illegal move raises ``IllegalMove``; services record every legal one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.programmes.models import EnrolmentStatus as S
from reintegra.programmes.models import ExitReason

TRANSITIONS: dict[str, frozenset[str]] = {
    S.APPLIED: frozenset({S.ELIGIBLE, S.NOT_ELIGIBLE, S.LEFT}),
    S.NOT_ELIGIBLE: frozenset({S.ELIGIBLE, S.LEFT}),
    S.ELIGIBLE: frozenset({S.ENROLLED, S.RESERVE, S.NOT_ELIGIBLE, S.LEFT}),
    S.RESERVE: frozenset({S.OFFERED, S.ENROLLED, S.LEFT}),
    S.OFFERED: frozenset({S.ENROLLED, S.RESERVE, S.LEFT}),
    S.ENROLLED: frozenset({S.LEFT}),
    S.LEFT: frozenset(),
}

# Statuses that hold one of the programme's places.
HOLDS_A_PLACE = frozenset({S.ENROLLED, S.OFFERED})

# Why a person may leave, by where they stand: only someone enrolled completes the programme,
# only someone offered a place declines it; anyone may resign, move away, and so on.
EXIT_REASONS_ONLY_FROM: dict[str, frozenset[str]] = {
    ExitReason.COMPLETED: frozenset({S.ENROLLED}),
    ExitReason.DECLINED_OFFER: frozenset({S.OFFERED}),
}


def exit_reasons_from(status: str) -> list[ExitReason]:
    """The exit reasons that fit a person in this status (none once they have left)."""
    if S.LEFT not in TRANSITIONS[status]:
        return []
    return [
        reason
        for reason in ExitReason
        if status in EXIT_REASONS_ONLY_FROM.get(reason, frozenset(TRANSITIONS))
    ]


class IllegalMoveError(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("An enrolment cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )


def check_move(from_status: str, to_status: str) -> None:
    if to_status not in TRANSITIONS[from_status]:
        raise IllegalMoveError(from_status, to_status)
