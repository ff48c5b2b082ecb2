"""Venue, session, calendar and attendance pages. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import public, requires
from reintegra.activities import ical, selectors, services
from reintegra.activities.forms import (
    BookingForm,
    ProposalForm,
    ResourceForm,
    SessionForm,
    VenueForm,
    VisitForm,
    VoteForm,
    VotingRoundForm,
)
from reintegra.activities.models import AttendanceMode, FeedScope, Session
from reintegra.attachments.forms import AttachmentForm
from reintegra.collation import by_name
from reintegra.confirm import confirm_page
from reintegra.documents import pdf_response
from reintegra.forms import add_service_error

# --- Venues --------------------------------------------------------------------------------


@requires("venue.view")
@require_GET
def venue_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "venues": selectors.venue_list_for_user(request.user),
        "may_create": policy.holds_anywhere(request.user, "venue.manage"),
    }
    return render(request, "activities/venue_list.html", context)


@requires("venue.manage")
@require_http_methods(["GET", "POST"])
def venue_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(policy.organisations_where(request.user, "venue.manage").order_by(*by_name("name")))
    form = VenueForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            venue = services.venue_create(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                data=form.venue_data(),
                opening_hours=form.cleaned_data["opening_hours"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The venue was added."))
            return redirect("activities:venue_detail", venue.pk)
    return render(request, "activities/venue_form.html", {"form": form})


@requires("venue.manage")
@require_http_methods(["GET", "POST"])
def venue_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for_user(request.user, pk, permission="venue.manage")
    initial = {name: getattr(venue, name) for name in services.VENUE_FIELDS}
    initial.update(gmina=venue.gmina_id, opening_hours=VenueForm.opening_text(venue))
    form = VenueForm(request.POST or None, initial=initial, organisations=[venue.organisation])
    if request.method == "POST" and form.is_valid():
        try:
            services.venue_update(
                actor=request.user,
                venue=venue,
                data=form.venue_data(),
                opening_hours=form.cleaned_data["opening_hours"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("activities:venue_detail", venue.pk)
    return render(request, "activities/venue_form.html", {"form": form, "venue": venue})


@requires("venue.view")
@require_GET
def venue_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for_user(request.user, pk)
    return render(request, "activities/venue_detail.html", _venue_context(request, venue))


def _venue_context(request: AuthenticatedRequest, venue: Any, **extra: Any) -> dict[str, Any]:
    context = {
        "venue": venue,
        "page": selectors.venue_page(request.user, venue),
        "opening_hours": venue.opening_hours.all(),
        "resources": venue.resources.all(),
        "may_manage": policy.can(request.user, "venue.manage", venue),
        "may_book": policy.can(request.user, "venue.book", venue),
        "resource_form": ResourceForm(),
    }
    context.update(extra)
    return context


@requires("venue.manage")
@require_POST
def resource_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for_user(request.user, pk, permission="venue.manage")
    form = ResourceForm(request.POST)
    if form.is_valid():
        services.resource_add(actor=request.user, venue=venue, **form.cleaned_data)
        messages.success(request, _("The resource was added."))
        return redirect("activities:venue_detail", venue.pk)
    context = _venue_context(request, venue, resource_form=form)
    return render(request, "activities/venue_detail.html", context, status=400)


@requires("venue.book")
@require_http_methods(["GET", "POST"])
def booking_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for_user(request.user, pk, permission="venue.book")
    people = selectors.people_of_organisation(request.user, venue.organisation_id)
    form = BookingForm(request.POST or None, venue=venue, people=people, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_create(actor=request.user, data=form.booking_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The resource was booked."))
            return redirect("activities:venue_detail", venue.pk)
    title = _("Book a resource")
    return render(request, "activities/venue_action.html", {"form": form, "venue": venue, "title": title})


@requires("venue.book")
@require_http_methods(["GET", "POST"])
def visit_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for_user(request.user, pk, permission="venue.book")
    people = selectors.people_of_organisation(request.user, venue.organisation_id)
    initial = {"visited_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = VisitForm(request.POST or None, venue=venue, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_log(actor=request.user, data=form.visit_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The visit was logged."))
            return redirect("activities:venue_detail", venue.pk)
    title = _("Log a visit")
    return render(request, "activities/venue_action.html", {"form": form, "venue": venue, "title": title})


# --- Sessions ------------------------------------------------------------------------------


@requires("session.manage")
@require_http_methods(["GET", "POST"])
def session_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, permission="session.manage")
    form = SessionForm(
        request.POST or None,
        programme=programme,
        kinds=services.session_kinds(programme),
        leaders=selectors.session_leaders(programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            sessions = services.session_schedule(actor=request.user, data=form.session_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d session was scheduled.", "%(count)d sessions were scheduled.", len(sessions)
                )
                % {"count": len(sessions)},
            )
            first = timezone.localtime(sessions[0].starts_at).date()
            return redirect(reverse("activities:programme_calendar", args=[programme.pk]) + f"?day={first}")
    return render(request, "activities/session_form.html", {"form": form, "programme": programme})


@requires("session.view")
@require_GET
def overview(request: AuthenticatedRequest) -> HttpResponse:
    """The programmes' sessions and votes: where each programme's calendar, attendance and
    proposals are, and what is coming."""
    context = {"programmes": selectors.programmes_overview(request.user)}
    return render(request, "activities/overview.html", context)


@requires("session.view")
@require_GET
def session_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.session_get_for_user(request.user, pk)
    context = {
        "session": session,
        "may_mark": services.may_mark(request.user, session),
        "attachments": selectors.session_attachments(request.user, session),
    }
    return render(request, "activities/session_detail.html", context)


# --- Attendance ----------------------------------------------------------------------------


@requires("attendance.record")
@require_http_methods(["GET", "POST"])
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The leader's phone page: every person of the group, present or not, hours, on site or
    remote; one POST saves them all."""
    session = selectors.session_to_mark(request.user, pk)
    if not services.may_mark(request.user, session):
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        marks, errors = _marks(request)
        if not errors:
            try:
                services.attendance_record(actor=request.user, session=session, marks=marks)
            except ValidationError as error:
                errors = [
                    f"{_field_label(name)}: {message}"
                    for name, items in error.message_dict.items()
                    for message in items
                ]
            else:
                messages.success(request, _("Attendance was saved."))
                return redirect("activities:attendance", session.pk)
    rows = selectors.attendance_roster(request.user, session)
    attachments = selectors.session_attachments(request.user, session)
    context = {
        "session": session,
        "rows": _marking_rows(session, rows),
        "max_hours": str(session.length_hours),
        "errors": errors,
        "modes": [(value, str(label)) for value, label in AttendanceMode.choices],
        "attachments": attachments,
        "attachment_form": _signed_list_form() if attachments.can_attach else None,
    }
    return render(request, "activities/attendance.html", context, status=400 if errors else 200)


