"""Reads of the partnership's meetings, ideas and study visits, scoped to the user.

Everything here hangs off a partnership the user reached through
``partnership.selectors.partnership_get_for_user`` (a member's staff or partner viewer): another
partnership's meeting, idea or visit answers ``Http404``, the same as a missing one. No row here
is a person's file, so reads are not written to the audit log; changes are.

The carried-over rule lives in ``carried_over``: the agenda of a meeting lists every action item
raised at an earlier meeting of the partnership that was still open when the meeting began, that
is, not closed at a meeting before it; an item closed at this meeting is listed as closed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, User
from reintegra.collation import by_name
from reintegra.partnership import selectors as partnership_selectors
from reintegra.partnership.models import (
    ActionItem,
    ActionStatus,
    Decision,
    MeetingAttendee,
    MeetingOrganisation,
    Partnership,
    PartnershipMeeting,
    StudyVisit,
    WorkshopIdea,
)


@dataclass(frozen=True)
class Access:
    """The partnership the page is about, and whether the user records its meetings."""

    partnership: Partnership
    may_record: bool


def access(user: User, pk: int, *, record: bool = False) -> Access:
    """The partnership, if the user sees it; with ``record`` only if they record its meetings."""
    partnership = partnership_selectors.partnership_get_for_user(user, pk)
    may_record = policy.can(user, "partnership.meet", partnership)
    if record and not may_record:
        raise Http404
    return Access(partnership=partnership, may_record=may_record)


# --- Meetings -------------------------------------------------------------------------------


def meetings_of(partnership: Partnership) -> QuerySet[PartnershipMeeting]:
    return partnership.meetings.annotate(
        agenda_count=Count("agenda", distinct=True),
        actions_count=Count("actions_raised", distinct=True),
    ).order_by("-starts_at", "-pk")


def meeting_get(partnership: Partnership, pk: int) -> PartnershipMeeting:
    meeting = partnership.meetings.filter(pk=pk).first()
    if meeting is None:
        raise Http404
    meeting.partnership = partnership
    return meeting


def meetings_after(meeting: PartnershipMeeting) -> QuerySet[PartnershipMeeting]:
    """The partnership's meetings after this one, the ones an action raised here can close at."""
    return meeting.partnership.meetings.filter(starts_at__gt=meeting.starts_at).order_by("starts_at")


def _actions() -> QuerySet[ActionItem]:
    return ActionItem.objects.select_related("raised_at", "closed_at", "owner", "owner_person", "closed_by")


def carried_over(meeting: PartnershipMeeting) -> list[ActionItem]:
    """The action items on this meeting's agenda from earlier meetings: raised before it and not
    closed at a meeting before it (open still, closed here, or closed at a later meeting)."""
    return list(
        _actions()
        .filter(
            raised_at__partnership_id=meeting.partnership_id,
            raised_at__starts_at__lt=meeting.starts_at,
        )
        .filter(Q(closed_at__isnull=True) | Q(closed_at__starts_at__gte=meeting.starts_at))
        .order_by("raised_at__starts_at", "pk")
    )


def actions_raised(meeting: PartnershipMeeting) -> list[ActionItem]:
    return list(_actions().filter(raised_at=meeting).order_by("pk"))


def action_get(partnership: Partnership, pk: int) -> ActionItem:
    action = _actions().filter(raised_at__partnership=partnership, pk=pk).first()
    if action is None:
        raise Http404
    return action


def actions_of(partnership: Partnership, status: str = "") -> QuerySet[ActionItem]:
    actions = _actions().filter(raised_at__partnership=partnership)
    if status:
        actions = actions.filter(status=status)
    return actions.order_by("raised_at__starts_at", "pk")


def overdue_ids(actions: list[ActionItem], today: date | None = None) -> set[int]:
    """The open action items whose deadline has passed."""
    today = today or timezone.localdate()
    return {action.pk for action in actions if action.is_overdue(today)}


def decisions_of(meeting: PartnershipMeeting) -> QuerySet[Decision]:
    return meeting.decisions.order_by("number")


def organisations_present(meeting: PartnershipMeeting) -> QuerySet[MeetingOrganisation]:
    return meeting.organisations_present.select_related("organisation").order_by(
        *by_name("organisation__name")
    )


def attendees_of(meeting: PartnershipMeeting) -> QuerySet[MeetingAttendee]:
    return meeting.attendees.select_related("user").order_by("user__last_name", "guest_name", "pk")


def member_organisations(partnership: Partnership) -> QuerySet[Organisation]:
    return Organisation.objects.filter(partnership_memberships__partnership=partnership).order_by(
        *by_name("name")
    )


def member_people(partnership: Partnership) -> QuerySet[User]:
    """The active users of the member organisations: who may be listed as present or as owner."""
    memberships = Membership.objects.in_force().filter(
        organisation__partnership_memberships__partnership=partnership
    )
    return (
        User.objects.filter(is_active=True, memberships__in=memberships)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def open_actions_count(partnership: Partnership) -> int:
    return ActionItem.objects.filter(raised_at__partnership=partnership, status=ActionStatus.OPEN).count()


# --- Ideas and visits -------------------------------------------------------------------------


def ideas_of(partnership: Partnership, status: str = "") -> QuerySet[WorkshopIdea]:
    ideas = partnership.ideas.select_related("proposed_by", "meeting")
    if status:
        ideas = ideas.filter(status=status)
    return ideas.order_by("-proposed_on", "-pk")


def idea_get(partnership: Partnership, pk: int) -> WorkshopIdea:
    idea = partnership.ideas.select_related("proposed_by", "meeting").filter(pk=pk).first()
    if idea is None:
        raise Http404
    idea.partnership = partnership
    return idea


def visits_of(partnership: Partnership) -> QuerySet[StudyVisit]:
    return partnership.study_visits.prefetch_related("organisations").order_by("-visited_on", "-pk")


def visit_get(partnership: Partnership, pk: int) -> StudyVisit:
    visit = partnership.study_visits.filter(pk=pk).first()
    if visit is None:
        raise Http404
    visit.partnership = partnership
    return visit
