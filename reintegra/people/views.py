"""Participant pages: list and search, the file with its tabs, and the forms that change it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reintegra import rows
from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.attachments.forms import AttachmentForm
from reintegra.confirm import confirm_page
from reintegra.dates import day
from reintegra.forms import add_service_error
from reintegra.people import export, selectors, services
from reintegra.people.forms import (
    ConsentForm,
    ConsentWithdrawForm,
    FamilyMemberForm,
    ParticipantCreateForm,
    ParticipantFilterForm,
    ParticipantForm,
)
from reintegra.people.models import LabourStatus, Participant
from reintegra.people.selectors import ParticipantFilter


def _filters(request: AuthenticatedRequest) -> tuple[ParticipantFilterForm, ParticipantFilter | None]:
    form = ParticipantFilterForm(
        request.GET or None, programmes=selectors.programmes_for_filter(request.user)
    )
    return form, form.to_filter() if form.is_bound and form.is_valid() else None


@requires("participant.view")
@require_GET
def participant_list(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filters(request)
    page = selectors.participant_page_for_user(request.user, filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # htmx asks for the results only; without JavaScript the form reloads the whole page.
    template = "people/participant_list.html#results" if request.htmx else "people/participant_list.html"
    context = {
        "form": form,
        "page": page,
        "rows": _rows(page),
        "query": query.urlencode(),
        "can_create": policy.holds_anywhere(request.user, "participant.create"),
    }
    return render(request, template, context)


@dataclass(frozen=True)
class ListRow:
    address: str
    name: str
    pesel: str
    birth_date: str
    organisation: str
    gmina: str
    labour_status: str


def _rows(people: Iterable[Participant]) -> list[ListRow]:
    """The table's rows as the template prints them (``reintegra.rows``: addresses and labels
    worked out once a page)."""
    address = rows.address_of("people:participant_detail")
    statuses = rows.labels(LabourStatus)
    return [
        ListRow(
            address=address(person.pk),
            name=f"{person.last_name} {person.first_name}",
            pesel=person.pesel or "—",
            birth_date=day(person.birth_date),
            organisation=person.organisation.short_name or person.organisation.name,
            gmina=person.gmina.name if person.gmina else "—",
            labour_status=statuses.get(person.labour_status) or "—",
        )
        for person in people
    ]


@requires("participant.view")
@require_GET
def participant_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    _form, filters = _filters(request)
    limited = selectors.participant_export_for_user(request.user, filters, fmt=fmt)
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(limited),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export.as_csv(limited), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants.{fmt}"'
    return response


@requires("participant.create")
@require_http_methods(["GET", "POST"])
def participant_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(policy.organisations_where(request.user, "participant.create"))
    form = ParticipantCreateForm(request.POST or None, organisations=organisations)
    duplicates: list[Participant] = []
    if request.method == "POST" and form.is_valid():
        data = form.participant_data()
        duplicates = selectors.duplicates_for(request.user, data)
        # A likely duplicate is a warning: the worker confirms and may still register the person.
        if not duplicates or form.cleaned_data["confirm_different_person"]:
            try:
                participant = services.participant_create(
                    actor=request.user, organisation=form.cleaned_data["organisation"], data=data
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The participant has been registered."))
                return redirect("people:participant_detail", pk=participant.pk)
    if not duplicates:
        del form.fields["confirm_different_person"]
    return render(request, "people/participant_form.html", {"form": form, "duplicates": duplicates})


@requires("participant.view")
@require_GET
def participant_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    tab = request.GET.get("tab", "data")
    if tab not in selectors.FILE_TABS:
        tab = "data"
    file = selectors.participant_file_for_user(request.user, pk, tab)
    context: dict[str, object] = {
        "participant": file.participant,
        "tab": tab,
        "can_change": policy.can(request.user, "participant.change", file.participant),
        "consents": file.consents,
        "family": file.family,
        "enrolments": file.enrolments,
        "summary": file.summary,
        "attachments": file.attachments,
        "attachment_form": AttachmentForm() if file.attachments and file.attachments.can_attach else None,
    }
    return render(request, "people/participant_detail.html", context)


def _file_url(participant: Participant, tab: str = "data") -> str:
    return f"{reverse('people:participant_detail', args=[participant.pk])}?tab={tab}"


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def participant_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_get_for_user(request.user, pk, permission="participant.change")
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                actor=request.user, participant=participant, data=form.participant_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect(_file_url(participant))
    return render(request, "people/participant_form.html", {"form": form, "participant": participant})


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def consent_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_get_for_user(request.user, pk, permission="participant.change")
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                actor=request.user,
                participant=participant,
                kind=form.cleaned_data["kind"],
                given_on=form.cleaned_data["given_on"],
                document=form.cleaned_data["document"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The consent has been recorded."))
            return redirect(_file_url(participant, "consents"))
    context = {"form": form, "participant": participant, "title": _("Record a consent")}
    return render(request, "people/participant_subform.html", context)


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def consent_withdraw(request: AuthenticatedRequest, pk: int, consent_pk: int) -> HttpResponse:
    consent = selectors.consent_get_for_user(request.user, pk, consent_pk, permission="participant.change")
    participant = consent.participant
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user,
                consent=consent,
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The withdrawal of the consent has been recorded."))
            return redirect(_file_url(participant, "consents"))
    title = _("Withdraw the consent: %(consent)s") % {"consent": consent.get_kind_display()}
    context = {"form": form, "participant": participant, "title": title}
    return render(request, "people/participant_subform.html", context)


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def family_member_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_get_for_user(request.user, pk, permission="participant.change")
    form = FamilyMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.family_member_add(
            actor=request.user, participant=participant, data=form.family_member_data()
        )
        messages.success(request, _("The family member or contact has been added."))
        return redirect(_file_url(participant, "family"))
    context = {"form": form, "participant": participant, "title": _("Add a family member or close contact")}
    return render(request, "people/participant_subform.html", context)


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def family_member_edit(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    member = selectors.family_member_get_for_user(
        request.user, pk, member_pk, permission="participant.change"
    )
    participant = member.participant
    form = FamilyMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        services.family_member_update(actor=request.user, member=member, data=form.family_member_data())
        messages.success(request, _("The changes have been saved."))
        return redirect(_file_url(participant, "family"))
    title = _("Edit: %(name)s") % {"name": member}
    context = {"form": form, "participant": participant, "title": title, "member": member}
    return render(request, "people/participant_subform.html", context)


@requires("participant.change")
@require_http_methods(["GET", "POST"])
def family_member_remove(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes (marks the record removed, see the service)."""
    member = selectors.family_member_get_for_user(
        request.user, pk, member_pk, permission="participant.change"
    )
    participant = member.participant
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove %(name)s from the file?") % {"name": member},
            question=_(
                "%(name)s will no longer be listed among the family and contacts. Meetings held "
                "with them keep their record."
            )
            % {"name": member},
            confirm_label=_("Remove"),
            back=_file_url(participant, "family"),
        )
    try:
        services.family_member_remove(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The family member or contact has been removed."))
    return redirect(_file_url(participant, "family"))
