"""Reads of venues, sessions, calendars and attendance, scoped to the requesting user.

A venue, session or programme the user may not see answers ``Http404``, as one that does not
exist. Bookings, visits and attendance name people: the functions that return them log a read
of each person shown, in one statement per page.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.activities.models import (
    Attendance,
    Booking,
    CalendarFeedToken,
    FeedScope,
    Proposal,
    Session,
    SessionKind,
    Venue,
    Visit,
    Vote,
    VotingRound,
)
from reintegra.activities.services import roster
from reintegra.attachments.selectors import AttachmentList, attachments_of
from reintegra.audit.bulk import log_reads
from reintegra.collation import by_name
from reintegra.people.models import Participant
from reintegra.people.summary import ITEMS_SHOWN, SummaryItem, SummarySection
from reintegra.programmes.models import Programme

SHOWN = 50  # bookings and visits on a venue's page
ATTACHMENT_KIND = "session"


def venue_list_for_user(user: User) -> QuerySet[Venue]:
    return (
        Venue.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "venue.view"))
        .select_related("organisation", "gmina")
        .order_by(*by_name("name"), "pk")
    )


def venue_get_for_user(user: User, pk: int, *, permission: str = "venue.view") -> Venue:
    venue = Venue.objects.select_related("organisation", "gmina").filter(pk=pk).first()
    if venue is None or not policy.can(user, permission, venue):
        raise Http404
    return venue


@dataclass(frozen=True)
class VenuePage:
    bookings: list[Booking]
    visits: list[Visit]
    visits_by_resource: list[tuple[str, int]]


def venue_page(user: User, venue: Venue) -> VenuePage:
    """The coming bookings and the latest visits of a venue; each person shown is a read."""
    bookings = list(
        Booking.objects.filter(resource__venue=venue, ends_at__gte=timezone.now())
        .select_related("resource", "participant")
        .order_by("starts_at", "pk")[:SHOWN]
    )
    visits = list(
        venue.visits.select_related("resource", "participant").order_by("-visited_at", "-pk")[:SHOWN]
    )
    people: dict[int, Participant] = {}
    for person in [row.participant for row in bookings] + [row.participant for row in visits]:
        if person is not None:
            people[person.pk] = person
    log_reads(list(people.values()), actor=user)
    counts = venue.visits.values_list("resource__name").annotate(n=Count("pk")).order_by("-n")
    return VenuePage(bookings, visits, [(name or "—", n) for name, n in counts])


def people_of_organisation(user: User, organisation_id: int) -> QuerySet[Participant]:
    """The people a booking or visit may name: those of the venue's organisation the user sees."""
    if organisation_id not in policy.organisation_ids_where(user, "participant.view"):
        return Participant.objects.none()
    return Participant.objects.filter(organisation_id=organisation_id).order_by(
        *by_name("last_name", "first_name"), "pk"
    )


