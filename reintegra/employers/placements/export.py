"""The placement list as a table: the same rows on screen, in CSV and in XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.dates import day, moment
from reintegra.employers.models import Placement


def headers() -> list[str]:
    return [
        _("Proposed"),
        _("Person"),
        _("Employer"),
        _("Offer"),
        _("Kind"),
        _("Status"),
        _("Started on"),
        _("Ended on"),
    ]


def rows(placements: Iterable[Placement]) -> Iterator[list[str]]:
    for placement in placements:
        yield [
            moment(placement.proposed_at),
            str(placement.participant),
            str(placement.offer.employer),
            str(placement.offer),
            placement.offer.get_kind_display(),
            placement.get_status_display(),
            day(placement.started_on) if placement.started_on else "",
            day(placement.ended_on) if placement.ended_on else "",
        ]


def as_csv(placements: Iterable[Placement]) -> bytes:
    return tables.as_csv(headers(), rows(placements))


def as_xlsx(placements: Iterable[Placement]) -> bytes:
    return tables.as_xlsx(_("Placements"), headers(), rows(placements))
