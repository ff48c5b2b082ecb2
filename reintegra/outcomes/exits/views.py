"""The staff's pages of exits and follow-ups: a person's exit from a programme and the form that
records it, the to-do list of follow-ups due with its export, and the form that records one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.forms import add_service_error
from reintegra.outcomes.exits import export, selectors, services
from reintegra.outcomes.exits.forms import DueFilterForm, ExitForm, FollowUpForm, UnreachableForm
from reintegra.programmes.models import EnrolmentStatus, ExitReason


@requires("exit.view")
@require_GET
def exit_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The person's exit from the programme: the situation on leaving and the follow-ups."""
    return render(
        request, "outcomes/exits/exit_detail.html", {"page": selectors.exit_page_for_user(request.user, pk)}
    )


def _exit_initial(page: selectors.ExitPage) -> dict[str, object]:
    record = page.record
    if record is None:
        completed = page.enrolment.exit_reason == ExitReason.COMPLETED
        return {"left_on": timezone.localdate(), "planned_completion": completed}
    ticked = [
        name
        for name in ("job_seeking", "in_education", "qualification_gained", "employed", "other_situation")
        if getattr(record, name)
    ]
    return {
        "planned_completion": record.planned_completion,
        "situation": ticked,
        "qualification_document": record.qualification_document,
        "employment_form": record.employment_form,
        "weekly_hours": record.weekly_hours,
    }


@requires("exit.record")
@require_http_methods(["GET", "POST"])
def exit_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Records the situation on leaving; a person still enrolled leaves the programme with it."""
    page = selectors.exit_page_for_user(request.user, pk)
    enrolment = page.enrolment
    leaving = enrolment.status == EnrolmentStatus.ENROLLED
    form = ExitForm(request.POST or None, leaving=leaving, initial=_exit_initial(page))
    if request.method == "POST" and form.is_valid():
        try:
            services.exit_record(
                actor=request.user,
                enrolment=enrolment,
                planned_completion=form.cleaned_data["planned_completion"],
                situation=form.situation_data(),
                left_on=form.cleaned_data.get("left_on"),
                exit_reason=form.cleaned_data.get("exit_reason", ""),
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The situation on leaving of %(person)s is saved.") % {"person": enrolment.participant},
            )
            return redirect("outcomes:exits:detail", enrolment.pk)
    context = {"page": page, "form": form, "leaving": leaving}
    return render(request, "outcomes/exits/exit_form.html", context, status=400 if form.errors else 200)


def _filters(request: AuthenticatedRequest) -> tuple[DueFilterForm, int | None, bool]:
    programmes = [
        (programme.pk, programme.name) for programme in selectors.programmes_for_filter(request.user)
    ]
    form = DueFilterForm(request.GET or None, programmes=programmes)
    if form.is_valid():
        return form, form.cleaned_data["programme"], form.cleaned_data["mine"]
    return form, None, False


@requires("exit.view")
@require_GET
def follow_ups_due(request: AuthenticatedRequest) -> HttpResponse:
    """The to-do list: follow-ups due soon or overdue, each leading to its recording form."""
    form, programme, mine = _filters(request)
    context = {
        "filters": form,
        "due": selectors.follow_ups_due_for_user(request.user, programme=programme, mine=mine),
        "query": request.GET.urlencode(),
    }
    return render(request, "outcomes/exits/follow_ups_due.html", context)


@requires("exit.view")
@require_GET
def follow_ups_due_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    _form, programme, mine = _filters(request)
    follow_ups = selectors.follow_ups_due_export_for_user(
        request.user, fmt=fmt, programme=programme, mine=mine
    )
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(follow_ups),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export.as_csv(follow_ups), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="follow-ups.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@requires("follow_up.record")
@require_http_methods(["GET", "POST"])
def follow_up_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Records what the person said (by phone, at a meeting…), or that she could not be reached."""
    follow_up = selectors.follow_up_get_for_user(request.user, pk)
    entry_employed = services.employed_at_entry(follow_up.enrolment)
    today = timezone.localdate()
    unreachable = request.method == "POST" and "unreachable" in request.POST
    data = request.POST if request.method == "POST" else None
    form = FollowUpForm(
        None if unreachable else data,
        employed_at_entry=entry_employed,
        initial={"contacted_on": today, "channel": "phone"},
    )
    unreachable_form = UnreachableForm(
        data if unreachable else None, initial={"tried_on": today, "channel": "phone"}
    )
    bound = unreachable_form if unreachable else form
    if request.method == "POST" and bound.is_valid():
        try:
            if unreachable:
                services.follow_up_unreachable(
                    actor=request.user,
                    follow_up=follow_up,
                    tried_on=unreachable_form.cleaned_data["tried_on"],
                    channel=unreachable_form.cleaned_data["channel"],
                )
            else:
                services.follow_up_record(actor=request.user, follow_up=follow_up, answer=form.answer())
        except ValidationError as error:
            add_service_error(bound, error, renamed={"contacted_on": "tried_on"} if unreachable else None)
        else:
            messages.success(
                request,
                _("The follow-up of %(person)s is saved.") % {"person": follow_up.enrolment.participant},
            )
            return redirect("outcomes:exits:follow_ups_due")
    context = {"follow_up": follow_up, "form": form, "unreachable_form": unreachable_form, "today": today}
    invalid = form.errors or unreachable_form.errors
    return render(request, "outcomes/exits/follow_up_form.html", context, status=400 if invalid else 200)
