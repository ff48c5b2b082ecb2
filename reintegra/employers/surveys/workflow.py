"""A survey round's life as data: draft → open (sent to the employers) → closed.

A draft is what a coordinator prepares; sending opens it for answers; closing ends the answers
(a round also stops taking them after its closing day, without a move). A closed round is the
record of what employers said, so nothing reopens it: the next period is a new round.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.employers.models import SurveyRoundStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.OPEN}),
    S.OPEN: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}


class IllegalMoveError(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("A survey round cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS[from_status]


def check_move(from_status: str, to_status: str) -> None:
    if not can_move(from_status, to_status):
        raise IllegalMoveError(from_status, to_status)
