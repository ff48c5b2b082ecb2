"""Reads of mobile teams, their plans and their calendar, scoped to the requesting user.

A team or plan of an organisation where the user holds no role that sees it answers ``Http404``,
as one that does not exist. Nothing here shows a person: plans count the people of a gmina, and
the team's members are staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, User
from reintegra.activities.models import OpeningHours, Session, Venue
from reintegra.collation import by_name
from reintegra.dates import WEEKDAYS, day
from reintegra.outreach import route_picture
from reintegra.outreach.models import MobileTeam, TeamLocation, VisitPlan
from reintegra.outreach.services import idle_message, planner_message
from reintegra.programmes.models import Programme


def team_list_for_user(user: User) -> QuerySet[MobileTeam]:
    return (
        MobileTeam.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "outreach.view"))
        .select_related("organisation", "programme")
        .annotate(
            member_count=Count("members", distinct=True), location_count=Count("locations", distinct=True)
        )
        .order_by(*by_name("name"), "pk")
    )


def team_get_for_user(user: User, pk: int, *, permission: str = "outreach.view") -> MobileTeam:
    team = MobileTeam.objects.select_related("organisation", "programme__template").filter(pk=pk).first()
    if team is None or not policy.can(user, permission, team):
        raise Http404
    return team


def plan_get_for_user(user: User, pk: int, *, permission: str = "outreach.view") -> VisitPlan:
    plan = (
        VisitPlan.objects.select_related("team__organisation", "team__programme", "created_by")
        .filter(pk=pk)
        .first()
    )
    if plan is None or not policy.can(user, permission, plan):
        raise Http404
    return plan


def programmes_for_teams(user: User) -> QuerySet[Programme]:
    return (
        Programme.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "outreach.manage"))
        .select_related("organisation")
        .order_by(*by_name("name"), "pk")
    )


def staff_of(team: MobileTeam) -> QuerySet[User]:
    """Who may be on the team: the staff of its organisation."""
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.in_force()
        .filter(organisation_id=team.organisation_id, role__in=policy.STAFF_ROLES)
        .values("user_id"),
    ).order_by(*by_name("last_name", "first_name"), "pk")


def venues_of(team: MobileTeam) -> QuerySet[Venue]:
    return (
        Venue.objects.filter(organisation_id=team.organisation_id)
        .select_related("gmina")
        .order_by(*by_name("name"), "pk")
    )


@dataclass(frozen=True)
class LocationRow:
    venue: Venue
    opening_hours: list[OpeningHours]

    @property
    def has_coordinates(self) -> bool:
        return self.venue.latitude is not None and self.venue.longitude is not None


@dataclass(frozen=True)
class TeamPage:
    members: list[Any]
    days: list[Any]
    locations: list[LocationRow]
    plans: list[VisitPlan]


def team_page(team: MobileTeam) -> TeamPage:
    """The team's members, working days, locations with their opening hours, latest plans."""
    locations = list(
        TeamLocation.objects.filter(team=team)
        .select_related("venue__gmina")
        .prefetch_related("venue__opening_hours")
        .order_by(*by_name("venue__name"), "pk")
    )
    return TeamPage(
        members=list(team.members.select_related("user")),
        days=list(team.working_days.all()),
        locations=[LocationRow(row.venue, list(row.venue.opening_hours.all())) for row in locations],
        plans=list(team.plans.select_related("created_by")[:20]),
    )


# --- Routes and pictures -------------------------------------------------------------------


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def km(metres: int) -> str:
    return f"{metres / 1000:.1f}".replace(".", ",")


_km = km


def idle_days(plan: VisitPlan) -> list[tuple[date, str]]:
    """The working days of the plan without a visit, and why."""
    return [
        (date.fromisoformat(row["date"]), idle_message(row.get("reason", "")))
        for row in (plan.routes or {}).get("idle", [])
    ]


def left_out(plan: VisitPlan) -> list[str]:
    """What the plan does not visit, and why, in words."""
    return [
        planner_message(row.get("reason", ""), {"name": row.get("name", ""), "key": row.get("key", "")})
        for row in plan.left_out or []
    ]


@dataclass(frozen=True)
class StopRow:
    number: int
    name: str
    town: str
    arrives: str
    leaves: str
    km: str
    session: Session | None = None


