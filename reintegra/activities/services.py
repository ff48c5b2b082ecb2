"""Writes to venues, bookings, visits, sessions and attendance: each a transaction, checked
against the policy, audited (django-auditlog; rows written in bulk through ``log_bulk_create``).

The rules these services enforce:

* a venue belongs to one organisation, whose coordinators set it up: its address in a gmina of
  the TERC register, its capacity, its weekly opening hours (each closing after it opens) and
  its resources;
* a resource is booked by the hour, from a full hour to a full hour, only while its venue is
  open (the whole booking inside one opening of that weekday) and never over another booking
  of the same resource; the overlap is checked under a lock of the resource row;
* a visit is logged at a venue of the organisation, for one of its people (or anonymously),
  with the resource used, and never in the future;
* a session belongs to a programme; its group and activity, if any, to the same programme; its
  venue to the programme's organisation; its kind is one the programme's model schedules
  (``session_types`` of the template, when it lists them); its leader holds, on the day, a role
  of the programme that leads that kind (``programmes.services.may_lead``) and the qualification
  the programme requires for that role (a completed training: ``policy.missing_qualification``),
  whose refusal names what is missing;
* a recurring session is an RFC 5545 rule that ends (COUNT or UNTIL), of at most
  ``MAX_OCCURRENCES`` occurrences; all of them are written in one transaction under one series;
* attendance is marked for the people of the session's group (of the programme, without a
  group) who are enrolled, all at once, by the leader or a coordinator; hours are at most the
  session's length; the marks replace the earlier ones; each marked person's present marks and
  hours of that programme and month (``AttendanceMonth``) are counted again in the same
  transaction, in three statements whatever the number of marks;
* a calendar feed's token is made by a user who may see the calendar, and revoked by them;
* a club's members (people enrolled in the programme) and its staff propose activities while a
  voting round is open; each member votes once per proposal, for or against, and may change the
  vote until the round closes; a second vote and a vote after the close are refused; once the
  round has closed, a coordinator accepts the winners (each becomes an activity of the
  programme) and publishes the results, counted by votes and by distinct voters;
* who acts in a member's name (``member_act_check``, ``vote_check``): the member herself,
  signed in with the account linked to her record, or staff of the club's organisation who
  record it for her; both go through the same rule, and the audit log names whoever it was.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any

from dateutil.rrule import rrulestr
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, DateField, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.activities.models import (
    Activity,
    Attendance,
    AttendanceMode,
    AttendanceMonth,
    Booking,
    CalendarFeedToken,
    OpeningHours,
    Proposal,
    ProposalStatus,
    Resource,
    Session,
    SessionKind,
    Venue,
    Visit,
    Vote,
    VotingRound,
)
from reintegra.audit.bulk import log_bulk_create
from reintegra.dates import day
from reintegra.people.models import Participant, TercUnit
from reintegra.programmes.models import EnrolmentStatus, Group, Programme
from reintegra.programmes.services import roles_leading

MAX_OCCURRENCES = 400
FREQUENCIES = frozenset({"DAILY", "WEEKLY", "MONTHLY", "YEARLY"})
# An UNTIL in UTC (as calendar apps write it) is read as the Warsaw time it stands for: the
# occurrences are computed in local time, so that 16:00 stays 16:00 across the change of time.
UTC_UNTIL = re.compile(r"UNTIL=(\d{8}T\d{6})Z")


def _require(actor: User | None, permission: str, obj: policy.Scoped) -> None:
    if actor is not None and not policy.can(actor, permission, obj):
        raise PermissionDenied


# --- Venues --------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class VenueData:
    name: str
    kind: str
    town: str
    gmina: TercUnit
    capacity: int
    street: str = ""
    postal_code: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    description: str = ""


VENUE_FIELDS = tuple(VenueData.__dataclass_fields__)


@dataclass(frozen=True, kw_only=True)
class Opening:
    weekday: int
    opens: time
    closes: time


def _check_gmina(gmina: TercUnit) -> None:
    if len(gmina.code) != 7:
        raise ValidationError(
            {"gmina": _("Give the 7-digit TERC code of a gmina, not of a county or voivodeship.")},
            code="not_a_gmina",
        )


@transaction.atomic
def venue_create(
    *, actor: User | None, organisation: Organisation, data: VenueData, opening_hours: Sequence[Opening] = ()
) -> Venue:
    """A coordinator adds a venue of their organisation with its weekly opening hours."""
    _require(actor, "venue.manage", organisation)
    _check_gmina(data.gmina)
    venue = Venue(organisation=organisation, **{name: getattr(data, name) for name in VENUE_FIELDS})
    venue.full_clean()
    venue.save()
    _set_opening_hours(venue, opening_hours)
    return venue


@transaction.atomic
def venue_update(
    *, actor: User | None, venue: Venue, data: VenueData, opening_hours: Sequence[Opening] | None = None
) -> Venue:
    _require(actor, "venue.manage", venue)
    _check_gmina(data.gmina)
    for name in VENUE_FIELDS:
        setattr(venue, name, getattr(data, name))
    venue.full_clean()
    venue.save(update_fields=list(VENUE_FIELDS))
    if opening_hours is not None:
        _set_opening_hours(venue, opening_hours)
    return venue


def _set_opening_hours(venue: Venue, opening_hours: Sequence[Opening]) -> None:
    for opening in opening_hours:
        if opening.closes <= opening.opens:
            raise ValidationError(
                {"opening_hours": _("On each day the venue closes after it opens.")}, code="closes_first"
            )
    venue.opening_hours.all().delete()
    for opening in opening_hours:
        OpeningHours.objects.create(
            venue=venue, weekday=opening.weekday, opens=opening.opens, closes=opening.closes
        )


@transaction.atomic
def resource_add(*, actor: User | None, venue: Venue, kind: str, name: str) -> Resource:
    _require(actor, "venue.manage", venue)
    resource = Resource(venue=venue, kind=kind, name=name.strip())
    resource.full_clean()
    resource.save()
    return resource


# --- Bookings and visits -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class BookingData:
    resource: Resource
    on: date
    from_hour: int
    hours: int
    participant: Participant | None = None


@transaction.atomic
def booking_create(*, actor: User | None, data: BookingData) -> Booking:
    """A resource for whole hours while its venue is open, never over another booking."""
    resource = Resource.objects.select_for_update().select_related("venue").get(pk=data.resource.pk)
    _require(actor, "venue.book", resource)
    _check_person(data.participant, resource.venue.organisation_id)
    if not 0 <= data.from_hour <= 23 or not 1 <= data.hours <= 24 - data.from_hour:
        raise ValidationError({"hours": _("A booking lasts whole hours within one day.")}, code="hours")
    opens_at, closes_at = time(data.from_hour), _hour_end(data.from_hour + data.hours)
    open_then = resource.venue.opening_hours.filter(
        weekday=data.on.weekday(), opens__lte=opens_at, closes__gte=closes_at
    ).exists()
    if not open_then:
        raise ValidationError(
            {"from_hour": _("The venue is not open then: book within its opening hours.")}, code="closed"
        )
    zone = timezone.get_current_timezone()
    starts_at = datetime.combine(data.on, time(data.from_hour), tzinfo=zone)
    ends_at = starts_at + timedelta(hours=data.hours)
    clash = resource.bookings.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if clash is not None:
        raise ValidationError(
            {
                "from_hour": _("%(resource)s is already booked from %(start)s to %(end)s.")
                % {
                    "resource": resource,
                    "start": timezone.localtime(clash.starts_at).strftime("%H:%M"),
                    "end": timezone.localtime(clash.ends_at).strftime("%H:%M"),
                }
            },
            code="overlap",
        )
    booking = Booking(
        resource=resource, participant=data.participant, starts_at=starts_at, ends_at=ends_at, booked_by=actor
    )
    booking.full_clean()
    booking.save()
    return booking


def _hour_end(hour: int) -> time:
    return time(23, 59, 59) if hour >= 24 else time(hour)


def _check_person(participant: Participant | None, organisation_id: int) -> None:
    if participant is not None and participant.organisation_id != organisation_id:
        raise ValidationError(
            {"participant": _("Choose a person of the venue's organisation.")}, code="person"
        )


@dataclass(frozen=True, kw_only=True)
class VisitData:
    venue: Venue
    visited_at: datetime
    resource: Resource | None = None
    participant: Participant | None = None
    purpose: str = ""


@transaction.atomic
def visit_log(*, actor: User | None, data: VisitData) -> Visit:
    """Who used what at the venue, and when (not in the future)."""
    _require(actor, "venue.book", data.venue)
    _check_person(data.participant, data.venue.organisation_id)
    if data.resource is not None and data.resource.venue_id != data.venue.pk:
        raise ValidationError({"resource": _("Choose a resource of this venue.")}, code="resource")
    if data.visited_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"visited_at": _("A visit is logged once it has happened.")}, code="future")
    visit = Visit(
        venue=data.venue,
        resource=data.resource,
        participant=data.participant,
        visited_at=data.visited_at,
        purpose=data.purpose.strip(),
        recorded_by=actor,
    )
    visit.full_clean()
    visit.save()
    return visit


# --- Sessions ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class SessionData:
    programme: Programme
    kind: str
    leader: User
    starts_at: datetime
    ends_at: datetime
    planned_hours: Decimal
    title: str = ""
    group: Group | None = None
    activity: Activity | None = None
    venue: Venue | None = None
    recurrence: str = ""


def session_kinds(programme: Programme) -> list[tuple[str, str]]:
    """The kinds of session the programme's model schedules (every kind when it lists none)."""
    listed = {
        item["kind"]
        for item in (programme.template.definition or {}).get("session_types", [])
        if item.get("kind") in SessionKind.values
    }
    return [(kind.value, str(kind.label)) for kind in SessionKind if not listed or kind.value in listed]


