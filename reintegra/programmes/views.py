"""Programme pages: the list, a new programme from a template, the programme page with its
recruitment funnel, and the POST actions of the recruitment workflow. Thin: parse, call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.collation import by_name
from reintegra.confirm import confirm_page
from reintegra.forms import add_service_error
from reintegra.programmes import selectors, services
from reintegra.programmes.forms import (
    ApplicantForm,
    AssignGroupForm,
    GroupForm,
    LeaveForm,
    ProgrammeForm,
    RulesForm,
    StaffRoleForm,
)
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from reintegra.programmes.workflow import IllegalMoveError


@requires("programme.view")
@require_GET
def programme_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": selectors.programme_list_for_user(request.user),
            "templates": selectors.template_list(),
            "may_create": policy.holds_anywhere(request.user, "programme.manage"),
        },
    )


@requires("programme.manage")
@require_http_methods(["GET", "POST"])
def programme_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(
        policy.organisations_where(request.user, "programme.manage").order_by(*by_name("name"))
    )
    initial = {"template": request.GET.get("template")}
    form = ProgrammeForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create_from_template(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                template=form.cleaned_data["template"],
                data=form.programme_data(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The programme was created."))
            return redirect("programmes:detail", programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form})


@requires("programme.manage")
@require_http_methods(["GET", "POST"])
def programme_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, permission="programme.manage")
    initial = {
        **{key: getattr(programme, key) for key in services.PROGRAMME_FIELDS},
        "staff": list(programme.staff.all()),
        "partners": list(programme.partners.all()),
    }
    form = ProgrammeForm(request.POST or None, organisations=[programme.organisation], initial=initial)
    del form.fields["template"], form.fields["organisation"]
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=request.user, programme=programme, data=form.programme_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("programmes:detail", programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@requires("programme.view")
@require_GET
def programme_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk)
    return render(request, "programmes/programme_detail.html", _detail_context(request, programme))


def _detail_context(request: AuthenticatedRequest, programme: Programme, **extra: Any) -> dict[str, Any]:
    may_manage = policy.can(request.user, "programme.manage", programme)
    # The person picker lists at most CANDIDATES_SHOWN people; a search narrows it down.
    query = request.GET.get("applicant_q", "")[:100]
    candidates = (
        selectors.applicant_candidates_for_user(request.user, programme, query)
        if may_manage
        else selectors.Candidates([], more=False)
    )
    context = {
        "programme": programme,
        "may_manage": may_manage,
        **selectors.programme_page(request.user, programme),
        "applicant_form": ApplicantForm(candidates=candidates.people),
        "applicant_query": query,
        "more_candidates": candidates.more,
        "group_form": GroupForm(),
        "assign_form": AssignGroupForm(groups=programme.groups.all()),
        "rules_form": RulesForm(rules=programme.eligibility_rules),
        "staff_roles": selectors.staff_roles(programme),
        "staff_form": StaffRoleForm(programme=programme, initial={"starts_on": timezone.localdate()})
        if may_manage
        else None,
        "eligibility_rules": [services.rule_label(rule) for rule in programme.eligibility_rules],
        "priority_rules": [
            {"label": services.rule_label(rule), "points": rule.get("points", 1)}
            for rule in programme.priority_rules
        ],
    }
    context.update(extra)
    return context


@requires("programme.manage")
@require_POST
def programme_rules(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Previews (button "preview") or saves (button "save") a change of the eligibility rules."""
    programme = selectors.programme_get_for_user(request.user, pk, permission="programme.manage")
    form = RulesForm(request.POST, rules=programme.eligibility_rules)
    if form.is_valid():
        rules = form.to_rules()
        if "save" in request.POST:
            services.programme_update_rules(actor=request.user, programme=programme, eligibility_rules=rules)
            messages.success(
                request, _("The eligibility rules were saved. Reassess applicants to apply them.")
            )
            return redirect("programmes:detail", programme.pk)
        preview = services.rules_preview(programme=programme, eligibility_rules=rules)
        context = _detail_context(request, programme, rules_form=form, preview=preview)
        return render(request, "programmes/programme_detail.html", context)
    return render(
        request, "programmes/programme_detail.html", _detail_context(request, programme, rules_form=form)
    )


