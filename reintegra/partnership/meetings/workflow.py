"""The moves of a meeting, an action item and a workshop idea, as data.

A meeting is planned, then held (its decisions and action items are recorded once it is). An
action item is open until it is closed, done or dropped, at a meeting later than the one that
raised it; a closed item stays closed (a new item is raised instead of reopening history). A
workshop idea moves idea → implemented → reviewed, one step at a time, each with its day and
note. An illegal move raises ``IllegalMoveError``, naming both states.
"""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext as _

from reintegra.partnership.models import ActionStatus as A
from reintegra.partnership.models import IdeaStatus as I
from reintegra.partnership.models import MeetingStatus as M

MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    M.PLANNED: frozenset({M.HELD}),
    M.HELD: frozenset(),
}

ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    A.OPEN: frozenset({A.DONE, A.DROPPED}),
    A.DONE: frozenset(),
    A.DROPPED: frozenset(),
}

IDEA_TRANSITIONS: dict[str, frozenset[str]] = {
    I.IDEA: frozenset({I.IMPLEMENTED}),
    I.IMPLEMENTED: frozenset({I.REVIEWED}),
    I.REVIEWED: frozenset(),
}

# The step an idea takes next, if any: the page offers only this one.
IDEA_NEXT: dict[str, str] = {I.IDEA: I.IMPLEMENTED, I.IMPLEMENTED: I.REVIEWED}


class IllegalMoveError(Exception):
    def __init__(self, choices: type[TextChoices], from_status: str, to_status: str) -> None:
        self.from_status = from_status
        self.to_status = to_status
        super().__init__(
            _("The status cannot move from “%(from)s” to “%(to)s”.")
            % {"from": choices(from_status).label, "to": choices(to_status).label}
        )


def check_move(
    table: dict[str, frozenset[str]], choices: type[TextChoices], from_status: str, to_status: str
) -> None:
    if to_status not in table.get(from_status, frozenset()):
        raise IllegalMoveError(choices, from_status, to_status)


def check_meeting_move(from_status: str, to_status: str) -> None:
    check_move(MEETING_TRANSITIONS, M, from_status, to_status)


def check_action_move(from_status: str, to_status: str) -> None:
    check_move(ACTION_TRANSITIONS, A, from_status, to_status)


def check_idea_move(from_status: str, to_status: str) -> None:
    check_move(IDEA_TRANSITIONS, I, from_status, to_status)
