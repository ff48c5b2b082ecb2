"""The lists of action items, workshop ideas and study visits as tables (CSV or XLSX), through
the one writer."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra import tables
from reintegra.dates import day, moment
from reintegra.partnership.models import ActionItem, PartnershipMeeting, StudyVisit, WorkshopIdea

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def response(
    fmt: str, title: str, filename: str, headers: list[str], rows: Iterable[list[str]]
) -> HttpResponse:
    if fmt not in TYPES:
        raise Http404
    body = tables.as_xlsx(title, headers, rows) if fmt == "xlsx" else tables.as_csv(headers, rows)
    answer = HttpResponse(body, content_type=TYPES[fmt])
    answer["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return answer


def _day(value: object) -> str:
    return day(value) if value is not None else ""  # type: ignore[arg-type]


def meeting_headers() -> list[str]:
    return [_("Date and time"), _("Place"), _("Status"), _("Agenda items"), _("Action items raised")]


def meeting_rows(meetings: Iterable[PartnershipMeeting]) -> Iterator[list[str]]:
    for meeting in meetings:
        yield [
            moment(meeting.starts_at),
            meeting.place,
            str(meeting.get_status_display()),
            str(getattr(meeting, "agenda_count", "")),
            str(getattr(meeting, "actions_count", "")),
        ]


def action_headers() -> list[str]:
    return [
        _("No."),
        _("What is to be done"),
        _("Responsible organisation"),
        _("Responsible person"),
        _("Deadline"),
        _("Status"),
        _("Overdue"),
        _("Raised at the meeting"),
        _("Closed at the meeting"),
        _("Closed by"),
        _("Note on closing"),
    ]


def action_rows(actions: Iterable[ActionItem]) -> Iterator[list[str]]:
    today = timezone.localdate()
    for action in actions:
        yield [
            str(action.pk),
            action.what,
            str(action.owner),
            (action.owner_person.get_full_name() or action.owner_person.username)
            if action.owner_person
            else "",
            _day(action.deadline),
            str(action.get_status_display()),
            _("yes") if action.is_overdue(today) else "",
            moment(action.raised_at.starts_at),
            moment(action.closed_at.starts_at) if action.closed_at else "",
            (action.closed_by.get_full_name() or action.closed_by.username) if action.closed_by else "",
            action.closing_note,
        ]


def idea_headers() -> list[str]:
    return [
        _("Title"),
        _("Description"),
        _("Workshop"),
        _("Proposed by"),
        _("Proposed on"),
        _("Status"),
        _("Implemented on"),
        _("What was done"),
        _("Reviewed on"),
        _("What it gave"),
    ]


def idea_rows(ideas: Iterable[WorkshopIdea]) -> Iterator[list[str]]:
    for idea in ideas:
        yield [
            idea.title,
            idea.description,
            idea.workshop,
            str(idea.proposed_by),
            _day(idea.proposed_on),
            str(idea.get_status_display()),
            _day(idea.implemented_on),
            idea.implementation_note,
            _day(idea.reviewed_on),
            idea.review_note,
        ]


def visit_headers() -> list[str]:
    return [
        _("Date"),
        _("Place"),
        _("Host"),
        _("Purpose"),
        _("Organisations that took part"),
        _("Number of people who took part"),
        _("Conclusions"),
    ]


def visit_rows(visits: Iterable[StudyVisit]) -> Iterator[list[str]]:
    for visit in visits:
        yield [
            _day(visit.visited_on),
            visit.place,
            visit.host,
            visit.purpose,
            ", ".join(sorted(str(o) for o in visit.organisations.all())),
            str(visit.people_count),
            visit.conclusions,
        ]
