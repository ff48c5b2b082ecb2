"""The referral workflow as data: sent → accepted / declined / withdrawn, accepted → completed /
withdrawn.

The receiver's coordinators and case workers accept, decline and complete; the sender's staff
(the permission that sends, ``referral.send``, in the sending organisation) withdraw
(``SENDER_MOVES``). An illegal move raises ``IllegalMoveError``; services record every legal one
with who, when and why, and tell the other side.

Withdrawal is allowed from ``sent`` and from ``accepted``: after acceptance the person may still
move away, refuse the support or find it elsewhere, and the receiver has to hear that on record
rather than by telephone. A declined or completed referral is closed; withdrawing it would
rewrite what happened, so it stays as it is.

After withdrawal the receiver no longer has a reason to process the person's data, so the
receiver's pages and the API withhold everything that was referred about the person: the
snapshot (name included), the reason for referral and the notes of earlier moves
(``DATA_WITHHELD_FROM_RECEIVER``); they show only that, when, by whom and why the referral was
withdrawn. The snapshot itself stays in the row, unchanged, because it is the record of what
left the sending organisation, when and on which basis, which the sender and the audit need.
Withholding on read (in ``selectors.referral_data_withheld``) rather than erasing is the safer
of the two: erasing would break the audit trail of a disclosure, and there is one place that
decides what the receiver sees.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.partnership.models import ReferralStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.SENT: frozenset({S.ACCEPTED, S.DECLINED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.COMPLETED, S.WITHDRAWN}),
    S.DECLINED: frozenset(),
    S.COMPLETED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Moves that need a reason: a declined referral tells the sender why.
REASON_REQUIRED = frozenset({S.DECLINED})

# Moves made by the sending organisation; every other move is the receiver's.
SENDER_MOVES = frozenset({S.WITHDRAWN})

# States in which the receiver takes the person in and reports how the support goes.
TAKES_IN = frozenset({S.ACCEPTED, S.COMPLETED})

# States in which the receiver no longer sees what was referred about the person.
DATA_WITHHELD_FROM_RECEIVER = frozenset({S.WITHDRAWN})


class IllegalMoveError(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("A referral cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS[from_status]


def check_move(from_status: str, to_status: str) -> None:
    if not can_move(from_status, to_status):
        raise IllegalMoveError(from_status, to_status)
