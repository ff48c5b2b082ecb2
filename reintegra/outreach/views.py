"""Mobile teams' pages: the teams, a team with its members, days and locations, planning a week,
the plan with each day's route, and the team's calendar. Thin: parse, call a service or a
selector, render."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from reintegra import tables
from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.collation import by_name
from reintegra.confirm import confirm_page
from reintegra.forms import add_service_error
from reintegra.outreach import selectors, services
from reintegra.outreach.forms import DaysForm, LocationsForm, MembersForm, PlanForm, TeamForm
from reintegra.outreach.models import MobileTeam, PlanStatus

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@requires("outreach.view")
@require_GET
def team_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "teams": selectors.team_list_for_user(request.user),
        "may_create": policy.holds_anywhere(request.user, "outreach.manage"),
    }
    return render(request, "outreach/team_list.html", context)


def _team_table(teams: list[MobileTeam]) -> tuple[list[str], list[list[str]]]:
    headers = [
        _("Name"),
        _("Programme"),
        _("Vehicle"),
        _("Registration number"),
        _("Base"),
        _("Members"),
        _("Locations"),
    ]
    rows = [
        [
            team.name,
            str(team.programme),
            team.vehicle,
            team.registration,
            team.base_name,
            str(getattr(team, "member_count", "")),
            str(getattr(team, "location_count", "")),
        ]
        for team in teams
    ]
    return headers, rows


@requires("outreach.view")
@require_GET
def team_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    headers, rows = _team_table(list(selectors.team_list_for_user(request.user)))
    if fmt == "xlsx":
        response = HttpResponse(tables.as_xlsx(_("Mobile teams"), headers, rows), content_type=XLSX)
    else:
        response = HttpResponse(tables.as_csv(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mobile-teams.{fmt}"'
    return response


@requires("outreach.manage")
@require_http_methods(["GET", "POST"])
def team_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(
        policy.organisations_where(request.user, "outreach.manage").order_by(*by_name("name"))
    )
    form = TeamForm(
        request.POST or None,
        organisations=organisations,
        programmes=selectors.programmes_for_teams(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                actor=request.user, organisation=form.cleaned_data["organisation"], data=form.team_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The team was set up. Add its members, working days and locations."))
            return redirect("outreach:team_detail", team.pk)
    return render(request, "outreach/team_form.html", {"form": form})


@requires("outreach.manage")
@require_http_methods(["GET", "POST"])
def team_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = selectors.team_get_for_user(request.user, pk, permission="outreach.manage")
    initial = {name: getattr(team, name) for name in services.TEAM_FIELDS}
    form = TeamForm(
        request.POST or None,
        initial=initial,
        organisations=[team.organisation],
        programmes=selectors.programmes_for_teams(request.user).filter(organisation=team.organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(actor=request.user, team=team, data=form.team_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("outreach:team_detail", team.pk)
    return render(request, "outreach/team_form.html", {"form": form, "team": team})


@requires("outreach.view")
@require_GET
def team_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = selectors.team_get_for_user(request.user, pk)
    context = {
        "team": team,
        "page": selectors.team_page(team),
        "may_manage": policy.can(request.user, "outreach.manage", team),
    }
    return render(request, "outreach/team_detail.html", context)


def _team_action(request: AuthenticatedRequest, team: MobileTeam, form: object, title: str) -> HttpResponse:
    context = {"team": team, "form": form, "title": title}
    return render(
        request, "outreach/team_action.html", context, status=400 if request.method == "POST" else 200
    )


@requires("outreach.manage")
@require_http_methods(["GET", "POST"])
def members_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = selectors.team_get_for_user(request.user, pk, permission="outreach.manage")
    members = list(team.members.all())
    leader = next((row.user_id for row in members if row.leads), None)
    initial = {"users": [row.user_id for row in members], "leader": leader}
    form = MembersForm(request.POST or None, initial=initial, staff=selectors.staff_of(team))
    if request.method == "POST" and form.is_valid():
        try:
            services.members_set(
                actor=request.user,
                team=team,
                users=list(form.cleaned_data["users"]),
                leader=form.cleaned_data["leader"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The team's members were saved."))
            return redirect("outreach:team_detail", team.pk)
    return _team_action(request, team, form, _("The team's members"))


@requires("outreach.manage")
@require_http_methods(["GET", "POST"])
def days_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = selectors.team_get_for_user(request.user, pk, permission="outreach.manage")
    form = DaysForm(request.POST or None, initial={"days": DaysForm.days_text(team)})
    if request.method == "POST" and form.is_valid():
        try:
            services.working_days_set(actor=request.user, team=team, days=form.cleaned_data["days"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The team's working days were saved."))
            return redirect("outreach:team_detail", team.pk)
    return _team_action(request, team, form, _("The team's working days"))


@requires("outreach.manage")
@require_http_methods(["GET", "POST"])
def locations_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = selectors.team_get_for_user(request.user, pk, permission="outreach.manage")
    initial = {"venues": [row.venue_id for row in team.locations.all()]}
    form = LocationsForm(request.POST or None, initial=initial, venues=selectors.venues_of(team))
    if request.method == "POST" and form.is_valid():
        try:
            services.locations_set(actor=request.user, team=team, venues=list(form.cleaned_data["venues"]))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The team's locations were saved."))
            return redirect("outreach:team_detail", team.pk)
    return _team_action(request, team, form, _("The team's locations"))


# --- Plans ---------------------------------------------------------------------------------


def _next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


@requires("outreach.manage")
@require_http_methods(["GET", "POST"])
def plan_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Plan a week: the form asks for its first day; the planner's answer, or why it has none."""
    team = selectors.team_get_for_user(request.user, pk, permission="outreach.manage")
    form = PlanForm(request.POST or None, initial={"first_day": _next_monday()})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_week(actor=request.user, team=team, first_day=form.cleaned_data["first_day"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The week was planned. Check the routes and accept the plan."))
            return redirect("outreach:plan_detail", plan.pk)
    return _team_action(request, team, form, _("Plan a week"))


@requires("outreach.view")
@require_GET
def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, pk)
    context = {
        "plan": plan,
        "team": plan.team,
        "days": selectors.plan_days(plan),
        "left_out": selectors.left_out(plan),
        "idle_days": selectors.idle_days(plan),
        "km": selectors.km(plan.metres),
        "may_accept": plan.status == PlanStatus.DRAFT and policy.can(request.user, "outreach.manage", plan),
    }
    return render(request, "outreach/plan_detail.html", context)


@requires("outreach.manage")
@require_http_methods(["GET", "POST"])
def plan_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, pk, permission="outreach.manage")
    back = reverse("outreach:plan_detail", args=[plan.pk])
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Accept the plan and put it on the calendar?"),
            question=_(
                "Each planned visit becomes a session on the calendar of the team's leader and of the hall."
            ),
            confirm_label=_("Accept and put on the calendar"),
            back=back,
        )
    try:
        sessions = services.plan_accept(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(
        request,
        ngettext(
            "%(count)d visit was put on the calendar.",
            "%(count)d visits were put on the calendar.",
            len(sessions),
        )
        % {"count": len(sessions)},
    )
    return redirect(reverse("outreach:team_calendar", args=[plan.team_id]) + f"?day={plan.week_starts}")


@requires("outreach.view")
@require_GET
def team_calendar(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    team = selectors.team_get_for_user(request.user, pk)
    try:
        anchor = date.fromisoformat(request.GET.get("day", "")[:10])
    except ValueError:
        anchor = timezone.localdate()
    if not date(2000, 1, 1) <= anchor <= date(2100, 12, 31):
        anchor = timezone.localdate()
    monday = selectors.week_start(anchor)
    days = selectors.team_week(request.user, team, anchor)
    context = {
        "team": team,
        "monday": monday,
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
        "days": days,
        "has_sessions": any(day.sessions for day in days),
    }
    if not context["has_sessions"]:
        context["next_visit"] = selectors.team_next_visit_day(
            request.user, team, after=monday + timedelta(days=6)
        )
    return render(request, "outreach/team_calendar.html", context)
