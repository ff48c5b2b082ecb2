"""Pages of individual and group plans: a person's plans, one plan, its editing, signatures, workflow, PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm, BaseFormSet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts import selectors as account_selectors
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.attachments.forms import AttachmentForm
from reintegra.confirm import confirm_post_page, is_confirmed
from reintegra.documents import pdf_response
from reintegra.forms import add_service_error
from reintegra.plans import selectors, services
from reintegra.plans.forms import (
    ActionFormSet,
    GoalFormSet,
    GroupPlanCreateForm,
    PlanCreateForm,
    PlanForm,
    SignatureForm,
    action_initial,
    goal_initial,
)
from reintegra.plans.models import IndividualPlan, PlanStatus
from reintegra.plans.services import PlanConflictError, missing_signatories
from reintegra.plans.workflow import IllegalPlanMoveError, next_statuses


@requires("casework.view")
@require_http_methods(["GET", "POST"])
def plans(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant, rows = selectors.person_plans_for_user(request.user, pk)
    can_record = policy.can(request.user, "casework.record", participant)
    form = PlanCreateForm(
        request.POST or None,
        programmes=selectors.programmes_of(participant),
        responses=selectors.responses_for_plan(participant),
        initial={"starts_on": timezone.localdate()},
    )
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                plan = services.plan_create(
                    actor=request.user,
                    participant=participant,
                    plan_type_code=form.cleaned_data["plan_type"],
                    starts_on=form.cleaned_data["starts_on"],
                    programme=form.cleaned_data["programme"],
                    source_response=form.cleaned_data["source_response"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The plan has been created as a draft."))
                return redirect("plans:plan_edit", plan_pk=plan.pk)
    context = {"participant": participant, "plans": rows, "form": form, "can_record": can_record}
    return render(request, "plans/plans.html", context)


@requires("casework.view")
@require_GET
def plan_detail(request: AuthenticatedRequest, plan_pk: int) -> HttpResponse:
    file = selectors.plan_file_for_user(request.user, plan_pk, with_attachments=True)
    return render(request, "plans/plan_detail.html", _detail_context(request, file))


def _detail_context(request: AuthenticatedRequest, file: selectors.PlanFile, **extra: Any) -> dict[str, Any]:
    plan, goals, actions, signatures = file.plan, file.goals, file.actions, file.signatures
    versions = list(selectors.versions_of(plan))
    is_current = versions[0].pk == plan.pk
    signed = {signature.role for signature in signatures}
    missing = [role for role in plan.type.signatory_roles if role not in signed]
    can_record = policy.can(request.user, "casework.record", plan)
    return {
        "plan": plan,
        "participant": plan.participant,
        "group": plan.group,
        "goals": goals,
        "actions": actions,
        "signatures": signatures,
        "versions": versions,
        "is_current": is_current,
        "field_values": plan.type.field_values(plan.extra),
        "can_record": can_record,
        "can_edit": can_record and is_current and plan.status != PlanStatus.CLOSED,
        "moves": next_statuses(plan.status) if can_record and is_current else [],
        "attachments": file.attachments,
        "attachment_form": AttachmentForm() if file.attachments and file.attachments.can_attach else None,
        "sign_form": extra.pop("sign_form", None)
        or (SignatureForm(plan_type=plan.type, missing=missing) if missing else None),
        **extra,
    }


def _edit_forms(file: selectors.PlanFile, data: Any = None) -> tuple[PlanForm, BaseFormSet, BaseFormSet]:
    plan = file.plan
    staff = account_selectors.staff_of(plan.organisation_id)
    form = PlanForm(data, plan_type=plan.type, initial=PlanForm.initial_for(plan))
    goals = GoalFormSet(data, prefix="goals", initial=goal_initial(file.goals))
    actions = ActionFormSet(
        data,
        prefix="actions",
        initial=action_initial(file.actions),
        form_kwargs={"staff": staff},
    )
    return form, goals, actions


@requires("casework.record")
@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedRequest, plan_pk: int) -> HttpResponse:
    file = selectors.plan_file_for_user(request.user, plan_pk, permission="casework.record")
    plan = file.plan
    if plan.status == PlanStatus.CLOSED:
        messages.error(request, _("A closed plan cannot be changed."))
        return redirect("plans:plan_detail", plan_pk=plan.pk)
    form, goals, actions = _edit_forms(file, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid() and goals.is_valid() and actions.is_valid():
        try:
            saved = services.plan_save(
                actor=request.user,
                plan=plan,
                revision=form.cleaned_data["revision"],
                data=form.plan_data(plan),
                goals=[goal for f in goals.forms if (goal := f.goal()) is not None],
                actions=[action for f in actions.forms if (action := f.action()) is not None],
            )
        except PlanConflictError as conflict:
            return _conflict(request, plan, conflict)
        except ValidationError as error:
            add_service_error(form, error, rows={"goal": _filled(goals), "action": _filled(actions)})
        else:
            if saved.pk != plan.pk:
                messages.success(
                    request,
                    _("The agreed plan stays as it was; your changes are version %(n)s.")
                    % {"n": saved.number},
                )
            else:
                messages.success(request, _("The plan has been saved."))
            return redirect("plans:plan_detail", plan_pk=saved.pk)
    if request.method == "POST":
        status = 400
    context = {
        "plan": plan,
        "participant": plan.participant,
        "form": form,
        "goals": goals,
        "actions": actions,
        "invalid": status == 400,
        "summary_forms": [form, *goals.forms, *actions.forms],
    }
    return render(request, "plans/plan_edit.html", context, status=status)


def _conflict(request: AuthenticatedRequest, plan: IndividualPlan, conflict: ValidationError) -> HttpResponse:
    """Show the second saver their own input again, against the newest version of the plan."""
    file = selectors.current_plan_file_for_user(request.user, plan)
    current = file.plan
    data = request.POST.copy()
    data["revision"] = str(current.revision)
    form, goals, actions = _edit_forms(file, data)
    form.is_valid()
    goals.is_valid()
    actions.is_valid()
    form.add_error(None, conflict)
    context = {
        "plan": current,
        "participant": current.participant,
        "group": current.group,
        "form": form,
        "goals": goals,
        "actions": actions,
        "conflict": True,
        "invalid": True,
        "summary_forms": [form, *goals.forms, *actions.forms],
    }
    return render(request, "plans/plan_edit.html", context, status=409)


def _filled(formset: BaseFormSet | None) -> list[BaseForm]:
    """The rows that were saved, in order: the index a service reports is into this list."""
    if formset is None:
        return []
    return [
        f
        for f in formset.forms
        if getattr(f, "cleaned_data", None) and (f.cleaned_data.get("text") or f.cleaned_data.get("what"))
    ]


@requires("casework.record")
@require_POST
def plan_sign(request: AuthenticatedRequest, plan_pk: int) -> HttpResponse:
    file = selectors.plan_file_for_user(
        request.user, plan_pk, permission="casework.record", with_attachments=True
    )
    plan = file.plan
    form = SignatureForm(request.POST, plan_type=plan.type, missing=missing_signatories(plan))
    if form.is_valid():
        try:
            services.plan_sign(
                actor=request.user,
                plan=plan,
                role=form.cleaned_data["role"],
                name=form.cleaned_data["name"],
                signed_on=form.cleaned_data["signed_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The signature has been recorded."))
            return redirect("plans:plan_detail", plan_pk=plan.pk)
    context = _detail_context(request, file, sign_form=form)
    return render(request, "plans/plan_detail.html", context, status=400)


@requires("casework.record")
@require_POST
def plan_move(request: AuthenticatedRequest, plan_pk: int) -> HttpResponse:
    plan = selectors.plan_get_for_user(request.user, plan_pk, permission="casework.record")
    to_status = request.POST.get("to", "")
    if to_status not in PlanStatus.values:
        raise Http404
    if to_status == PlanStatus.CLOSED and not is_confirmed(request):
        return confirm_post_page(
            request,
            title=_("Close the plan %(plan)s?") % {"plan": plan},
            question=_("A closed plan can no longer be changed."),
            confirm_label=_("Close the plan"),
            back=reverse("plans:plan_detail", args=[plan.pk]),
        )
    try:
        services.plan_move(actor=request.user, plan=plan, to_status=to_status)
    except (ValidationError, IllegalPlanMoveError) as error:
        messages.error(
            request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        )
    else:
        messages.success(
            request, _("The plan is now “%(status)s”.") % {"status": PlanStatus(to_status).label}
        )
    return redirect("plans:plan_detail", plan_pk=plan.pk)


@requires("casework.view")
@require_GET
def plan_pdf(request: AuthenticatedRequest, plan_pk: int) -> HttpResponse:
    file = selectors.plan_file_for_user(request.user, plan_pk)
    plan = file.plan
    context = _detail_context(request, file)
    filename = f"{plan.type.name} {plan.subject} v{plan.number}"
    return pdf_response(request, "plans/print/plan.html", context, filename)


# --- Group action plans -----------------------------------------------------------------


@requires("casework.view")
@require_GET
def groups(request: AuthenticatedRequest) -> HttpResponse:
    context = {"groups": list(selectors.groups_for_user(request.user))}
    return render(request, "plans/groups.html", context)


@requires("casework.view")
@require_http_methods(["GET", "POST"])
def group_plans(request: AuthenticatedRequest, group_pk: int) -> HttpResponse:
    group = selectors.group_get_for_user(request.user, group_pk)
    can_record = policy.can(request.user, "casework.record", group)
    form = GroupPlanCreateForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST":
        if not can_record:
            raise Http404
        if form.is_valid():
            try:
                plan = services.plan_create_for_group(
                    actor=request.user,
                    group=group,
                    plan_type_code=form.cleaned_data["plan_type_code"],
                    starts_on=form.cleaned_data["starts_on"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The plan has been created as a draft."))
                return redirect("plans:plan_edit", plan_pk=plan.pk)
    rows = selectors.group_plans_for_user(request.user, group)
    context = {"group": group, "plans": rows, "form": form, "can_record": can_record}
    return render(request, "plans/group_plans.html", context)
