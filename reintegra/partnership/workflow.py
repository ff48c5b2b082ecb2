"""The referral workflow as data: sent → accepted / declined, accepted → completed.

An illegal move raises ``IllegalMoveError``; services record every legal one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.partnership.models import ReferralStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.COMPLETED}),
    S.DECLINED: frozenset(),
    S.COMPLETED: frozenset(),
}

# Moves that need a reason: a declined referral tells the sender why.
REASON_REQUIRED = frozenset({S.DECLINED})


class IllegalMoveError(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("A referral cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )


def check_move(from_status: str, to_status: str) -> None:
    if to_status not in TRANSITIONS[from_status]:
        raise IllegalMoveError(from_status, to_status)