def _local_until(match: re.Match[str]) -> str:
    try:
        moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return match.group(0)  # rrulestr refuses it, with the field's message
    return "UNTIL=" + timezone.localtime(moment).strftime("%Y%m%dT%H%M%S")


def occurrences(rule: str, first: datetime) -> list[datetime]:
    """The starts of a recurring session: an RFC 5545 rule (``FREQ=WEEKLY;COUNT=10``) from the
    first start; it must end (COUNT or UNTIL) within ``MAX_OCCURRENCES``."""
    text = rule.strip().removeprefix("RRULE:").upper()
    parts = {part.split("=", 1)[0] for part in text.split(";") if part}
    if not parts & {"COUNT", "UNTIL"}:
        raise ValidationError(
            {"recurrence": _("The rule never ends: give COUNT or UNTIL (e.g. FREQ=WEEKLY;COUNT=10).")},
            code="never_ends",
        )
    frequency = dict(part.split("=", 1) for part in text.split(";") if "=" in part).get("FREQ")
    if frequency not in FREQUENCIES:
        raise ValidationError(
            {
                "recurrence": _(
                    "Sessions repeat daily, weekly, monthly or yearly (FREQ=DAILY, WEEKLY, MONTHLY, YEARLY)."
                )
            },
            code="frequency",
        )
    text = UTC_UNTIL.sub(_local_until, text)
    local = timezone.localtime(first).replace(tzinfo=None)
    try:
        rules = rrulestr(text, dtstart=local)
        starts = list(islice(iter(rules), MAX_OCCURRENCES + 1))
    except (ValueError, TypeError, OverflowError) as error:
        raise ValidationError(
            {"recurrence": _("This is not a recurrence rule of RFC 5545 (e.g. FREQ=WEEKLY;COUNT=10).")},
            code="bad_rule",
        ) from error
    if len(starts) > MAX_OCCURRENCES:
        raise ValidationError(
            {
                "recurrence": _("The rule makes more than %(max)d sessions; schedule fewer at once.")
                % {"max": MAX_OCCURRENCES}
            },
            code="too_many",
        )
    if not starts:
        raise ValidationError({"recurrence": _("The rule makes no session.")}, code="empty")
    zone = timezone.get_current_timezone()
    return [start.replace(tzinfo=zone) for start in starts]


