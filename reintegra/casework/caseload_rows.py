"""The caseload's rows written out in Python, for the caseload and for its section pages.

As the participant list does (and the admin's change list): per row, a template's lookups,
filters, ``{% url %}`` and ``{% blocktranslate %}`` cost more than reading the row. Each label
is translated once a page, each address reversed once a page; every value is escaped by
``format_html``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reintegra.casework.caseload import CasePerson
from reintegra.casework.caseload_queries import MeetingRow, PlanRow, Shown, StepRow
from reintegra.casework.models import MeetingKind, MeetingStatus

KEY = 987654321  # stands for a row's key in an address reversed once a page


def address_of(name: str) -> Callable[[int], str]:
    """A row's address from its key, reversing the route once a page."""
    pattern = reverse(name, args=[KEY])
    return lambda pk: pattern.replace(str(KEY), str(pk))


def _list(items: SafeString, empty: str) -> SafeString:
    if not items:
        items = format_html('<li class="list-group-item">{}</li>', empty)
    return format_html('<ul class="list-group">\n{}\n</ul>', items)


def meeting_items(meetings: Sequence[MeetingRow], empty: str) -> SafeString:
    address = address_of("casework:meeting_detail")
    kinds = {value: str(label) for value, label in MeetingKind.choices}
    statuses = {value: str(label) for value, label in MeetingStatus.choices}
    weekdays = [str(WEEKDAYS_ABBR[day]) for day in range(7)]  # the date filter's "D"
    with_whom = _("with %(name)s")
    lengths: dict[int, str] = {}

    def when(meeting: MeetingRow) -> str:
        local = timezone.localtime(meeting.starts_at)
        return f"{weekdays[local.weekday()]} {local:%Y-%m-%d %H:%M}"

    def length(minutes: int) -> str:
        if minutes not in lengths:
            lengths[minutes] = ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {
                "minutes": minutes
            }
        return lengths[minutes]

    def details(meeting: MeetingRow) -> str:
        parts = [kinds.get(meeting.kind, meeting.kind)]
        if meeting.family_member:
            parts.append(with_whom % {"name": meeting.family_member})
        parts.append(length(meeting.duration_minutes))
        parts.append(statuses.get(meeting.status, meeting.status))
        return " · ".join(parts)

    return _list(
        format_html_join(
            "\n",
            '<li class="list-group-item"><a href="{}">{} · {}</a>'
            '<span class="d-block small text-body-secondary">{}</span></li>',
            ((address(meeting.pk), when(meeting), meeting.person, details(meeting)) for meeting in meetings),
        ),
        empty,
    )


def step_items(steps: Sequence[StepRow]) -> SafeString:
    address = address_of("casework:meeting_detail")
    return _list(
        format_html_join(
            "\n",
            '<li class="list-group-item"><a href="{}">{}</a>'
            '<span class="d-block small text-body-secondary">{} · {}</span></li>',
            (
                (
                    address(step.meeting_id),
                    step.text,
                    step.person,
                    _("due %(due)s") % {"due": step.due_on.isoformat()},
                )
                for step in steps
            ),
        ),
        _("No overdue next steps."),
    )


def plan_items(plans: Sequence[PlanRow]) -> SafeString:
    address = address_of("casework:plan_detail")

    def notes(plan: PlanRow) -> SafeString:
        lines = []
        if plan.overdue_actions:
            text = ngettext(
                "%(n)s overdue action: “%(what)s”, due %(due)s",
                "%(n)s overdue actions, the first “%(what)s”, due %(due)s",
                plan.overdue_actions,
            ) % {
                "n": plan.overdue_actions,
                "what": plan.first_overdue,
                "due": plan.first_overdue_deadline.isoformat() if plan.first_overdue_deadline else "",
            }
            lines.append(text)
        if plan.review_passed and plan.review_on is not None:
            lines.append(_("review was due on %(day)s") % {"day": plan.review_on.isoformat()})
        return format_html_join(
            "", '<span class="d-block small text-body-secondary">{}</span>', ((line,) for line in lines)
        )

    return _list(
        format_html_join(
            "\n",
            '<li class="list-group-item"><a href="{}">{}</a> · {}{}</li>',
            ((address(plan.pk), plan.type_name, plan.person, notes(plan)) for plan in plans),
        ),
        _("No overdue plan actions or reviews."),
    )


def contact_items(people: Sequence[CasePerson]) -> SafeString:
    address = address_of("casework:meetings")

    def days(person: CasePerson) -> str:
        return ngettext(
            "no contact for %(days)s day (at most %(interval)s allowed)",
            "no contact for %(days)s days (at most %(interval)s allowed)",
            person.days_without_contact,
        ) % {"days": person.days_without_contact, "interval": person.contact_interval_days}

    return _list(
        format_html_join(
            "\n",
            '<li class="list-group-item"><a href="{}">{}</a>'
            '<span class="d-block small text-body-secondary">{}</span></li>',
            ((address(person.participant_id), str(person), days(person)) for person in people),
        ),
        _("Everyone has been contacted recently."),
    )


def all_link(shown: Shown[object], href: str) -> SafeString:
    """ "All N" below a section that shows only its first rows."""
    if not shown.more:
        return SafeString("")
    text = ngettext("All %(n)s", "All %(n)s", shown.count) % {"n": shown.count}
    return format_html('<p class="mt-2 mb-0"><a href="{}">{}</a></p>', href, text)