class MarkingRow(TypedDict):
    """One person's line of the marking form, each value as its input carries it.

    The form is 30 lines of three inputs each; resolved in the template from the person and
    the mark (ids and hours localised, labels translated, line by line) they took more time
    than the rest of the page together, so the view turns each value into text once. A dict,
    not an object: the template finds a dict's keys at the first lookup.
    """

    key: str  # the person's id, in every input's name and id
    name: str
    present: bool
    hours: str
    mode: str


def _marking_rows(session: Session, rows: list[selectors.RosterRow]) -> list[MarkingRow]:
    planned = str(session.planned_hours)
    return [
        MarkingRow(
            key=str(row.participant.pk),
            name=f"{row.participant.last_name} {row.participant.first_name}",
            present=row.attendance is not None and row.attendance.present,
            hours=str(row.attendance.hours) if row.attendance is not None else planned,
            mode=row.attendance.mode if row.attendance is not None else "",
        )
        for row in rows
    ]


def _signed_list_form() -> AttachmentForm:
    return AttachmentForm(initial={"description": _("Signed attendance list")})


def _field_label(name: str) -> str:
    labels = {"participant": _("Person"), "hours": _("Hours"), "mode": _("Mode")}
    return str(labels.get(name, name))


def _marks(request: AuthenticatedRequest) -> tuple[list[services.Mark], list[str]]:
    marks, errors = [], []
    for value in request.POST.getlist("person"):
        if not value.isdigit() or len(value) > 12:
            errors.append(_("Person: not a person of this session."))
            continue
        hours_text = request.POST.get(f"hours-{value}", "0").strip().replace(",", ".") or "0"
        try:
            hours = Decimal(hours_text)
            if not hours.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            errors.append(_("Hours: %(value)s is not a number of hours.") % {"value": hours_text[:20]})
            continue
        marks.append(
            services.Mark(
                participant_id=int(value),
                present=request.POST.get(f"present-{value}") == "1",
                hours=hours,
                mode=request.POST.get(f"mode-{value}", AttendanceMode.ON_SITE),
            )
        )
    return marks, errors