@transaction.atomic
def session_schedule(*, actor: User | None, data: SessionData) -> list[Session]:
    """One session, or every occurrence of a recurring one (one series), checked as a whole."""
    programme = data.programme
    _require(actor, "session.manage", programme)
    _check_session(data)
    starts = occurrences(data.recurrence, data.starts_at) if data.recurrence.strip() else [data.starts_at]
    length = data.ends_at - data.starts_at
    _check_leader(data, [timezone.localtime(start).date() for start in starts])
    series = uuid.uuid4() if len(starts) > 1 else None
    sessions = [
        Session(
            programme=programme,
            group=data.group,
            activity=data.activity,
            kind=data.kind,
            title=data.title.strip(),
            leader=data.leader,
            venue=data.venue,
            starts_at=start,
            ends_at=start + length,
            planned_hours=data.planned_hours,
            series=series,
            recurrence=data.recurrence.strip().upper() if series else "",
            created_by=actor,
        )
        for start in starts
    ]
    sessions[0].full_clean()
    Session.objects.bulk_create(sessions)
    log_bulk_create(sessions, actor=actor)
    return sessions


def _check_session(data: SessionData) -> None:
    programme = data.programme
    if data.kind not in dict(session_kinds(programme)):
        raise ValidationError(
            {"kind": _("This programme's model does not schedule sessions of this kind.")}, code="kind"
        )
    if data.group is not None and data.group.programme_id != programme.pk:
        raise ValidationError({"group": _("The group belongs to another programme.")}, code="group")
    if data.activity is not None and data.activity.programme_id != programme.pk:
        raise ValidationError({"activity": _("The activity belongs to another programme.")}, code="activity")
    if data.venue is not None and data.venue.organisation_id != programme.organisation_id:
        raise ValidationError({"venue": _("Choose a venue of the programme's organisation.")}, code="venue")
    if data.ends_at <= data.starts_at:
        raise ValidationError({"ends_at": _("A session ends after it starts.")}, code="ends_first")
    if data.ends_at - data.starts_at > timedelta(hours=24):
        raise ValidationError({"ends_at": _("A session lasts at most a day.")}, code="too_long")
    if data.planned_hours > Decimal((data.ends_at - data.starts_at) / timedelta(hours=1)):
        raise ValidationError(
            {"planned_hours": _("The planned hours are more than the session lasts.")}, code="planned_hours"
        )


