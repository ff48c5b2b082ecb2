"""The offer's workflow as data: draft → open → closed, and a closed offer may open again.

A draft is written but not yet shown to be matched; an open offer takes candidates; a closed
one takes none (its placements go on). Closing a draft drops it without publishing it;
reopening a closed offer (the employer needs more people after all) keeps its history in the
audit log. An illegal move raises ``IllegalOfferMoveError``; the API answers it with 409.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.employers.models import OfferStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.OPEN, S.CLOSED}),
    S.OPEN: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.OPEN}),
}


class IllegalOfferMoveError(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("An offer cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS[from_status]


def check_move(from_status: str, to_status: str) -> None:
    if not can_move(from_status, to_status):
        raise IllegalOfferMoveError(from_status, to_status)
