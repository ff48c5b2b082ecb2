"""Case-work pages: the caseload, the team, a person's meetings, services and case workers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts import selectors as account_selectors
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.models import Organisation, User
from reintegra.accounts.policy import requires
from reintegra.casework import caseload as caseload_reads
from reintegra.casework import display, selectors, services
from reintegra.casework.caseload import Section
from reintegra.casework.forms import (
    AssignForm,
    MarkHeldForm,
    MeetingForm,
    NextStepForm,
    NextStepFormSet,
    ServiceForm,
    SettingsForm,
    ToPlanForm,
    next_steps_from,
)
from reintegra.casework.models import CaseworkSettings, Meeting
from reintegra.confirm import confirm_page
from reintegra.documents import pdf_response
from reintegra.forms import add_service_error
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user
from reintegra.plans import selectors as plan_selectors
from reintegra.plans import services as plan_services
from reintegra.plans.services import PlanConflictError


@requires("casework.view")
@require_GET
def caseload(request: AuthenticatedRequest) -> HttpResponse:
    return _caseload_page(request, caseload_reads.caseload_for(request.user))


@requires("casework.view")
@require_GET
def caseload_section(request: AuthenticatedRequest, section: str) -> HttpResponse:
    shown = caseload_reads.section_for(request.user, _section(section), page=request.GET.get("page"))
    return _section_page(request, shown)


@requires("casework.assign")
@require_GET
def team(request: AuthenticatedRequest) -> HttpResponse:
    members = caseload_reads.team_for(request.user)
    context = {
        "team": members,
        "members": display.team_items(members),
        "organisations": list(policy.organisations_where(request.user, "casework.assign")),
    }
    return render(request, "casework/team.html", context)


@requires("casework.assign")
@require_GET
def team_member_caseload(request: AuthenticatedRequest, worker_pk: int) -> HttpResponse:
    return _caseload_page(request, caseload_reads.team_member_caseload(request.user, worker_pk))


@requires("casework.assign")
@require_GET
def team_member_section(request: AuthenticatedRequest, worker_pk: int, section: str) -> HttpResponse:
    shown = caseload_reads.team_member_section(
        request.user, worker_pk, _section(section), page=request.GET.get("page")
    )
    return _section_page(request, shown)


def _section(name: str) -> Section:
    try:
        return Section(name)
    except ValueError:
        raise Http404 from None


def _caseload_page(request: AuthenticatedRequest, load: caseload_reads.Caseload) -> HttpResponse:
    """The worker's caseload, for themselves or a coordinator of the team."""
    today, week = display.meeting_items(load.meetings_today.rows, load.meetings_this_week.rows)
    context = {
        "caseload": load,
        "own": load.worker.pk == request.user.pk,
        "links": _section_links(request, load.worker),
        "items": {
            "today": today,
            "week": week,
            "steps": display.step_items(load.overdue_steps.rows),
            "plans": display.plan_items(load.plans_due.rows),
            "contact": display.contact_items(load.not_contacted.rows),
        },
        "can_assign": policy.holds_anywhere(request.user, "casework.assign"),
    }
    return render(request, "casework/caseload.html", context)


def _section_links(request: AuthenticatedRequest, worker: User) -> dict[str, str]:
    if worker.pk == request.user.pk:
        return {section: reverse("casework:caseload_section", args=[section]) for section in Section}
    return {
        section: reverse("casework:team_member_section", args=[worker.pk, section]) for section in Section
    }


def _section_page(request: AuthenticatedRequest, shown: caseload_reads.SectionPage) -> HttpResponse:
    """One section of the caseload in full, a page at a time."""
    worker, rows = shown.worker, shown.rows
    items: list[Any]
    match shown.section:
        case Section.TODAY | Section.WEEK:
            [items] = display.meeting_items(rows)
        case Section.STEPS:
            items = display.step_items(rows)
        case Section.PLANS:
            items = display.plan_items(rows)
        case Section.CONTACT:
            items = display.contact_items(rows)
        case Section.PEOPLE:
            items = display.person_items(rows)
    context = {
        "worker": worker,
        "own": worker.pk == request.user.pk,
        "section": shown.section,
        "page": shown.page,
        "rows": rows,
        "items": items,
        "can_assign": policy.holds_anywhere(request.user, "casework.assign"),
        "caseload_url": reverse("casework:caseload")
        if worker.pk == request.user.pk
        else reverse("casework:team_member", args=[worker.pk]),
    }
    return render(request, "casework/caseload_section.html", context)


