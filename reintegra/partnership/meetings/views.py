"""A partnership's meetings: the list, a meeting with its agenda (and the action items carried
over from earlier meetings), attendance, minutes, decisions, action items, the minutes as a PDF.
Thin: parse, call a service or selector, render. Every URL here starts with the partnership's
``pk``; a partnership the user does not see answers 404 (``selectors.access``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.documents import pdf_response
from reintegra.forms import add_service_error
from reintegra.partnership.meetings import export, selectors, services
from reintegra.partnership.meetings.forms import (
    ActionForm,
    AttendanceForm,
    CloseForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
)
from reintegra.partnership.models import ActionStatus, MeetingStatus, Partnership, PartnershipMeeting


def form_page(
    request: AuthenticatedRequest,
    form: forms.Form,
    *,
    partnership: Partnership,
    title: str,
    back: str,
    submit: str,
    meeting: PartnershipMeeting | None = None,
    intro: str = "",
) -> HttpResponse:
    context = {
        "form": form,
        "partnership": partnership,
        "meeting": meeting,
        "title": title,
        "back": back,
        "submit": submit,
        "intro": intro,
    }
    return render(request, "partnership/meetings/form.html", context)


def _detail_url(meeting: PartnershipMeeting) -> str:
    return reverse("partnership:meetings:detail", args=[meeting.partnership_id, meeting.pk])


def _meeting_form(
    request: AuthenticatedRequest,
    form: forms.Form,
    *,
    meeting: PartnershipMeeting,
    save: Callable[[], str],
    title: str,
    submit: str,
    renamed: Mapping[str, str] | None = None,
) -> HttpResponse:
    """A form about one meeting: on a valid post ``save`` calls the service and returns what to
    tell the user, and the page goes back to the meeting; a refusal shows on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            done = save()
        except ValidationError as error:
            add_service_error(form, error, renamed=renamed)
        else:
            messages.success(request, done)
            return redirect(_detail_url(meeting))
    return form_page(
        request,
        form,
        partnership=meeting.partnership,
        meeting=meeting,
        title=title,
        back=_detail_url(meeting),
        submit=submit,
    )


@requires("partnership.view")
@require_GET
def meeting_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = selectors.access(request.user, pk)
    context = {
        "partnership": access.partnership,
        "may_record": access.may_record,
        "meetings": list(selectors.meetings_of(access.partnership)),
        "open_actions": selectors.open_actions_count(access.partnership),
    }
    return render(request, "partnership/meetings/meeting_list.html", context)


@requires("partnership.view")
@require_GET
def meeting_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    access = selectors.access(request.user, pk)
    rows = export.meeting_rows(selectors.meetings_of(access.partnership))
    return export.response(fmt, _("Partnership meetings"), "meetings", export.meeting_headers(), rows)


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, partnership=partnership, data=form.meeting_data()
            )
        except ValidationError as error:
            add_service_error(form, error, renamed={"starts_at": "day"})
        else:
            messages.success(request, _("The meeting has been planned."))
            return redirect(_detail_url(meeting))
    return form_page(
        request,
        form,
        partnership=partnership,
        title=_("Plan a meeting"),
        back=reverse("partnership:meetings:list", args=[partnership.pk]),
        submit=_("Save"),
    )