def _check_leader(data: SessionData, days: list[date]) -> None:
    """The leader holds a role that leads this kind on every day of the sessions, with the
    qualification the programme requires for it (``policy.missing_qualification``)."""
    roles = data.programme.staff_roles.filter(user=data.leader)
    allowed = roles_leading(data.programme, data.kind)
    if allowed is not None:
        roles = roles.filter(role__in=allowed)
    periods = list(roles.values_list("role", "starts_on", "ends_on"))
    missing = _Qualifications(data)
    for when in sorted(days):
        held = {role for role, start, end in periods if start <= when and (end is None or when <= end)}
        if not held:
            raise ValidationError(
                {
                    "leader": _(
                        "%(person)s holds no role of this programme that leads this kind of session "
                        "on %(date)s."
                    )
                    % {"person": data.leader.get_full_name() or data.leader.username, "date": day(when)}
                },
                code="not_a_leader",
            )
        reasons = [missing.on(role, when) for role in sorted(held)]
        if all(reasons):
            raise ValidationError({"leader": reasons[0]}, code="missing_qualification")


class _Qualifications:
    """What the leader lacks for a role on a day, asked of the policy once per role: a
    qualification once had is kept, so a role met on its first day of the series is met on the
    later ones, and only a role not yet met is asked again day by day."""

    def __init__(self, data: SessionData) -> None:
        self.data = data
        self.met: set[str] = set()

    def on(self, role: str, when: date) -> str | None:
        if role in self.met:
            return None
        reason = policy.missing_qualification(self.data.leader, self.data.programme, role, when)
        if reason is None:
            self.met.add(role)
        return reason


