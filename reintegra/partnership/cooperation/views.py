"""Pages of the stage roles and agreements of one partnership; the partnership's page shows both."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.attachments.forms import AttachmentForm
from reintegra.forms import add_service_error
from reintegra.partnership import selectors as partnership_selectors
from reintegra.partnership.cooperation import export, selectors, services
from reintegra.partnership.cooperation.forms import AgreementForm, StageRolesForm
from reintegra.partnership.models import Agreement, Partnership
from reintegra.partnership.snapshot import REFERABLE_FIELDS


def _led(request: AuthenticatedRequest, pk: int) -> Partnership:
    """A partnership this user runs (an administrator of a leading member); 404 for anyone else."""
    partnership = partnership_selectors.partnership_get_for_user(request.user, pk)
    if not partnership_selectors.can_lead(request.user, partnership):
        raise Http404
    return partnership


def _download(body: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=export.TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@requires("partnership.view")
@require_GET
def stage_roles_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in export.TYPES:
        raise Http404
    partnership = partnership_selectors.partnership_get_for_user(request.user, pk)
    rows = export.stage_rows(selectors.stage_table(partnership))
    body = export.table(_("Roles at the stages"), export.stage_headers(), rows, fmt)
    return _download(body, fmt, f"{slugify(partnership.name)}-etapy")


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def stage_roles_edit(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    partnership = _led(request, pk)
    member = partnership_selectors.member_get(partnership, member_pk)
    form = StageRolesForm(request.POST or None, initial=selectors.stage_roles_of(member))
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_roles_set(actor=request.user, member=member, descriptions=form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The roles of %(organisation)s at the stages have been saved.")
                % {"organisation": member.organisation},
            )
            return redirect("partnership:detail", pk=partnership.pk)
    context = {"partnership": partnership, "member": member, "form": form}
    return render(request, "partnership/stage_roles_form.html", context)


@requires("partnership.view")
@require_GET
def agreements_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in export.TYPES:
        raise Http404
    partnership = partnership_selectors.partnership_get_for_user(request.user, pk)
    rows = export.agreement_rows(selectors.agreements_of(partnership), timezone.localdate())
    body = export.table(_("Agreements"), export.agreement_headers(), rows, fmt)
    return _download(body, fmt, f"{slugify(partnership.name)}-porozumienia")


@requires("partnership.view")
@require_GET
def agreement_detail(request: AuthenticatedRequest, pk: int, agreement_pk: int) -> HttpResponse:
    """An agreement, the data it lets the partner receive, and the scan of the signed copy."""
    partnership = partnership_selectors.partnership_get_for_user(request.user, pk)
    agreement = selectors.agreement_get(partnership, agreement_pk)
    attachments = selectors.agreement_attachments(request.user, agreement)
    today = timezone.localdate()
    context = {
        "partnership": partnership,
        "agreement": agreement,
        "state": export.agreement_state(agreement, today),
        "expired": agreement.has_expired(today),
        "labels": [REFERABLE_FIELDS[key] for key in agreement.fields if key in REFERABLE_FIELDS],
        "can_manage": partnership_selectors.can_lead(request.user, partnership),
        "attachments": attachments,
        "attachment_form": AttachmentForm(initial={"description": _("Signed agreement")})
        if attachments.can_attach
        else None,
    }
    return render(request, "partnership/agreement_detail.html", context)


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def agreement_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = _led(request, pk)
    return _agreement_form(request, partnership, None)


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def agreement_edit(request: AuthenticatedRequest, pk: int, agreement_pk: int) -> HttpResponse:
    partnership = _led(request, pk)
    return _agreement_form(request, partnership, selectors.agreement_get(partnership, agreement_pk))


def _agreement_form(
    request: AuthenticatedRequest, partnership: Partnership, agreement: Agreement | None
) -> HttpResponse:
    organisations = selectors.member_organisations(partnership)
    initial = None
    if agreement is not None:
        data = services.agreement_data_of(agreement)
        initial = {"organisation": agreement.organisation_id, **vars(data), "data_fields": data.fields}
    form = AgreementForm(request.POST or None, initial=initial, organisations=organisations)
    if agreement is not None:
        form.fields["organisation"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            if agreement is None:
                services.agreement_record(
                    actor=request.user,
                    partnership=partnership,
                    organisation=form.cleaned_data["organisation"],
                    data=form.agreement_data(),
                )
            else:
                services.agreement_update(actor=request.user, agreement=agreement, data=form.agreement_data())
        except ValidationError as error:
            add_service_error(form, error, renamed={"fields": "data_fields"})
        else:
            messages.success(request, _("The agreement has been saved."))
            return redirect("partnership:detail", pk=partnership.pk)
    context = {"partnership": partnership, "agreement": agreement, "form": form}
    return render(request, "partnership/agreement_form.html", context)