@requires("casework.assign")
@require_http_methods(["GET", "POST"])
def settings_edit(request: AuthenticatedRequest, organisation_pk: int) -> HttpResponse:
    organisation = (
        policy.organisations_where(request.user, "casework.assign").filter(pk=organisation_pk).first()
    )
    if organisation is None:
        raise Http404
    current = CaseworkSettings.objects.filter(organisation=organisation).first() or CaseworkSettings(
        organisation=organisation
    )
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.settings_update(
            actor=request.user,
            organisation_id=organisation.pk,
            contact_interval_days=form.cleaned_data["contact_interval_days"],
        )
        messages.success(request, _("The changes have been saved."))
        return redirect("casework:team")
    return render(request, "casework/settings_form.html", {"form": form, "organisation": organisation})


# --- A person's case workers ----------------------------------------------------------


@requires("casework.view")
@require_http_methods(["GET", "POST"])
def assignments(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Staff who may see the person see who looks after them; coordinators also assign."""
    participant, rows = selectors.assignments_for_user(request.user, pk, permission="casework.view")
    may_assign = policy.can(request.user, "casework.assign", participant)
    if request.method == "POST" and not may_assign:
        raise PermissionDenied
    staff = account_selectors.staff_of(participant.organisation_id)
    form = AssignForm(request.POST or None, staff=staff)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_create(
                actor=request.user, participant=participant, worker=form.cleaned_data["worker"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The case worker has been assigned."))
            return redirect("casework:assignments", pk=participant.pk)
    context = {
        "participant": participant,
        "assignments": rows,
        "form": form,
        "staff": list(staff) if may_assign else [],
        "may_assign": may_assign,
    }
    return render(request, "casework/assignments.html", context)


@requires("casework.assign")
@require_POST
def assignment_reassign(request: AuthenticatedRequest, pk: int, assignment_pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, pk, permission="casework.assign")
    assignment = selectors.assignment_get(participant, assignment_pk)
    form = AssignForm(request.POST, staff=account_selectors.staff_of(participant.organisation_id))
    if form.is_valid():
        try:
            services.assignment_reassign(
                actor=request.user, assignment=assignment, to_worker=form.cleaned_data["worker"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The person has been handed over to another case worker."))
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("worker", [])))
    return redirect("casework:assignments", pk=participant.pk)


@requires("casework.assign")
@require_http_methods(["GET", "POST"])
def assignment_end(request: AuthenticatedRequest, pk: int, assignment_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST ends the assignment (recorded, never deleted)."""
    participant = participant_get_for_user(request.user, pk, permission="casework.assign")
    assignment = selectors.assignment_get(participant, assignment_pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("End the assignment of %(worker)s?") % {"worker": assignment.worker},
            question=_("%(worker)s will no longer look after %(person)s. The assignment stays on record.")
            % {"worker": assignment.worker, "person": participant},
            confirm_label=_("End the assignment"),
            back=reverse("casework:assignments", args=[participant.pk]),
        )
    try:
        services.assignment_end(actor=request.user, assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The assignment has been ended."))
    return redirect("casework:assignments", pk=participant.pk)


# --- Meetings -------------------------------------------------------------------------


def _meeting_form(request: AuthenticatedRequest, participant: Participant) -> MeetingForm:
    instance = Meeting(participant=participant, worker=request.user)
    return MeetingForm(request.POST or None, participant=participant, instance=instance)


@requires("casework.view")
@require_GET
def meetings(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant, page = selectors.meetings_page_for_user(request.user, pk, request.GET.get("page"))
    context = {
        "participant": participant,
        "page": page,
        "items": display.history_items(page),
        "can_record": policy.can(request.user, "casework.record", participant),
    }
    return render(request, "casework/meetings.html", context)


@requires("casework.record")
@require_http_methods(["GET", "POST"])
def meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Record a meeting on its own page: the list stays light however many meetings there are."""
    participant = participant_get_for_user(request.user, pk, permission="casework.record")
    form = _meeting_form(request, participant)
    steps = NextStepFormSet(request.POST or None, prefix="steps")
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        try:
            meeting = services.meeting_record(
                actor=request.user,
                participant=participant,
                data=form.meeting_data(),
                next_steps=next_steps_from(steps),
            )
        except ValidationError as error:
            add_service_error(form, error, rows={"step": steps.forms})
        else:
            messages.success(request, _("The meeting has been recorded."))
            return redirect("casework:meeting_detail", meeting_pk=meeting.pk)
    context = {"participant": participant, "form": form, "steps": steps}
    return render(request, "casework/meeting_form.html", context)


@requires("casework.view")
@require_GET
def meeting_detail(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    file = selectors.meeting_file_for_user(request.user, meeting_pk)
    meeting = file.meeting
    context = {
        "meeting": meeting,
        "participant": meeting.participant,
        "next_steps": file.next_steps,
        "can_record": policy.can(request.user, "casework.record", meeting.participant),
        "held_form": MarkHeldForm(initial={"notes": meeting.notes}),
        "step_form": NextStepForm(),
        "to_plan_form": _to_plan_form(meeting),
    }
    return render(request, "casework/meeting_detail.html", context)


def _to_plan_form(meeting: Meeting) -> ToPlanForm | None:
    """The choice of the person's open plans a next step can join, if there is any."""
    plans = plan_selectors.open_plans_of(meeting.participant)
    form = ToPlanForm(plans=plans)
    return form if plans.exists() else None


@requires("casework.record")
@require_POST
def meeting_mark_held(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, meeting_pk, permission="casework.record")
    form = MarkHeldForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_mark_held(actor=request.user, meeting=meeting, notes=form.cleaned_data["notes"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting has been recorded as held."))
    return redirect("casework:meeting_detail", meeting_pk=meeting.pk)


@requires("casework.record")
@require_POST
def next_step_add(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, meeting_pk, permission="casework.record")
    form = NextStepForm(request.POST)
    if form.is_valid() and (data := form.step()) is not None:
        try:
            services.next_step_add(actor=request.user, meeting=meeting, data=data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The next step has been added."))
            return redirect("casework:meeting_detail", meeting_pk=meeting.pk)
    elif form.is_valid():
        form.add_error("text", _("Say what the next step is."))
    next_steps = selectors.meeting_file_for_user(request.user, meeting.pk).next_steps
    context = {
        "meeting": meeting,
        "participant": meeting.participant,
        "next_steps": next_steps,
        "can_record": True,
        "held_form": MarkHeldForm(initial={"notes": meeting.notes}),
        "step_form": form,
        "to_plan_form": _to_plan_form(meeting),
    }
    return render(request, "casework/meeting_detail.html", context, status=400)


@requires("casework.record")
@require_POST
def next_step_toggle(request: AuthenticatedRequest, meeting_pk: int, step_pk: int) -> HttpResponse:
    meeting = selectors.meeting_get_for_user(request.user, meeting_pk, permission="casework.record")
    step = selectors.next_step_get(meeting, step_pk)
    services.next_step_set_done(actor=request.user, step=step, done=request.POST.get("done") == "1")
    messages.success(request, _("The changes have been saved."))
    return redirect("casework:meeting_detail", meeting_pk=meeting.pk)


@requires("casework.view")
@require_GET
def meeting_pdf(request: AuthenticatedRequest, meeting_pk: int) -> HttpResponse:
    file = selectors.meeting_file_for_user(request.user, meeting_pk)
    meeting = file.meeting
    context = {"meeting": meeting, "participant": meeting.participant, "next_steps": file.next_steps}
    filename = f"{meeting.participant} {meeting.local_date.isoformat()}"
    return pdf_response(request, "casework/print/meeting.html", context, filename)


@requires("casework.record")
@require_POST
def next_step_to_plan(request: AuthenticatedRequest, meeting_pk: int, step_pk: int) -> HttpResponse:
    """A meeting's next step becomes an action of one of the person's open plans."""
    meeting = selectors.meeting_get_for_user(request.user, meeting_pk, permission="casework.record")
    step = selectors.next_step_get(meeting, step_pk)
    form = ToPlanForm(request.POST, plans=plan_selectors.open_plans_of(meeting.participant))
    if not form.is_valid():
        messages.error(request, _("Choose an open plan of this person."))
        return redirect("casework:meeting_detail", meeting_pk=meeting.pk)
    try:
        saved = plan_services.action_from_next_step(
            actor=request.user,
            plan=form.cleaned_data["plan"],
            participant=step.participant,
            text=step.text,
            starts_on=meeting.local_date,
            due_on=step.due_on,
            done=step.done,
            next_step_id=step.pk,
        )
    except PlanConflictError as conflict:
        messages.error(request, " ".join(conflict.messages))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The step is now an action of the plan."))
        return redirect("plans:plan_detail", plan_pk=saved.pk)
    return redirect("casework:meeting_detail", meeting_pk=meeting.pk)


# --- Services -------------------------------------------------------------------------


def _partners(participant: Participant) -> list[Organisation]:
    return list(Organisation.objects.exclude(pk=participant.organisation_id).order_by("name")[:200])


@requires("casework.view")
@require_http_methods(["GET", "POST"])
def service_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant, page = selectors.services_page_for_user(request.user, pk, request.GET.get("page"))
    can_record = policy.can(request.user, "casework.record", participant)
    form = ServiceForm(request.POST or None, partners=_partners(participant))
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                services.service_record(actor=request.user, participant=participant, data=form.service_data())
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The service has been recorded."))
                return redirect("casework:services", pk=participant.pk)
    context = {"participant": participant, "page": page, "form": form, "can_record": can_record}
    return render(request, "casework/services.html", context)


@requires("casework.view")
@require_GET
def service_detail(request: AuthenticatedRequest, service_pk: int) -> HttpResponse:
    service = selectors.service_get_for_user(request.user, service_pk)
    return render(
        request, "casework/service_detail.html", {"service": service, "participant": service.participant}
    )
