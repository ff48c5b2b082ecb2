"""The plan workflow as data: draft → agreed → under review → closed.

A draft is agreed once every signatory of its type has signed; an agreed plan goes under review
on its review date and comes back agreed (or is closed). An illegal move raises
``IllegalPlanMoveError``; the services record every legal one in the audit log.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from reintegra.plans.models import PlanStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.AGREED, S.CLOSED}),
    S.AGREED: frozenset({S.UNDER_REVIEW, S.CLOSED}),
    S.UNDER_REVIEW: frozenset({S.AGREED, S.CLOSED}),
    S.CLOSED: frozenset(),
}

# A change to a plan in these statuses is a new version; a draft is changed in place.
VERSIONED = frozenset({S.AGREED, S.UNDER_REVIEW})


class IllegalPlanMoveError(Exception):
    def __init__(self, from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("A plan cannot move from “%(from)s” to “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )


def check_move(from_status: str, to_status: str) -> None:
    if to_status not in TRANSITIONS.get(from_status, frozenset()):
        raise IllegalPlanMoveError(from_status, to_status)


def next_statuses(status: str) -> list[S]:
    return [S(to) for to in S.values if to in TRANSITIONS.get(status, frozenset())]