@requires("programme.manage")
@require_POST
def programme_apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, permission="programme.manage")
    form = ApplicantForm(request.POST, candidates=selectors.applicant_candidates(programme))
    if form.is_valid():
        try:
            services.enrolment_apply(
                actor=request.user, programme=programme, participant=form.cleaned_data["participant"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(person)s applied to the programme.") % {"person": form.cleaned_data["participant"]},
            )
    else:
        messages.error(request, _("Choose a person of the organisation who has not applied yet."))
    return redirect("programmes:detail", programme.pk)


@requires("programme.manage")
@require_POST
def group_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, permission="programme.manage")
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            services.group_create(
                actor=request.user,
                programme=programme,
                name=form.cleaned_data["name"],
                starts_on=form.cleaned_data["starts_on"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The group was created."))
    else:
        messages.error(request, _("Give the group a name."))
    return redirect("programmes:detail", programme.pk)


@requires("programme.manage")
@require_POST
def staff_role_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for_user(request.user, pk, permission="programme.manage")
    form = StaffRoleForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            services.programme_staff_add(actor=request.user, programme=programme, data=form.role_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The role was assigned."))
            return redirect(reverse("programmes:detail", args=[programme.pk]) + "#staff")
    context = _detail_context(request, programme, staff_form=form)
    return render(request, "programmes/programme_detail.html", context, status=400)


@requires("programme.manage")
@require_http_methods(["GET", "POST"])
def staff_role_remove(request: AuthenticatedRequest, pk: int, role_pk: int) -> HttpResponse:
    """GET asks for confirmation, POST removes the role."""
    assignment = selectors.staff_role_get_for_user(request.user, pk, role_pk, permission="programme.manage")
    back = reverse("programmes:detail", args=[pk]) + "#staff"
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove the role %(role)s of %(person)s?")
            % {"role": assignment.role_name(), "person": assignment.user},
            question=_("Sessions they lead stay as they are; the audit log keeps that the role was held."),
            confirm_label=_("Remove the role"),
            back=back,
        )
    services.programme_staff_remove(actor=request.user, assignment=assignment)
    messages.success(request, _("The role was removed."))
    return redirect(back)


ACTIONS = ("assess", "enrol", "accept", "decline", "leave", "group")
# Nothing is ended in one click: GET shows the confirmation page (leaving asks for the reason
# and date), POST does it.
CONFIRMED = ("decline", "leave")


@requires("programme.manage")
@require_http_methods(["GET", "POST"])
def enrolment_action(request: AuthenticatedRequest, pk: int, enrolment_pk: int, action: str) -> HttpResponse:
    """One step of the recruitment workflow for one person; an illegal step is explained, not done."""
    if action not in ACTIONS:
        raise Http404
    if request.method == "GET" and action not in CONFIRMED:
        return HttpResponseNotAllowed(["POST"])
    enrolment = selectors.enrolment_get_for_user(
        request.user, pk, enrolment_pk, permission="programme.manage"
    )
    if action == "leave":
        return _leave(request, enrolment)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("%(person)s declines the offered place") % {"person": enrolment.participant},
            question=_("The place will be offered to the first person on the reserve list."),
            confirm_label=_("Declines the place"),
            back=reverse("programmes:detail", args=[pk]),
        )
    try:
        text = _perform(request, enrolment, action)
    except (ValidationError, IllegalMoveError) as error:
        messages.error(
            request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        )
    else:
        messages.success(request, text)
    return redirect("programmes:detail", pk)


def _leave(request: AuthenticatedRequest, enrolment: Enrolment) -> HttpResponse:
    """The page where a person leaves: the reasons that fit their status, the date, a note."""
    initial = {"left_on": timezone.localdate()}
    form = LeaveForm(request.POST or None, status=enrolment.status, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            left = services.enrolment_leave(
                actor=request.user,
                enrolment=enrolment,
                exit_reason=form.cleaned_data["exit_reason"],
                left_on=form.cleaned_data["left_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        except IllegalMoveError as error:
            messages.error(request, str(error))
            return redirect("programmes:detail", enrolment.programme_id)
        else:
            messages.success(
                request,
                _("%(person)s: %(status)s.")
                % {"person": enrolment.participant, "status": left.get_status_display()},
            )
            return redirect("programmes:detail", enrolment.programme_id)
    context = {"form": form, "enrolment": enrolment, "programme": enrolment.programme}
    return render(request, "programmes/enrolment_leave.html", context)


@requires("programme.manage")
@require_POST
def enrolments_assess(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Assesses the applicants ticked on the programme page, all at once."""
    programme = selectors.programme_get_for_user(request.user, pk, permission="programme.manage")
    pks = [int(value) for value in request.POST.getlist("enrolment") if value.isdigit() and len(value) < 10]
    enrolments = selectors.enrolments_get_for_user(request.user, programme, pks)
    try:
        assessed = services.enrolments_assess(actor=request.user, programme=programme, enrolments=enrolments)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        eligible = sum(1 for enrolment in assessed if enrolment.status == EnrolmentStatus.ELIGIBLE)
        messages.success(
            request,
            ngettext(
                "%(count)d applicant assessed: %(eligible)d eligible.",
                "%(count)d applicants assessed: %(eligible)d eligible.",
                len(assessed),
            )
            % {"count": len(assessed), "eligible": eligible},
        )
    return redirect("programmes:detail", programme.pk)


def _perform(request: AuthenticatedRequest, enrolment: Enrolment, action: str) -> str:
    actor, person = request.user, enrolment.participant
    if action == "assess":
        enrolment = services.enrolment_assess(actor=actor, enrolment=enrolment)
    elif action == "enrol":
        enrolment = services.enrolment_enrol(actor=actor, enrolment=enrolment)
    elif action == "accept":
        enrolment = services.enrolment_accept_offer(actor=actor, enrolment=enrolment)
    elif action == "decline":
        enrolment = services.enrolment_decline_offer(actor=actor, enrolment=enrolment)
    elif action == "group":
        form = AssignGroupForm(request.POST, groups=enrolment.programme.groups.all())
        if not form.is_valid():
            raise ValidationError(_("Choose a group of this programme."))
        services.enrolment_assign_group(actor=actor, enrolment=enrolment, group=form.cleaned_data["group"])
        return _("%(person)s: group changed.") % {"person": person}
    return _("%(person)s: %(status)s.") % {"person": person, "status": enrolment.get_status_display()}