@requires("attendance.record")
@require_GET
def attendance_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = selectors.session_get_for_user(request.user, pk, permission="attendance.record")
    rows = selectors.attendance_roster(request.user, session)
    filename = f"lista-obecnosci-{timezone.localtime(session.starts_at).date()}.pdf"
    return pdf_response(
        request, "activities/print/attendance.html", {"session": session, "rows": rows}, filename
    )


@requires("session.view")
@require_GET
def programme_attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk)
    context = {
        "programme": programme,
        "people": selectors.attendance_summary(request.user, programme),
        "activities": selectors.activity_summary(programme),
        "kinds": selectors.sessions_by_kind(programme),
    }
    return render(request, "activities/programme_attendance.html", context)


# --- Calendars and feeds -------------------------------------------------------------------


def _anchor(request: AuthenticatedRequest) -> date:
    try:
        anchor = date.fromisoformat(request.GET.get("day", "")[:10])
    except ValueError:
        return timezone.localdate()
    return anchor if date(2000, 1, 1) <= anchor <= date(2100, 12, 31) else timezone.localdate()


def _calendar(
    request: AuthenticatedRequest, scope: str, object_id: int, title: str, url: str
) -> HttpResponse:
    view = "month" if request.GET.get("view") == "month" else "week"
    context = {
        "title": title,
        "url": url,
        "scope": scope,
        "object_id": object_id,
        "calendar": selectors.build_calendar(request.user, scope, object_id, view, _anchor(request)),
        "feeds": selectors.feed_tokens_of(request.user, scope, object_id),
    }
    return render(request, "activities/calendar.html", context)


@requires("session.view")
@require_GET
def my_calendar(request: AuthenticatedRequest) -> HttpResponse:
    return worker_calendar(request, request.user.pk)


