"""The to-do list of follow-ups as a table: the same rows on screen, in CSV and in XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.dates import day
from reintegra.outcomes.models import FollowUp


def headers() -> list[str]:
    return [_("Due on"), _("Person"), _("Phone"), _("Programme"), _("Months after the exit")]


def rows(follow_ups: Iterable[FollowUp]) -> Iterator[list[str]]:
    for follow_up in follow_ups:
        person = follow_up.enrolment.participant
        yield [
            day(follow_up.due_on),
            str(person),
            person.phone,
            str(follow_up.enrolment.programme),
            str(follow_up.months),
        ]


def as_csv(follow_ups: Iterable[FollowUp]) -> bytes:
    return tables.as_csv(headers(), rows(follow_ups))


def as_xlsx(follow_ups: Iterable[FollowUp]) -> bytes:
    return tables.as_xlsx(_("Follow-ups due"), headers(), rows(follow_ups))
