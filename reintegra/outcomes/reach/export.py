"""The reach list as a table: the same rows on screen, in CSV and in XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from reintegra.dates import day
from reintegra.outcomes.reach.selectors import ReachLine


def headers() -> list[str]:
    return [
        _("Participant"),
        _("Records"),
        _("People told"),
        _("Of whom applied"),
        _("Applicants she brought (named)"),
        _("Of whom enrolled"),
        _("Last recorded on"),
    ]


def rows(lines: Iterable[ReachLine]) -> Iterator[list[str]]:
    for line in lines:
        yield [
            str(line.enrolment.participant),
            str(line.records),
            str(line.people_told),
            str(line.applied),
            str(line.brought),
            str(line.brought_enrolled),
            day(line.last_recorded_on) if line.last_recorded_on else "",
        ]