def programmes_for_scheduling(user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(
        organisation_id__in=policy.organisation_ids_where(user, "session.manage")
    ).select_related("template", "organisation")


OVERVIEW_LIMIT = 200


def programmes_overview(user: User) -> list[Programme]:
    """The running programmes whose sessions the user sees, by name, each with ``coming`` (its
    sessions in the next seven days) and ``open_votes`` (its voting rounds open now): counts
    only, nobody is shown. One query."""
    now = timezone.now()
    coming = (
        Session.objects.filter(
            programme_id=OuterRef("pk"), starts_at__gte=now, starts_at__lt=now + timedelta(days=7)
        )
        .order_by()
        .values("programme_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_votes = (
        VotingRound.objects.filter(programme_id=OuterRef("pk"))
        .open_at(now)
        .order_by()
        .values("programme_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Programme.objects.filter(
            organisation_id__in=policy.organisation_ids_where(user, "session.view"),
            end_date__gte=timezone.localdate(),
        )
        .select_related("organisation")
        .annotate(coming=Subquery(coming), open_votes=Subquery(open_votes))
        .order_by(*by_name("name"), "pk")[:OVERVIEW_LIMIT]
    )


def programme_get_for_user(user: User, pk: int, *, permission: str = "session.view") -> Programme:
    programme = Programme.objects.select_related("organisation", "template").filter(pk=pk).first()
    if programme is None or not policy.can(user, permission, programme):
        raise Http404
    return programme


def session_get_for_user(user: User, pk: int, *, permission: str = "session.view") -> Session:
    session = (
        Session.objects.select_related(
            "programme__template", "programme__organisation", "group", "leader", "venue", "activity"
        )
        .filter(pk=pk)
        .first()
    )
    if session is None or not policy.can(user, permission, session):
        raise Http404
    return session


def session_attachments(user: User, session: Session) -> AttachmentList:
    """The session's files (the scan of its signed attendance list), each logged as read."""
    return attachments_of(user, ATTACHMENT_KIND, session)


def worker_get_for_user(user: User, pk: int) -> User:
    """A worker whose calendar the user may see: themselves, or a colleague of an organisation
    where the user schedules sessions."""
    if pk == user.pk:
        return user
    worker = User.objects.filter(
        pk=pk, memberships__organisation_id__in=policy.organisation_ids_where(user, "session.manage")
    ).first()
    if worker is None:
        raise Http404
    return worker


# --- Calendars -----------------------------------------------------------------------------


@dataclass
class CalendarDay:
    day: date
    sessions: list[Session] = field(default_factory=list)
    in_month: bool = True


@dataclass(frozen=True)
class Calendar:
    view: str  # "week" or "month"
    anchor: date
    start: date
    end: date  # exclusive
    days: list[CalendarDay]
    weeks: list[list[CalendarDay]]
    previous: date
    next: date


def calendar_range(view: str, anchor: date) -> tuple[date, date]:
    if view == "month":
        first = anchor.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return first - timedelta(days=first.weekday()), last + timedelta(days=7 - last.weekday())
    monday = anchor - timedelta(days=anchor.weekday())
    return monday, monday + timedelta(days=7)


def _sessions_between(sessions: QuerySet[Session], start: date, end: date) -> QuerySet[Session]:
    zone = timezone.get_current_timezone()
    return (
        sessions.filter(
            starts_at__gte=datetime.combine(start, time(), tzinfo=zone),
            starts_at__lt=datetime.combine(end, time(), tzinfo=zone),
        )
        .select_related("programme", "venue", "leader", "group")
        .order_by("starts_at", "pk")
    )


def calendar_sessions(scope: str, object_id: int) -> QuerySet[Session]:
    """The sessions of one calendar (no people in them: staff, programmes and venues only)."""
    if scope == FeedScope.WORKER:
        return Session.objects.filter(leader_id=object_id)
    if scope == FeedScope.VENUE:
        return Session.objects.filter(venue_id=object_id)
    return Session.objects.filter(programme_id=object_id)


def build_calendar(user: User, scope: str, object_id: int, view: str, anchor: date) -> Calendar:
    """A week or a month of one calendar; a worker's calendar shows only the sessions of
    programmes the user may see."""
    start, end = calendar_range(view, anchor)
    sessions = _sessions_between(calendar_sessions(scope, object_id), start, end).filter(
        programme__organisation_id__in=policy.organisation_ids_where(user, "session.view")
    )
    days = {
        start + timedelta(days=offset): CalendarDay(start + timedelta(days=offset))
        for offset in range((end - start).days)
    }
    for day in days.values():
        day.in_month = view != "month" or day.day.month == anchor.month
    for session in sessions:
        days[timezone.localtime(session.starts_at).date()].sessions.append(session)
    ordered = list(days.values())
    weeks = [ordered[index : index + 7] for index in range(0, len(ordered), 7)]
    if view == "month":
        first = anchor.replace(day=1)
        previous, following = (
            (first - timedelta(days=1)).replace(day=1),
            (first + timedelta(days=32)).replace(day=1),
        )
    else:
        previous, following = start - timedelta(days=7), start + timedelta(days=7)
    return Calendar(view, anchor, start, end, ordered, weeks, previous, following)


def feed_token_get(token: str) -> CalendarFeedToken:
    """A feed token in force whose owner may still see its calendar; anything else is a 404."""
    feed = (
        CalendarFeedToken.objects.select_related("owner").filter(token=token, revoked_at__isnull=True).first()
    )
    if feed is None or not feed.owner.is_active or not policy.holds_anywhere(feed.owner, "session.view"):
        raise Http404
    return feed


def feed_sessions(feed: CalendarFeedToken) -> list[Session]:
    """From three months back to a year ahead, only of programmes the owner may see."""
    today = timezone.localdate()
    return list(
        _sessions_between(
            calendar_sessions(feed.scope, feed.object_id),
            today - timedelta(days=92),
            today + timedelta(days=366),
        ).filter(programme__organisation_id__in=policy.organisation_ids_where(feed.owner, "session.view"))
    )


def feed_tokens_of(user: User, scope: str, object_id: int) -> list[CalendarFeedToken]:
    return list(
        CalendarFeedToken.objects.filter(
            owner=user, scope=scope, object_id=object_id, revoked_at__isnull=True
        )
    )


def feed_token_of_user(user: User, pk: int) -> CalendarFeedToken:
    feed = CalendarFeedToken.objects.filter(owner=user, pk=pk).first()
    if feed is None:
        raise Http404
    return feed


# --- Attendance ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    participant: Participant
    attendance: Attendance | None


def attendance_roster(user: User, session: Session) -> list[RosterRow]:
    """The session's people with their marks so far (two queries); each person is a read."""
    people = roster(session)
    marks = {row.participant_id: row for row in session.attendances.all()}
    log_reads(people, actor=user)
    return [RosterRow(person, marks.get(person.pk)) for person in people]


@dataclass(frozen=True)
class PersonSummary:
    participant: Participant
    sessions: int
    attended: int
    hours: Decimal

    @property
    def rate(self) -> int:
        return round(100 * self.attended / self.sessions) if self.sessions else 0

    @property
    def meets_80(self) -> bool:
        return self.sessions > 0 and self.attended * 5 >= self.sessions * 4


def attendance_summary(user: User, programme: Programme) -> list[PersonSummary]:
    """Per person of the programme: sessions held for them so far, attended, hours, the rate."""
    now = timezone.now()
    held = programme.sessions.filter(starts_at__lt=now)
    enrolments = list(
        programme.enrolments.filter(status="enrolled")
        .select_related("participant")
        .order_by(*by_name("participant__last_name", "participant__first_name"), "pk")
    )
    per_group = dict(held.values_list("group_id").annotate(n=Count("pk")).order_by())
    general = per_group.pop(None, 0)
    totals: dict[int, dict[str, Any]] = {
        row["participant_id"]: dict(row)
        for row in Attendance.objects.filter(session__in=held, present=True)
        .values("participant_id")
        .annotate(n=Count("pk"), hours=Sum("hours"))
        .order_by()
    }
    log_reads([enrolment.participant for enrolment in enrolments], actor=user)
    return [
        PersonSummary(
            enrolment.participant,
            general + (per_group.get(enrolment.group_id, 0) if enrolment.group_id else 0),
            totals.get(enrolment.participant_id, {}).get("n", 0),
            totals.get(enrolment.participant_id, {}).get("hours") or Decimal(0),
        )
        for enrolment in enrolments
    ]


@dataclass(frozen=True)
class ActivitySummary:
    title: str
    sessions: int
    marked: int
    present: int

    @property
    def rate(self) -> int:
        return round(100 * self.present / self.marked) if self.marked else 0


def activity_summary(programme: Programme) -> list[ActivitySummary]:
    """Per activity of the programme (and its sessions without one): sessions held, the share of
    marks that were present. Counts only: no person is shown."""
    held = programme.sessions.filter(starts_at__lt=timezone.now())
    rows = (
        held.values("activity__title")
        .annotate(
            sessions=Count("pk", distinct=True),
            marked=Count("attendances"),
            present=Count("attendances", filter=Q(attendances__present=True)),
        )
        .order_by("activity__title")
    )
    return [
        ActivitySummary(row["activity__title"] or "", row["sessions"], row["marked"], row["present"])
        for row in rows
    ]


def session_leaders(programme: Programme) -> QuerySet[User]:
    return (
        User.objects.filter(programme_roles__programme=programme, is_active=True)
        .distinct()
        .order_by(*by_name("last_name", "first_name"), "pk")
    )


# --- Proposals and votes -------------------------------------------------------------------


def voting_round_get_for_user(user: User, pk: int, *, permission: str = "session.view") -> VotingRound:
    voting = VotingRound.objects.select_related("programme__organisation").filter(pk=pk).first()
    if voting is None or not policy.can(user, permission, voting):
        raise Http404
    return voting


def proposal_get(voting: VotingRound, pk: int) -> Proposal:
    proposal = voting.proposals.filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


@dataclass(frozen=True)
class ProposalResult:
    proposal: Proposal
    in_favour: int
    against: int


@dataclass(frozen=True)
class RoundResults:
    proposals: list[ProposalResult]
    voters: int  # distinct people who voted in the round
    votes: int


def round_results(user: User, voting: VotingRound) -> RoundResults:
    """Each proposal with its votes for and against, most votes in favour first, and the number
    of distinct voters; the proposers shown are logged as read."""
    proposals = list(
        voting.proposals.select_related("proposed_by", "activity").annotate(
            yes=Count("votes", filter=Q(votes__in_favour=True)),
            no=Count("votes", filter=Q(votes__in_favour=False)),
        )
    )
    proposals.sort(key=lambda proposal: (-proposal.yes, proposal.pk))
    log_reads(
        [proposal.proposed_by for proposal in proposals if proposal.proposed_by is not None], actor=user
    )
    votes = Vote.objects.filter(proposal__round=voting)
    return RoundResults(
        [ProposalResult(proposal, proposal.yes, proposal.no) for proposal in proposals],
        votes.values("participant_id").distinct().count(),
        votes.count(),
    )


def club_members(user: User, voting: VotingRound) -> list[Participant]:
    """The members who may propose and vote, for the staff's picker; each is a read."""
    people = list(
        Participant.objects.filter(
            enrolments__programme_id=voting.programme_id, enrolments__status="enrolled"
        ).order_by(*by_name("last_name", "first_name"), "pk")
    )
    log_reads(people, actor=user)
    return people


def vote_of(voting: VotingRound, proposal: Proposal, participant_id: int) -> Vote | None:
    return proposal.votes.filter(participant_id=participant_id).select_related("proposal").first()


def voting_rounds(programme: Programme) -> QuerySet[VotingRound]:
    return programme.voting_rounds.all()


def _held(now: datetime, *, general: bool, depth: int = 1) -> QuerySet[Session]:
    """The sessions held before ``now`` for an enrolment of the query ``depth`` levels out: of
    the whole programme (``general``) or of the enrolment's group."""

    def outer(name: str) -> Any:
        reference: Any = name
        for _level in range(depth):
            reference = OuterRef(reference)
        return reference

    sessions = Session.objects.filter(programme_id=outer("programme_id"), starts_at__lt=now)
    return sessions.filter(group__isnull=True) if general else sessions.filter(group_id=outer("group_id"))


def _count(rows: QuerySet[Any], key: str) -> QuerySet[Any]:
    """The rows' number, as a subquery of one value."""
    return rows.order_by().values(key).annotate(n=Count("*")).values("n")


def attendance_person_summary(user: User, participant: Participant) -> SummarySection | None:
    """The file's summary: in each programme the person is enrolled in, the sessions held for
    them so far (of the programme, or of their group) and how many of those they attended (the
    80% rule). One query; no section for a person with no session held yet."""
    if not policy.can(user, "session.view", participant):
        return None
    now = timezone.now()
    # Held for them: the sessions of their group and those of the whole programme, each counted
    # apart; with no OR, each is a range of the index of programme, group and start (which
    # ends with the session's id) and the person's marks one of the index of present marks, both
    # read without the tables, however many sessions and marks the programme has.
    held, attended = {}, {}
    for general in (False, True):
        held[general] = Subquery(_count(_held(now, general=general), "programme_id"))
        marks = Attendance.objects.filter(
            participant_id=participant.pk,
            present=True,
            session_id__in=_held(now, general=general, depth=2).values("pk"),
        )
        attended[general] = Subquery(_count(marks, "participant_id"))
    enrolments = list(
        participant.enrolments.filter(status="enrolled")
        .select_related("programme")
        .annotate(
            held_group=held[False],
            held_general=held[True],
            attended_group=attended[False],
            attended_general=attended[True],
        )
        .order_by("-enrolled_on", "-pk")[:ITEMS_SHOWN]
    )
    log_reads(enrolments, actor=user)
    items = []
    for enrolment in enrolments:
        sessions = (enrolment.held_group or 0) + (enrolment.held_general or 0)
        came = (enrolment.attended_group or 0) + (enrolment.attended_general or 0)
        if not sessions:
            continue
        rate = round(100 * came / sessions)
        items.append(
            SummaryItem(
                text=enrolment.programme.name,
                url=reverse("activities:programme_attendance", args=[enrolment.programme_id]),
                status=_("%(came)d of %(held)d sessions (%(rate)d%%)")
                % {"came": came, "held": sessions, "rate": rate},
            )
        )
    if not items:
        return None  # people outside group programmes see no such section
    return SummarySection(
        key="attendance", title=_("Attendance"), empty=_("No session held for this person yet."), items=items
    )


def sessions_by_kind(programme: Programme) -> list[tuple[str, int, int]]:
    """(kind, held so far, scheduled in all) for each kind of session the programme has: the
    count a report of the programme gives ("1,059 meetings of five kinds")."""
    now = timezone.now()
    rows = (
        programme.sessions.values("kind")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(starts_at__lt=now)))
        .order_by("kind")
    )
    labels = dict(SessionKind.choices)
    return [(str(labels.get(row["kind"], row["kind"])), row["held"], row["total"]) for row in rows]
