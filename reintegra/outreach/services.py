"""Writes to mobile teams and their visit plans: each a transaction, checked against the
policy (``outreach.manage``), audited (django-auditlog).

The rules these services enforce:

* a team belongs to one organisation and serves one of its programmes; it starts and ends each
  working day at its base, whose coordinators give with coordinates;
* its members are staff of the organisation (a role in force there); one of them leads its
  sessions and must be allowed to lead mobile-centre visits of the programme
  (``programmes.services.may_lead``): a member who may not is refused by name;
* a working day is a weekday, once, that ends after it starts;
* its locations are venues of the organisation: another organisation's venue is refused by name;
* a week's plan (``plan_week``) covers the gminas where the programme's enrolled and recruited
  people live (applied, eligible, offered a place, enrolled), one hall in each, on the team's
  working days of that week, each visit while its hall is open, no other session is booked
  there and the team's leader leads no other session; what cannot be planned is said by name
  (the team without working hours, the hall without coordinates, the gmina without a hall, the
  day when no hall is free, what the planner left out and why), never an empty plan;
* accepting a plan (``plan_accept``) puts one mobile-centre visit per planned stop on the
  calendar, led by the team's leading member, all in one transaction; a visit that now clashes
  with another session at the hall or of the leader refuses the whole plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, User
from reintegra.activities import services as activity_services
from reintegra.activities.models import OpeningHours, Session, SessionKind, Venue
from reintegra.dates import day
from reintegra.outreach import planner
from reintegra.outreach.models import (
    DEFAULT_SPEED_KMH,
    DEFAULT_VISIT_MINUTES,
    MobileTeam,
    PlannedVisit,
    PlanStatus,
    TeamLocation,
    TeamMember,
    VisitPlan,
    WorkingDay,
)
from reintegra.people.models import TercUnit
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from reintegra.programmes.services import may_lead

# Whom a week's visits are for: the people recruited (not yet assessed or waiting for a place)
# and those taking part.
PEOPLE_VISITED = (
    EnrolmentStatus.APPLIED,
    EnrolmentStatus.ELIGIBLE,
    EnrolmentStatus.OFFERED,
    EnrolmentStatus.ENROLLED,
)
DEFAULT_TIME_LIMIT_S = 5.0


def _require(actor: User | None, obj: policy.Scoped) -> None:
    if actor is not None and not policy.can(actor, "outreach.manage", obj):
        raise PermissionDenied


def _name(user: User) -> str:
    return user.get_full_name() or user.username


# --- Teams ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TeamData:
    programme: Programme
    name: str
    base_name: str
    base_latitude: Decimal | None
    base_longitude: Decimal | None
    vehicle: str = ""
    registration: str = ""
    visit_minutes: int = DEFAULT_VISIT_MINUTES
    speed_kmh: int = DEFAULT_SPEED_KMH


TEAM_FIELDS = tuple(TeamData.__dataclass_fields__)


def _check_team(organisation_id: int, data: TeamData) -> None:
    if data.programme.organisation_id != organisation_id:
        raise ValidationError(
            {"programme": _("Choose a programme of the team's organisation.")}, code="programme"
        )
    if data.base_latitude is None or data.base_longitude is None:
        raise ValidationError(
            {"base_latitude": _("Give the base's latitude and longitude: each day starts and ends there.")},
            code="base_without_coordinates",
        )


def _filled(team: MobileTeam, data: TeamData) -> MobileTeam:
    for name in TEAM_FIELDS:
        value = getattr(data, name)
        setattr(team, name, value.strip() if isinstance(value, str) else value)
    team.full_clean()
    return team


@transaction.atomic
def team_create(*, actor: User | None, organisation: Organisation, data: TeamData) -> MobileTeam:
    """A coordinator sets up a team of their organisation for one of its programmes."""
    _require(actor, organisation)
    _check_team(organisation.pk, data)
    team = _filled(MobileTeam(organisation=organisation), data)
    team.save()
    return team


@transaction.atomic
def team_update(*, actor: User | None, team: MobileTeam, data: TeamData) -> MobileTeam:
    _require(actor, team)
    _check_team(team.organisation_id, data)
    _filled(team, data).save(update_fields=list(TEAM_FIELDS))
    if team.programme_id != data.programme.pk:
        _check_leader(team, team.members.filter(leads=True).select_related("user").first())
    return team


@transaction.atomic
def members_set(
    *, actor: User | None, team: MobileTeam, users: Sequence[User], leader: User
) -> list[TeamMember]:
    """The team's members, replacing the earlier ones; ``leader`` (one of them) leads its visits."""
    _require(actor, team)
    staff = set(
        Membership.objects.in_force()
        .filter(organisation_id=team.organisation_id, role__in=policy.STAFF_ROLES)
        .values_list("user_id", flat=True)
    )
    for user in users:
        if user.pk not in staff or not user.is_active:
            raise ValidationError(
                {
                    "users": _("%(person)s is not on the staff of the team's organisation.")
                    % {"person": _name(user)}
                },
                code="not_staff",
            )
    if leader.pk not in {user.pk for user in users}:
        raise ValidationError({"leader": _("Choose the leader among the team's members.")}, code="leader")
    if not may_lead(leader, team.programme, SessionKind.MOBILE_VISIT):
        raise ValidationError({"leader": _leader_refused(team, leader)}, code="may_not_lead")
    team.members.all().delete()
    members = []
    for user in dict.fromkeys(users):
        member = TeamMember(team=team, user=user, leads=user.pk == leader.pk)
        member.full_clean()
        member.save()
        members.append(member)
    return members