@transaction.atomic
def activity_create(
    *, actor: User | None, programme: Programme, title: str, description: str = "", builds_towards: str = ""
) -> Activity:
    _require(actor, "session.manage", programme)
    activity = Activity(
        programme=programme,
        title=title.strip(),
        description=description.strip(),
        builds_towards=builds_towards.strip(),
    )
    activity.full_clean()
    activity.save()
    return activity


# --- Attendance ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Mark:
    participant_id: int
    present: bool
    hours: Decimal = Decimal(0)
    mode: str = AttendanceMode.ON_SITE


def roster(session: Session) -> list[Participant]:
    """The people whose attendance is marked: enrolled in the session's group (or programme)."""
    enrolments = session.programme.enrolments.filter(status=EnrolmentStatus.ENROLLED)
    if session.group_id is not None:
        enrolments = enrolments.filter(group_id=session.group_id)
    return list(
        Participant.objects.filter(pk__in=enrolments.values("participant_id")).order_by(
            "last_name", "first_name", "pk"
        )
    )


def may_mark(user: User, session: Session) -> bool:
    return session.leader_id == user.pk or policy.can(user, "session.manage", session)


@transaction.atomic
def attendance_record(*, actor: User | None, session: Session, marks: Sequence[Mark]) -> list[Attendance]:
    """The leader marks who came, everyone at once; the marks replace the earlier ones."""
    if actor is not None and not (
        policy.can(actor, "attendance.record", session) and may_mark(actor, session)
    ):
        raise PermissionDenied
    allowed = {person.pk: person for person in roster(session)}
    length = session.length_hours
    for mark in marks:
        if mark.participant_id not in allowed:
            raise ValidationError(
                {
                    "participant": _("Person no. %(pk)s is not in this session's group.")
                    % {"pk": mark.participant_id}
                },
                code="not_in_group",
            )
        if mark.hours < 0 or mark.hours > length:
            raise ValidationError(
                {
                    "hours": _("%(person)s: at most %(hours)s hours, the length of the session.")
                    % {"person": allowed[mark.participant_id], "hours": length}
                },
                code="hours_above_length",
            )
        if mark.mode not in AttendanceMode.values:
            raise ValidationError({"mode": _("Choose on site or remote.")}, code="mode")
    existing = {row.participant_id: row for row in session.attendances.all()}
    now = timezone.now()
    changed, created = [], []
    for mark in marks:
        hours = mark.hours if mark.present else Decimal(0)
        row = existing.get(mark.participant_id)
        if row is None:
            created.append(
                Attendance(
                    session=session,
                    participant=allowed[mark.participant_id],
                    present=mark.present,
                    hours=hours,
                    mode=mark.mode,
                    recorded_by=actor,
                    recorded_at=now,
                )
            )
        elif (row.present, row.hours, row.mode) != (mark.present, hours, mark.mode):
            row.present, row.hours, row.mode, row.recorded_by, row.recorded_at = (
                mark.present,
                hours,
                mark.mode,
                actor,
                now,
            )
            # The person as the roster read them: the audit entry names them without a query each.
            row.participant = allowed[mark.participant_id]
            changed.append(row)
    Attendance.objects.bulk_create(created)
    log_bulk_create(created, actor=actor)
    if changed:
        Attendance.objects.bulk_update(changed, ["present", "hours", "mode", "recorded_by", "recorded_at"])
        log_bulk_create(changed, actor=actor)  # the marks as they now stand, one entry per row
    attendance_months_recount(session=session, participant_ids=[mark.participant_id for mark in marks])
    return created + changed


# --- Attendance by month (kept on write) ---------------------------------------------------

MONTH_COLUMNS = ("participant_id", "programme_id", "month", "present_sessions", "hours")