@dataclass
class RouteDay:
    date: date
    picture: SafeString
    stops: list[StopRow]
    km: str
    back_km: str = ""
    sessions: list[Session] = field(default_factory=list)


def picture(key: str, when: date, base: route_picture.Point, stops: list[route_picture.Point]) -> SafeString:
    weekday = str(WEEKDAYS[when.weekday()])
    names = ", ".join(f"{number}. {stop.label}" for number, stop in enumerate(stops, start=1))
    words = route_picture.Words(
        title=_("Route on %(weekday)s %(date)s") % {"weekday": weekday, "date": day(when)},
        description=_("From %(base)s: %(stops)s; back to %(base)s.") % {"base": base.label, "stops": names},
        km=_("km"),
    )
    return mark_safe(route_picture.route_svg(base, stops, words, key=key))  # noqa: S308 - escaped XML


def plan_days(plan: VisitPlan) -> list[RouteDay]:
    """Each day of the plan: its picture and its table of stops (times, km from the previous)."""
    routes = plan.routes or {}
    base_data = routes.get("base") or {}
    base = route_picture.Point(
        base_data.get("name", ""), base_data.get("latitude", 0), base_data.get("longitude", 0)
    )
    days = []
    for index, route in enumerate(routes.get("days", [])):
        when = date.fromisoformat(route["date"])
        visits = route["visits"]
        stops = [
            route_picture.Point(visit["name"], visit["latitude"], visit["longitude"]) for visit in visits
        ]
        rows = [
            StopRow(
                number,
                visit["name"],
                visit.get("town", ""),
                _clock(visit["arrives"]),
                _clock(visit["leaves"]),
                _km(visit["metres"]),
            )
            for number, visit in enumerate(visits, start=1)
        ]
        days.append(
            RouteDay(
                when,
                picture(f"plan-{plan.pk}-{index}", when, base, stops),
                rows,
                _km(route["metres"]),
                _km(route.get("back_metres", 0)),
            )
        )
    return days


def week_start(anchor: date) -> date:
    return anchor - timedelta(days=anchor.weekday())


def team_next_visit_day(user: User, team: MobileTeam, *, after: date) -> date | None:
    """The day of the team's first visit after the given day, for a calendar week without any."""
    zone = timezone.get_current_timezone()
    first = (
        Session.objects.filter(
            planned_visit__plan__team=team,
            starts_at__gte=datetime.combine(after + timedelta(days=1), time(), tzinfo=zone),
            programme__organisation_id__in=policy.organisation_ids_where(user, "session.view"),
        )
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    return timezone.localtime(first).date() if first else None


def team_week(user: User, team: MobileTeam, anchor: date) -> list[RouteDay]:
    """The team's sessions (those its accepted plans put on the calendar) of the week of the
    anchor, day by day, each day's with the picture of its route from the base."""
    monday = week_start(anchor)
    zone = timezone.get_current_timezone()
    sessions = (
        Session.objects.filter(
            planned_visit__plan__team=team,
            starts_at__gte=datetime.combine(monday, time(), tzinfo=zone),
            starts_at__lt=datetime.combine(monday + timedelta(days=7), time(), tzinfo=zone),
            programme__organisation_id__in=policy.organisation_ids_where(user, "session.view"),
        )
        .select_related("venue", "leader")
        .order_by("starts_at", "pk")
    )
    by_day: dict[date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    base = route_picture.Point(
        team.base_name, float(team.base_latitude or 0), float(team.base_longitude or 0)
    )
    days = []
    for offset in range(7):
        when = monday + timedelta(days=offset)
        today = by_day.get(when, [])
        placed = [
            s for s in today if s.venue and s.venue.latitude is not None and s.venue.longitude is not None
        ]
        stops = [
            route_picture.Point(s.venue.name, float(s.venue.latitude), float(s.venue.longitude))  # type: ignore[union-attr]
            for s in placed
        ]
        rows = [
            StopRow(
                number,
                str(session.venue or ""),
                session.venue.town if session.venue else "",
                timezone.localtime(session.starts_at).strftime("%H:%M"),
                timezone.localtime(session.ends_at).strftime("%H:%M"),
                "",
                session,
            )
            for number, session in enumerate(today, start=1)
        ]
        image = picture(f"week-{team.pk}-{offset}", when, base, stops) if stops else SafeString("")
        days.append(RouteDay(when, image, rows, "", sessions=today))
    return days