def _leader_refused(team: MobileTeam, leader: User) -> str:
    return _(
        "%(person)s may not lead mobile-centre visits of %(programme)s: give them a role of the "
        "programme that leads them first."
    ) % {"person": _name(leader), "programme": team.programme}


def _check_leader(team: MobileTeam, member: TeamMember | None) -> None:
    if member is not None and not may_lead(member.user, team.programme, SessionKind.MOBILE_VISIT):
        raise ValidationError({"programme": _leader_refused(team, member.user)}, code="may_not_lead")


@dataclass(frozen=True, kw_only=True)
class Hours:
    weekday: int
    starts: time
    ends: time


@transaction.atomic
def working_days_set(*, actor: User | None, team: MobileTeam, days: Sequence[Hours]) -> list[WorkingDay]:
    """The weekdays the team works, each once, replacing the earlier ones."""
    _require(actor, team)
    weekdays = [hours.weekday for hours in days]
    if len(set(weekdays)) != len(weekdays):
        raise ValidationError({"days": _("Give each weekday once.")}, code="weekday_twice")
    for hours in days:
        if hours.ends <= hours.starts:
            raise ValidationError(
                {"days": _("On each day the work ends after it starts.")}, code="ends_first"
            )
    team.working_days.all().delete()
    rows = []
    for hours in days:
        row = WorkingDay(team=team, weekday=hours.weekday, starts=hours.starts, ends=hours.ends)
        row.full_clean()
        row.save()
        rows.append(row)
    return rows


@transaction.atomic
def locations_set(*, actor: User | None, team: MobileTeam, venues: Sequence[Venue]) -> list[TeamLocation]:
    """The venues the team may visit, all of its organisation, replacing the earlier ones."""
    _require(actor, team)
    for venue in venues:
        if venue.organisation_id != team.organisation_id:
            raise ValidationError(
                {"venues": _("%(venue)s is a venue of another organisation.") % {"venue": venue}},
                code="other_organisation",
            )
    team.locations.all().delete()
    rows = []
    for venue in dict.fromkeys(venues):
        row = TeamLocation(team=team, venue=venue)
        row.full_clean()
        row.save()
        rows.append(row)
    return rows


# --- Planning a week -----------------------------------------------------------------------


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def gminas_with_people(programme: Programme) -> dict[str, int]:
    """{gmina TERC code: number of people} of the programme's recruited and enrolled people."""
    counts: dict[str, int] = defaultdict(int)
    rows = Enrolment.objects.filter(
        programme=programme, status__in=PEOPLE_VISITED, participant__gmina__isnull=False
    ).values_list("participant__gmina_id", flat=True)
    for gmina_id in rows:
        counts[gmina_id] += 1
    return dict(counts)