@requires("partnership.view")
@require_GET
def meeting_detail(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    access = selectors.access(request.user, pk)
    meeting = selectors.meeting_get(access.partnership, meeting_pk)
    return render(request, "partnership/meetings/meeting_detail.html", _meeting_context(meeting, access))


def _meeting_context(meeting: PartnershipMeeting, access: selectors.Access) -> dict[str, Any]:
    carried = selectors.carried_over(meeting)
    raised = selectors.actions_raised(meeting)
    return {
        "partnership": access.partnership,
        "may_record": access.may_record,
        "meeting": meeting,
        "held": meeting.status == MeetingStatus.HELD,
        "agenda": list(meeting.agenda.all()),
        "carried_over": carried,
        "raised": raised,
        "overdue": selectors.overdue_ids([*carried, *raised]),
        "organisations_present": list(selectors.organisations_present(meeting)),
        "attendees": list(selectors.attendees_of(meeting)),
        "decisions": list(selectors.decisions_of(meeting)),
    }


@requires("partnership.view")
@require_GET
def minutes_pdf(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    access = selectors.access(request.user, pk)
    meeting = selectors.meeting_get(access.partnership, meeting_pk)
    filename = f"protokol-spotkania-{timezone.localtime(meeting.starts_at).date()}.pdf"
    return pdf_response(
        request, "partnership/meetings/print/minutes.html", _meeting_context(meeting, access), filename
    )


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def meeting_edit(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    meeting = selectors.meeting_get(partnership, meeting_pk)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))

    def save() -> str:
        services.meeting_update(actor=request.user, meeting=meeting, data=form.meeting_data())
        return _("The changes have been saved.")

    return _meeting_form(
        request,
        form,
        meeting=meeting,
        save=save,
        title=_("Edit the meeting"),
        submit=_("Save"),
        renamed={"starts_at": "day"},
    )


@requires("partnership.meet")
@require_POST
def meeting_hold(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    meeting = selectors.meeting_get(partnership, meeting_pk)
    try:
        services.meeting_hold(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The meeting has been marked as held."))
    return redirect(_detail_url(meeting))


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    meeting = selectors.meeting_get(partnership, meeting_pk)
    initial = {
        "organisations": [row.organisation_id for row in meeting.organisations_present.all()],
        "users": [row.user_id for row in meeting.attendees.filter(user__isnull=False)],
        "guests": "\n".join(meeting.attendees.filter(user__isnull=True).values_list("guest_name", flat=True)),
    }
    form = AttendanceForm(
        request.POST or None,
        initial=initial,
        organisations=selectors.member_organisations(partnership),
        people=selectors.member_people(partnership),
    )

    def save() -> str:
        services.meeting_attendance_record(
            actor=request.user,
            meeting=meeting,
            organisations=list(form.cleaned_data["organisations"]),
            users=list(form.cleaned_data["users"]),
            guests=form.cleaned_data["guests"],
        )
        return _("The attendance has been saved.")

    return _meeting_form(
        request, form, meeting=meeting, save=save, title=_("Who was present"), submit=_("Save")
    )


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    meeting = selectors.meeting_get(partnership, meeting_pk)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})

    def save() -> str:
        services.meeting_minutes_save(
            actor=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"]
        )
        return _("The minutes have been saved.")

    return _meeting_form(request, form, meeting=meeting, save=save, title=_("Minutes"), submit=_("Save"))


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def decision_add(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    meeting = selectors.meeting_get(partnership, meeting_pk)
    form = DecisionForm(request.POST or None)

    def save() -> str:
        decision = services.decision_add(actor=request.user, meeting=meeting, text=form.cleaned_data["text"])
        return _("Decision no. %(number)s has been recorded.") % {"number": decision.number}

    return _meeting_form(
        request, form, meeting=meeting, save=save, title=_("Record a decision"), submit=_("Record")
    )


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def action_raise(request: AuthenticatedRequest, pk: int, meeting_pk: int) -> HttpResponse:
    partnership = selectors.access(request.user, pk, record=True).partnership
    meeting = selectors.meeting_get(partnership, meeting_pk)
    form = ActionForm(
        request.POST or None,
        organisations=selectors.member_organisations(partnership),
        people=selectors.member_people(partnership),
    )

    def save() -> str:
        services.action_raise(actor=request.user, meeting=meeting, data=form.action_data())
        return _("The action item has been recorded.")

    return _meeting_form(
        request, form, meeting=meeting, save=save, title=_("Record an action item"), submit=_("Record")
    )


@requires("partnership.meet")
@require_http_methods(["GET", "POST"])
def action_close(request: AuthenticatedRequest, pk: int, action_pk: int) -> HttpResponse:
    """Closes an open action item at a meeting after the one that raised it (the meeting whose
    agenda it was closed from, by default)."""
    partnership = selectors.access(request.user, pk, record=True).partnership
    action = selectors.action_get(partnership, action_pk)
    action.raised_at.partnership = partnership
    meetings = selectors.meetings_after(action.raised_at)
    initial = {"meeting": request.GET.get("meeting", ""), "status": ActionStatus.DONE}
    form = CloseForm(request.POST or None, initial=initial, meetings=meetings)
    if request.method == "POST" and form.is_valid():
        meeting = form.cleaned_data["meeting"]
        meeting.partnership = partnership
        try:
            services.action_close(
                actor=request.user,
                action=action,
                meeting=meeting,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The action item has been closed."))
            return redirect(_detail_url(meeting))
    return form_page(
        request,
        form,
        partnership=partnership,
        title=_("Close the action item"),
        intro=action.what,
        back=reverse("partnership:meetings:actions", args=[partnership.pk]),
        submit=_("Close"),
    )


def _actions_status(request: AuthenticatedRequest) -> str:
    status = request.GET.get("status", "")
    return status if status in ActionStatus.values else ""


@requires("partnership.view")
@require_GET
def action_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    access = selectors.access(request.user, pk)
    status = _actions_status(request)
    actions = list(selectors.actions_of(access.partnership, status))
    context = {
        "partnership": access.partnership,
        "may_record": access.may_record,
        "actions": actions,
        "overdue": selectors.overdue_ids(actions),
        "status": status,
        "statuses": ActionStatus.choices,
    }
    return render(request, "partnership/meetings/action_list.html", context)


@requires("partnership.view")
@require_GET
def action_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    access = selectors.access(request.user, pk)
    actions = selectors.actions_of(access.partnership, _actions_status(request))
    rows = export.action_rows(actions)
    return export.response(fmt, _("Action items"), "action-items", export.action_headers(), rows)
