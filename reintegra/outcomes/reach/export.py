"""The reach list, and the applicants who came by word of mouth, as tables: the same rows on
screen, in CSV and in XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from reintegra.dates import day, moment
from reintegra.outcomes.models import HeardFrom
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


def heard_from_headers() -> list[str]:
    return [_("Applicant"), _("Status"), _("Told about the programme by"), _("Recorded")]


def heard_from_rows(links: Iterable[HeardFrom]) -> Iterator[list[str]]:
    for link in links:
        yield [
            str(link.enrolment.participant),
            str(link.enrolment.get_status_display()),
            str(link.told_by.participant),
            moment(link.recorded_at),
        ]