def free_windows(
    venue: Venue, on: date, openings: Sequence[OpeningHours], busy: Sequence[Session]
) -> list[tuple[int, int]]:
    """The venue's opening hours that day minus the sessions already booked there, in minutes."""
    windows = [(_minutes(o.opens), _minutes(o.closes)) for o in openings if o.weekday == on.weekday()]
    for session in busy:
        start = timezone.localtime(session.starts_at)
        end = timezone.localtime(session.ends_at)
        taken = (
            _minutes(start.time()) if start.date() == on else 0,
            _minutes(end.time()) if end.date() == on else 24 * 60,
        )
        windows = [piece for window in windows for piece in _minus(window, taken)]
    return windows


def _minus(window: tuple[int, int], taken: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = window
    if taken[1] <= start or taken[0] >= end:
        return [window]
    return [piece for piece in ((start, taken[0]), (taken[1], end)) if piece[1] > piece[0]]


@dataclass
class _Week:
    """What a week's instance is made of, kept to turn the plan into routes."""

    dates: dict[int, date]
    venues: dict[str, Venue]
    gminas: dict[str, TercUnit]
    left_out: list[dict[str, str]]


def plan_week(
    *,
    actor: User | None,
    team: MobileTeam,
    first_day: date,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    distances: Sequence[Sequence[int]] | None = None,
) -> VisitPlan:
    """A draft plan of the week from ``first_day``: routes of the team's working days that visit
    one hall in each gmina where the programme's people live, with the fewest metres the planner
    finds. ``distances`` (metres, the base first, then the halls planned: the team's locations
    in the gminas with people, free at some time of the week, by name) replaces the straight
    lines, e.g. a road-distance matrix. The solver runs outside a transaction (it takes seconds
    and writes nothing); the plan is one insert."""
    _require(actor, team)
    instance, week = _instance(team, first_day, distances)
    try:
        plan = planner.solve(instance, time_limit_s=time_limit_s)
    except planner.PlanError as error:
        raise ValidationError(
            {"first_day": planner_message(error.code, _params(error.params, week))}, code=error.code
        ) from error
    left_out = week.left_out + [
        {"key": key, "reason": reason, "name": _label_of(key, week)} for key, reason in plan.left_out.items()
    ]
    visit_plan = VisitPlan(
        team=team,
        week_starts=first_day,
        status=PlanStatus.DRAFT,
        routes=_routes(team, plan, instance, week),
        left_out=left_out,
        metres=plan.metres,
        created_by=actor,
    )
    visit_plan.full_clean()
    visit_plan.save()
    return visit_plan


def _instance(
    team: MobileTeam, first_day: date, distances: Sequence[Sequence[int]] | None
) -> tuple[planner.Instance, _Week]:
    hours = list(team.working_days.all())
    if not hours:
        raise ValidationError(
            {
                "first_day": _("The team %(team)s has no working hours: give its working days first.")
                % {"team": team}
            },
            code="no_working_hours",
        )
    if team.base_latitude is None or team.base_longitude is None:
        raise ValidationError(
            {"first_day": _("The team's base %(base)s has no coordinates.") % {"base": team.base_name}},
            code="base_without_coordinates",
        )
    by_weekday = {row.weekday: row for row in hours}
    dates = {
        offset: first_day + timedelta(days=offset)
        for offset in range(7)
        if (first_day + timedelta(days=offset)).weekday() in by_weekday
    }
    days = [
        planner.Day(
            index=offset,
            starts=_minutes(by_weekday[on.weekday()].starts),
            ends=_minutes(by_weekday[on.weekday()].ends),
        )
        for offset, on in dates.items()
    ]
    people = gminas_with_people(team.programme)
    if not people:
        raise ValidationError(
            {
                "first_day": _(
                    "No one recruited to or enrolled in %(programme)s has a gmina of residence: "
                    "there is nowhere to plan visits to."
                )
                % {"programme": team.programme}
            },
            code="no_people",
        )
    venues = [
        location.venue
        for location in team.locations.select_related("venue__gmina").order_by("venue__name", "pk")
        if location.venue.gmina_id in people
    ]
    gminas = {unit.pk: unit for unit in TercUnit.objects.filter(pk__in=people)}
    uncovered = sorted(gminas[pk].name for pk in people if pk not in {venue.gmina_id for venue in venues})
    if uncovered:
        raise ValidationError(
            {
                "first_day": _(
                    "People of the programme live in %(gminas)s, where the team has no location: "
                    "add a hall there to the team's locations."
                )
                % {"gminas": ", ".join(uncovered)}
            },
            code="gmina_without_location",
        )
    for venue in venues:
        if venue.latitude is None or venue.longitude is None:
            raise ValidationError(
                {
                    "first_day": _("%(venue)s has no coordinates: give its latitude and longitude.")
                    % {"venue": venue}
                },
                code="location_without_coordinates",
            )
    leader = team.members.filter(leads=True).values_list("user_id", flat=True).first()
    free = _free_by_venue(venues, dates, team.visit_minutes, leader)
    # A day on which no hall is free is planned without visits and named on the plan (the
    # planner's ``idle_days``); only a week in which no day has a free hall is refused.
    busy = [on for offset, on in dates.items() if not any(free[venue.pk].get(offset) for venue in venues)]
    if len(busy) == len(dates):
        raise ValidationError(
            {
                "first_day": _(
                    "On %(dates)s none of the team's locations is free for a visit: "
                    "change the team's working days or the halls' opening hours."
                )
                % {"dates": ", ".join(day(on) for on in busy)}
            },
            code="no_location_free",
        )
    week = _Week(dates, {}, {str(unit.code): unit for unit in gminas.values()}, [])
    stops: list[planner.Stop] = []
    for venue in venues:
        if not free[venue.pk]:
            continue
        key = str(venue.pk)
        week.venues[key] = venue
        stops.append(
            planner.Stop(key=key, duration=team.visit_minutes, free=free[venue.pk], group=venue.gmina.code)
        )
    planned_gminas = {stop.group for stop in stops}
    for unit in sorted(gminas.values(), key=lambda unit: unit.name):
        if unit.code not in planned_gminas:
            week.left_out.append({"key": unit.code, "reason": planner.NEVER_FREE, "name": unit.name})
    points = [(float(team.base_latitude), float(team.base_longitude))] + [
        (float(week.venues[stop.key].latitude or 0), float(week.venues[stop.key].longitude or 0))
        for stop in stops
    ]
    matrix = planner.straight_line_matrix(points) if distances is None else _checked(distances, len(points))
    instance = planner.Instance(days=days, stops=stops, distances=matrix, speed_kmh=float(team.speed_kmh))
    return instance, week


def _checked(distances: Sequence[Sequence[int]], size: int) -> list[list[int]]:
    if len(distances) != size or any(len(row) != size for row in distances):
        raise ValidationError(
            {
                "first_day": _(
                    "The distance matrix must have a row and a column for the base and each location."
                )
            },
            code="matrix_size",
        )
    return [[int(value) for value in row] for row in distances]


def _free_by_venue(
    venues: Sequence[Venue], dates: dict[int, date], duration: int, leader_id: int | None
) -> dict[int, dict[int, list[tuple[int, int]]]]:
    """{venue id: {day index: windows long enough for a visit}}: each venue's opening hours
    minus the sessions booked there and minus the sessions its leader leads anywhere that day
    (the team cannot be in a hall while its leader is elsewhere), in three queries."""
    openings: dict[int, list[OpeningHours]] = defaultdict(list)
    for opening in OpeningHours.objects.filter(venue__in=venues):
        openings[opening.venue_id].append(opening)
    busy: dict[tuple[int, date], list[Session]] = defaultdict(list)
    if dates:
        zone = timezone.get_current_timezone()
        start = datetime.combine(min(dates.values()), time(), tzinfo=zone)
        end = datetime.combine(max(dates.values()) + timedelta(days=1), time(), tzinfo=zone)
        sessions = Session.objects.filter(starts_at__lt=end, ends_at__gt=start)
        led = sessions.filter(leader_id=leader_id) if leader_id is not None else sessions.none()
        for session in [*sessions.filter(venue__in=venues), *led]:
            for on in _days_of(session):
                for venue in venues if session.leader_id == leader_id else []:
                    busy[(venue.pk, on)].append(session)
                if session.leader_id != leader_id:
                    busy[(session.venue_id or 0, on)].append(session)
    free: dict[int, dict[int, list[tuple[int, int]]]] = {}
    for venue in venues:
        free[venue.pk] = {}
        for offset, on in dates.items():
            windows = [
                window
                for window in free_windows(venue, on, openings[venue.pk], busy[(venue.pk, on)])
                if window[1] - window[0] >= duration
            ]
            if windows:
                free[venue.pk][offset] = windows
    return free


def _days_of(session: Session) -> list[date]:
    first, last = timezone.localtime(session.starts_at).date(), timezone.localtime(session.ends_at).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _label_of(key: str, week: _Week) -> str:
    if key in week.venues:
        return str(week.venues[key])
    if key in week.gminas:
        return week.gminas[key].name
    return key


def _params(params: dict[str, object], week: _Week) -> dict[str, str]:
    named: dict[str, str] = {}
    for name, value in params.items():
        if name == "left_out" and isinstance(value, dict):
            named["reasons"] = " ".join(
                planner_message(reason, {"name": _label_of(key, week)}) for key, reason in value.items()
            )
        elif name == "day" and isinstance(value, int) and value in week.dates:
            named[name] = day(week.dates[value])
        elif isinstance(value, str):
            named[name] = _label_of(value, week)
        else:
            named[name] = str(value)
    return named


def planner_message(code: str, params: dict[str, str]) -> str:
    """Why the planner could not plan, or left a hall or gmina out, in words."""
    messages = {
        # What a single hall or gmina was left out for.
        planner.NEVER_FREE: _("%(name)s: no hall there is free on any of the team's working days this week."),
        planner.WINDOW_TOO_SHORT: _("%(name)s: the hall is free only for less time than a visit lasts."),
        planner.TOO_FAR: _("%(name)s: too far to drive there, visit and come back within a working day."),
        planner.DOES_NOT_FIT: _(
            "%(name)s: the working days are full; add working days or hours, or shorten the visits."
        ),
        # Why no plan could be made at all.
        "no_working_day": _("The team has no working day in this week."),
        "no_stops": _("There is no location to visit this week."),
        "day_without_hours": _("The working day %(day)s has no hours."),
        "nothing_fits": _("Not one visit fits into the team's working days: %(reasons)s"),
        "no_solution_in_time": _("The planner found no plan in time; try again or plan fewer halls."),
    }
    text = messages.get(code)
    if text is None:
        return _("The planner could not plan %(name)s (%(code)s).") % {
            "name": params.get("name") or params.get("key") or "—",
            "code": code,
        }
    try:
        return text % {"name": "—", "day": "—", "reasons": "", **params}
    except (KeyError, ValueError, TypeError):
        return text


def idle_message(code: str) -> str:
    """Why a working day of the plan has no visit."""
    messages = {
        planner.NOTHING_FREE: _("No hall is free that day."),
        planner.NOTHING_REACHABLE: _("Some halls are free, but no visit fits into the working day."),
        planner.NOT_NEEDED: _("Every hall that could be visited that day is visited on another day."),
    }
    return str(messages.get(code, code))


def _routes(team: MobileTeam, plan: planner.Plan, instance: planner.Instance, week: _Week) -> dict[str, Any]:
    index = {stop.key: position + 1 for position, stop in enumerate(instance.stops)}
    days = []
    for route in sorted(plan.routes, key=lambda route: route.day):
        if not route.visits:
            continue
        previous, visits = 0, []
        for visit in route.visits:
            venue = week.venues[visit.key]
            here = index[visit.key]
            visits.append(
                {
                    "venue": venue.pk,
                    "name": venue.name,
                    "town": venue.town,
                    "gmina": venue.gmina.name,
                    "latitude": float(venue.latitude or 0),
                    "longitude": float(venue.longitude or 0),
                    "arrives": visit.arrives,
                    "leaves": visit.leaves,
                    "metres": int(instance.distances[previous][here]),
                }
            )
            previous = here
        days.append(
            {
                "date": week.dates[route.day].isoformat(),
                "metres": route.metres,
                "back_metres": int(instance.distances[previous][0]),
                "visits": visits,
            }
        )
    return {
        "idle": [
            {"date": week.dates[index].isoformat(), "reason": reason}
            for index, reason in sorted(plan.idle_days.items())
            if index in week.dates
        ],
        "base": {
            "name": team.base_name,
            "latitude": float(team.base_latitude or 0),
            "longitude": float(team.base_longitude or 0),
        },
        "days": days,
    }


# --- Accepting a plan ----------------------------------------------------------------------


@transaction.atomic
def plan_accept(*, actor: User | None, plan: VisitPlan) -> list[Session]:
    """Every planned visit becomes a mobile-centre visit on the calendar, or none does."""
    plan = VisitPlan.objects.select_for_update().select_related("team__programme__template").get(pk=plan.pk)
    team = plan.team
    _require(actor, team)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("This plan has already been accepted."), code="accepted")
    member = team.members.filter(leads=True).select_related("user").first()
    if member is None:
        raise ValidationError(
            _("The team has no leading member: choose one among its members."), code="no_leader"
        )
    venues = Venue.objects.in_bulk(
        [visit["venue"] for route in plan.routes.get("days", []) for visit in route["visits"]]
    )
    zone = timezone.get_current_timezone()
    sessions: list[Session] = []
    for route in plan.routes.get("days", []):
        on = date.fromisoformat(route["date"])
        for visit in route["visits"]:
            venue = venues.get(visit["venue"])
            if venue is None:
                raise ValidationError(
                    _("A hall of this plan no longer exists: plan the week again."), code="venue_gone"
                )
            starts_at = datetime.combine(on, _clock(visit["arrives"]), tzinfo=zone)
            ends_at = datetime.combine(on, _clock(visit["leaves"]), tzinfo=zone)
            _check_clash(venue, member.user, starts_at, ends_at)
            sessions += activity_services.session_schedule(
                actor=actor,
                data=activity_services.SessionData(
                    programme=team.programme,
                    kind=SessionKind.MOBILE_VISIT,
                    title=_("Visit of %(team)s in %(town)s") % {"team": team.name, "town": venue.town},
                    leader=member.user,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    planned_hours=(Decimal(visit["leaves"] - visit["arrives"]) / 60).quantize(
                        Decimal("0.01"), rounding=ROUND_DOWN
                    ),
                    venue=venue,
                ),
            )
    for session in sessions:
        PlannedVisit.objects.create(plan=plan, session=session)
    plan.status = PlanStatus.ACCEPTED
    plan.accepted_at = timezone.now()
    plan.save(update_fields=["status", "accepted_at"])
    return sessions


def _check_clash(venue: Venue, leader: User, starts_at: datetime, ends_at: datetime) -> None:
    clash = (
        Session.objects.filter(
            Q(venue=venue) | Q(leader=leader), starts_at__lt=ends_at, ends_at__gt=starts_at
        )
        .select_related("venue")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _(
                "%(session)s on %(date)s from %(start)s to %(end)s now clashes with the visit to %(venue)s: "
                "plan the week again."
            )
            % {
                "session": clash,
                "date": day(timezone.localdate(clash.starts_at)),
                "start": timezone.localtime(clash.starts_at).strftime("%H:%M"),
                "end": timezone.localtime(clash.ends_at).strftime("%H:%M"),
                "venue": venue,
            },
            code="clash",
        )