@requires("session.view")
@require_GET
def worker_calendar(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    worker = selectors.worker_get_for_user(request.user, pk)
    title = _("Sessions led by %(person)s") % {"person": worker.get_full_name() or worker.username}
    url = reverse("activities:worker_calendar", args=[worker.pk])
    return _calendar(request, FeedScope.WORKER, worker.pk, title, url)


@requires("session.view")
@require_GET
def venue_calendar(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    venue = selectors.venue_get_for_user(request.user, pk)
    title = _("Sessions at %(venue)s") % {"venue": venue}
    return _calendar(
        request, FeedScope.VENUE, venue.pk, title, reverse("activities:venue_calendar", args=[pk])
    )


@requires("session.view")
@require_GET
def programme_calendar(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk)
    title = _("Sessions of %(programme)s") % {"programme": programme}
    url = reverse("activities:programme_calendar", args=[pk])
    return _calendar(request, FeedScope.PROGRAMME, programme.pk, title, url)


CALENDAR_OF = {
    FeedScope.WORKER: "worker_calendar",
    FeedScope.VENUE: "venue_calendar",
    FeedScope.PROGRAMME: "programme_calendar",
}


@requires("session.view")
@require_POST
def feed_create(request: AuthenticatedRequest, scope: str, pk: int) -> HttpResponse:
    """A private address for the calendar the user sees (the calendar's own check decides)."""
    if scope not in CALENDAR_OF:
        raise Http404
    if scope == FeedScope.WORKER:
        selectors.worker_get_for_user(request.user, pk)
    elif scope == FeedScope.VENUE:
        selectors.venue_get_for_user(request.user, pk)
    else:
        selectors.programme_get_for_user(request.user, pk)
    services.feed_token_create(owner=request.user, scope=scope, object_id=pk)
    messages.success(request, _("A private calendar address was made. Do not share it."))
    return redirect("activities:" + CALENDAR_OF[FeedScope(scope)], pk)


@requires("session.view")
@require_http_methods(["GET", "POST"])
def feed_revoke(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    feed = selectors.feed_token_of_user(request.user, pk)
    back = reverse("activities:" + CALENDAR_OF[FeedScope(feed.scope)], args=[feed.object_id])
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Revoke the calendar address?"),
            question=_("Calendars subscribed to it will stop receiving sessions."),
            confirm_label=_("Revoke"),
            back=back,
        )
    services.feed_token_revoke(owner=request.user, token=feed)
    messages.success(request, _("The calendar address was revoked."))
    return redirect(back)


@public
@require_GET
def feed(request: Any, token: str) -> HttpResponse:
    """The iCal feed at its private address; a revoked or unknown one is a 404."""
    subscription = selectors.feed_token_get(token[:64])
    sessions: list[Session] = selectors.feed_sessions(subscription)
    response = HttpResponse(
        ical.feed_bytes("Reintegra", sessions), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Proposals and votes -------------------------------------------------------------------


@requires("session.view")
@require_http_methods(["GET", "POST"])
def voting_rounds(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The programme's voting rounds; a coordinator opens a new one."""
    programme = selectors.programme_get_for_user(request.user, pk)
    may_manage = policy.can(request.user, "session.manage", programme)
    form = VotingRoundForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                voting = services.voting_round_open(
                    actor=request.user, programme=programme, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Voting was opened."))
                return redirect("activities:voting_round", voting.pk)
    context = {"programme": programme, "rounds": selectors.voting_rounds(programme), "form": form}
    return render(request, "activities/voting_rounds.html", context)


@requires("session.view")
@require_GET
def voting_round(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    voting = selectors.voting_round_get_for_user(request.user, pk)
    return render(request, "activities/voting_round.html", _round_context(request, voting))


def _round_context(request: AuthenticatedRequest, voting: Any, **extra: Any) -> dict[str, Any]:
    members = selectors.club_members(request.user, voting)
    now = timezone.now()
    context = {
        "voting": voting,
        "results": selectors.round_results(request.user, voting),
        "is_open": voting.opens_at <= now < voting.closes_at,
        "may_accept": now >= voting.closes_at
        and voting.published_at is None
        and policy.can(request.user, "session.manage", voting),
        "proposal_form": ProposalForm(members=members),
        "vote_form": VoteForm(members=members),
    }
    context.update(extra)
    return context


@requires("attendance.record")
@require_POST
def proposal_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    voting = selectors.voting_round_get_for_user(request.user, pk, permission="attendance.record")
    form = ProposalForm(request.POST, members=selectors.club_members(request.user, voting))
    if form.is_valid():
        try:
            services.proposal_create(actor=request.user, voting=voting, data=form.proposal_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The activity was proposed."))
            return redirect("activities:voting_round", voting.pk)
    context = _round_context(request, voting, proposal_form=form)
    return render(request, "activities/voting_round.html", context, status=400)


@requires("attendance.record")
@require_POST
def vote(request: AuthenticatedRequest, pk: int, proposal_pk: int) -> HttpResponse:
    """A member's vote, recorded by staff; with ``change`` it changes the member's earlier vote."""
    voting = selectors.voting_round_get_for_user(request.user, pk, permission="attendance.record")
    proposal = selectors.proposal_get(voting, proposal_pk)
    form = VoteForm(request.POST, members=selectors.club_members(request.user, voting))
    if form.is_valid():
        person, in_favour = form.cleaned_data["participant"], form.cleaned_data["in_favour"]
        earlier = (
            selectors.vote_of(voting, proposal, person.pk) if request.POST.get("change") == "1" else None
        )
        try:
            if earlier is not None:
                services.vote_change(actor=request.user, vote=earlier, in_favour=in_favour)
            else:
                services.vote_cast(
                    actor=request.user, proposal=proposal, participant=person, in_favour=in_favour
                )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The vote was recorded."))
            return redirect("activities:voting_round", voting.pk)
    context = _round_context(request, voting, vote_form=form, vote_proposal=proposal)
    return render(request, "activities/voting_round.html", context, status=400)


@requires("session.manage")
@require_POST
def voting_round_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    voting = selectors.voting_round_get_for_user(request.user, pk, permission="session.manage")
    chosen = {value for value in request.POST.getlist("winner") if value.isdigit() and len(value) < 12}
    winners = [
        result.proposal
        for result in selectors.round_results(request.user, voting).proposals
        if str(result.proposal.pk) in chosen
    ]
    try:
        activities = services.voting_round_accept(actor=request.user, voting=voting, winners=winners)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(count)d activity was accepted.", "%(count)d activities were accepted.", len(activities)
            )
            % {"count": len(activities)},
        )
    return redirect("activities:voting_round", voting.pk)