def present_by_month(marks: QuerySet[Attendance]) -> QuerySet[Any, Any]:
    """The marks' present sessions and hours per person, programme and month (in Warsaw), in the
    columns of ``AttendanceMonth``: the one definition the write and the rebuild both use."""
    return (
        marks.filter(present=True)
        .annotate(
            month=TruncMonth(
                "session__starts_at", output_field=DateField(), tzinfo=timezone.get_default_timezone()
            ),
        )
        .values("participant_id", "session__programme_id", "month")
        .annotate(present_sessions=Count("pk"), hours_total=Sum("hours"))
        .order_by()
    )


def _insert_counted(marks: QuerySet[Attendance]) -> None:
    """``INSERT … SELECT`` of ``present_by_month(marks)``: one statement, counted by the database."""
    sql, params = present_by_month(marks).query.sql_with_params()
    table = AttendanceMonth._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(MONTH_COLUMNS)}) {sql}", params)


def month_bounds(moment: datetime) -> tuple[date, datetime, datetime]:
    """The month a moment falls in (in Warsaw): its first day, its first moment, the next's."""
    first = timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    zone = timezone.get_default_timezone()
    return (
        first,
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(following, time.min, tzinfo=zone),
    )


def attendance_months_recount(*, session: Session, participant_ids: Sequence[int]) -> None:
    """Counts again, from their marks, the month of ``session``'s programme for these people."""
    if not participant_ids:
        return
    month, start, end = month_bounds(session.starts_at)
    AttendanceMonth.objects.filter(
        programme_id=session.programme_id, month=month, participant_id__in=participant_ids
    ).delete()
    _insert_counted(
        Attendance.objects.filter(
            session__programme_id=session.programme_id,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
            participant_id__in=participant_ids,
        )
    )


@transaction.atomic
def attendance_months_rebuild() -> int:
    """Every person's months counted again from all the marks (after a bulk load); their number."""
    AttendanceMonth.objects.all().delete()
    _insert_counted(Attendance.objects.all())
    return AttendanceMonth.objects.count()


# --- Calendar feeds ------------------------------------------------------------------------


@transaction.atomic
def feed_token_create(*, owner: User, scope: str, object_id: int) -> CalendarFeedToken:
    """The private address of a calendar the owner may see (the caller has checked that)."""
    token = CalendarFeedToken(owner=owner, scope=scope, object_id=object_id, token=secrets.token_urlsafe(32))
    token.full_clean()
    token.save()
    return token


@transaction.atomic
def feed_token_revoke(*, owner: User, token: CalendarFeedToken) -> CalendarFeedToken:
    if token.owner_id != owner.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


# --- Proposals and votes -------------------------------------------------------------------


@transaction.atomic
def voting_round_open(
    *, actor: User | None, programme: Programme, title: str, opens_at: datetime, closes_at: datetime
) -> VotingRound:
    _require(actor, "session.manage", programme)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("Voting closes after it opens.")}, code="closes_first")
    voting = VotingRound(programme=programme, title=title.strip(), opens_at=opens_at, closes_at=closes_at)
    voting.full_clean()
    voting.save()
    return voting


def acts_as_herself(actor: User, participant: Participant) -> bool:
    """The user is the person, signed in with the participant account linked to her record."""
    return participant.account_id == actor.pk and policy.can(actor, "own_page.view", participant)


def member_act_check(actor: User | None, voting: VotingRound, participant: Participant | None) -> None:
    """Who may propose or vote in a member's name: she herself (her own account), or staff of
    the club's organisation recording it for her. Anyone else is refused."""
    if actor is None or (participant is not None and acts_as_herself(actor, participant)):
        return
    _require(actor, "attendance.record", voting)


def vote_check(*, actor: User | None, voting: VotingRound, participant: Participant, field: str) -> None:
    """The rule of every vote, cast or changed, by the member or by staff for her: only in a
    round of a club she is a member of, only while it is open (the refusal names ``field``)."""
    member_act_check(actor, voting, participant)
    _member(voting, participant, "participant")
    _open(voting, field)


def _member(voting: VotingRound, participant: Participant, field: str) -> None:
    if not VotingRound.objects.of_member(participant).filter(pk=voting.pk).exists():
        raise ValidationError(
            {field: _("%(person)s is not a member of this club.") % {"person": participant}},
            code="not_member",
        )


def _open(voting: VotingRound, field: str) -> None:
    now = timezone.now()
    if now < voting.opens_at:
        raise ValidationError({field: _("Voting has not opened yet.")}, code="not_open")
    if now >= voting.closes_at:
        raise ValidationError(
            {
                field: _("Voting closed on %(date)s.")
                % {"date": day(timezone.localtime(voting.closes_at).date())}
            },
            code="closed",
        )


@dataclass(frozen=True, kw_only=True)
class ProposalData:
    title: str
    description: str = ""
    builds_towards: str = ""
    proposed_by: Participant | None = None


@transaction.atomic
def proposal_create(*, actor: User | None, voting: VotingRound, data: ProposalData) -> Proposal:
    """A member (by herself, or recorded by staff) or a worker proposes while voting is open."""
    member_act_check(actor, voting, data.proposed_by)
    _open(voting, "title")
    by_herself = (
        actor is not None and data.proposed_by is not None and acts_as_herself(actor, data.proposed_by)
    )
    if data.proposed_by is not None:
        _member(voting, data.proposed_by, "proposed_by")
    proposal = Proposal(
        round=voting,
        title=data.title.strip(),
        description=data.description.strip(),
        builds_towards=data.builds_towards.strip(),
        proposed_by=data.proposed_by,
        proposed_by_worker=None if by_herself else actor,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def vote_cast(
    *, actor: User | None, proposal: Proposal, participant: Participant, in_favour: bool = True
) -> Vote:
    """One vote per member per proposal (``vote_check`` says who and when)."""
    voting = VotingRound.objects.select_for_update().get(pk=proposal.round_id)
    vote_check(actor=actor, voting=voting, participant=participant, field="proposal")
    if proposal.votes.filter(participant=participant).exists():
        raise ValidationError(
            {
                "proposal": _("%(person)s has already voted on “%(proposal)s”: change that vote instead.")
                % {"person": participant, "proposal": proposal}
            },
            code="second_vote",
        )
    vote = Vote(proposal=proposal, participant=participant, in_favour=in_favour, cast_at=timezone.now())
    vote.full_clean()
    vote.save()
    return vote


@transaction.atomic
def vote_change(*, actor: User | None, vote: Vote, in_favour: bool) -> Vote:
    """A member changes her vote, until the round closes (``vote_check``)."""
    voting = VotingRound.objects.select_for_update().get(pk=vote.proposal.round_id)
    vote_check(actor=actor, voting=voting, participant=vote.participant, field="in_favour")
    vote.in_favour, vote.changed_at = in_favour, timezone.now()
    vote.save(update_fields=["in_favour", "changed_at"])
    return vote


@transaction.atomic
def voting_round_accept(
    *, actor: User | None, voting: VotingRound, winners: Sequence[Proposal]
) -> list[Activity]:
    """After the close, the chosen proposals become activities of the programme, the others are
    not chosen, and the results are published."""
    _require(actor, "session.manage", voting)
    if timezone.now() < voting.closes_at:
        raise ValidationError({"winners": _("Accept the winners once voting has closed.")}, code="still_open")
    if voting.published_at is not None:
        raise ValidationError({"winners": _("The results are already published.")}, code="published")
    chosen = {proposal.pk for proposal in winners}
    activities = []
    for proposal in voting.proposals.order_by("pk"):
        if proposal.pk in chosen:
            activity = activity_create(
                actor=actor,
                programme=voting.programme,
                title=proposal.title,
                description=proposal.description,
                builds_towards=proposal.builds_towards,
            )
            proposal.status, proposal.activity = ProposalStatus.ACCEPTED, activity
            activities.append(activity)
        else:
            proposal.status = ProposalStatus.DECLINED
        proposal.save(update_fields=["status", "activity"])
    voting.published_at = timezone.now()
    voting.save(update_fields=["published_at"])
    return activities
