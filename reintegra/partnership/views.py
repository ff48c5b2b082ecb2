"""Partnership and referral pages: members, the send form, the sent list, the inbox, a referral."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.models import Organisation
from reintegra.accounts.policy import requires
from reintegra.confirm import confirm_page, confirm_post_page, is_confirmed
from reintegra.forms import add_service_error
from reintegra.partnership import selectors, services
from reintegra.partnership.cooperation import selectors as cooperation_selectors
from reintegra.partnership.cooperation.export import agreement_state
from reintegra.partnership.forms import (
    DeclineForm,
    MemberAddForm,
    MemberRoleForm,
    NoteForm,
    OutcomeForm,
    PartnershipForm,
    ReferralForm,
    WithdrawForm,
)
from reintegra.partnership.models import Referral, ReferralStatus, Stage
from reintegra.partnership.snapshot import (
    REFERABLE_FIELDS,
    field_blocks,
    participant_initial,
    snapshot_name,
    snapshot_rows,
)
from reintegra.partnership.workflow import TAKES_IN, IllegalMoveError, can_move
from reintegra.people import selectors as people_selectors
from reintegra.people.forms import ParticipantForm
from reintegra.people.selectors import participant_get_for_user
from reintegra.people.services import ParticipantData

# --- Partnerships ---------------------------------------------------------------------


@requires("partnership.view")
@require_GET
def partnership_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "partnerships": list(selectors.partnership_list_for_user(request.user)),
        "can_create": policy.holds_anywhere(request.user, "partnership.manage"),
        "can_send": policy.holds_anywhere(request.user, "referral.send"),
    }
    return render(request, "partnership/partnership_list.html", context)


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def partnership_create(request: AuthenticatedRequest) -> HttpResponse:
    organisation = policy.organisations_where(request.user, "partnership.manage").order_by("pk").first()
    if organisation is None:
        raise Http404
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(
                actor=request.user,
                organisation=organisation,
                name=form.cleaned_data["name"],
                area_description=form.cleaned_data["area_description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The partnership has been created."))
            return redirect("partnership:detail", pk=partnership.pk)
    return render(request, "partnership/partnership_form.html", {"form": form, "organisation": organisation})


@requires("partnership.view")
@require_GET
def partnership_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(request.user, pk)
    can_manage = selectors.can_lead(request.user, partnership)
    form = MemberAddForm(organisations=selectors.organisations_to_add(partnership)) if can_manage else None
    return _render_detail(request, partnership, form, can_manage)


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def partnership_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(request.user, pk)
    if not selectors.can_lead(request.user, partnership):
        raise Http404
    initial = {"name": partnership.name, "area_description": partnership.area_description}
    form = PartnershipForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                actor=request.user,
                partnership=partnership,
                name=form.cleaned_data["name"],
                area_description=form.cleaned_data["area_description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The partnership has been saved."))
            return redirect("partnership:detail", pk=partnership.pk)
    return render(request, "partnership/partnership_edit.html", {"form": form, "partnership": partnership})


def _render_detail(
    request: AuthenticatedRequest, partnership: object, form: MemberAddForm | None, can_manage: bool
) -> HttpResponse:
    members = list(selectors.members_of(partnership))  # type: ignore[arg-type]
    today = timezone.localdate()
    context = {
        "partnership": partnership,
        "members": [
            (m, MemberRoleForm(initial={"role": m.role}, member_pk=m.pk) if can_manage else None)
            for m in members
        ],
        "can_manage": can_manage,
        "form": form,
        "stages": list(Stage),
        "stage_rows": cooperation_selectors.stage_table(partnership),  # type: ignore[arg-type]
        "agreements": [
            (
                agreement,
                agreement_state(agreement, today),
                agreement.has_expired(today),
                [REFERABLE_FIELDS[key] for key in agreement.fields if key in REFERABLE_FIELDS],
            )
            for agreement in cooperation_selectors.agreements_of(partnership)  # type: ignore[arg-type]
        ],
    }
    return render(request, "partnership/partnership_detail.html", context)


@requires("partnership.manage")
@require_POST
def member_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(request.user, pk)
    if not selectors.can_lead(request.user, partnership):
        raise Http404
    form = MemberAddForm(request.POST, organisations=selectors.organisations_to_add(partnership))
    if form.is_valid():
        try:
            services.partnership_member_add(
                actor=request.user,
                partnership=partnership,
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The organisation has joined the partnership."))
            return redirect("partnership:detail", pk=partnership.pk)
    return _render_detail(request, partnership, form, True)


@requires("partnership.manage")
@require_POST
def member_change_role(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    partnership = selectors.partnership_get_for_user(request.user, pk)
    if not selectors.can_lead(request.user, partnership):
        raise Http404
    member = selectors.member_get(partnership, member_pk)
    form = MemberRoleForm(request.POST, member_pk=member.pk)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["role"]))
        return redirect("partnership:detail", pk=partnership.pk)
    try:
        services.partnership_member_change_role(
            actor=request.user, member=member, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(organisation)s is now “%(role)s” in the partnership.")
            % {"organisation": member.organisation, "role": member.get_role_display()},
        )
    return redirect("partnership:detail", pk=partnership.pk)


@requires("partnership.manage")
@require_http_methods(["GET", "POST"])
def member_remove(request: AuthenticatedRequest, pk: int, member_pk: int) -> HttpResponse:
    """GET asks for confirmation; POST removes the organisation from the partnership."""
    partnership = selectors.partnership_get_for_user(request.user, pk)
    if not selectors.can_lead(request.user, partnership):
        raise Http404
    member = selectors.member_get(partnership, member_pk)
    if request.method == "GET":
        return confirm_page(
            request,
            title=_("Remove %(organisation)s from the partnership?") % {"organisation": member.organisation},
            question=_("Referrals already sent stay; no new ones can be sent to or from it here."),
            confirm_label=_("Remove"),
            back=reverse("partnership:detail", args=[partnership.pk]),
        )
    try:
        services.partnership_member_remove(actor=request.user, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The organisation has left the partnership."))
    return redirect("partnership:detail", pk=partnership.pk)


# --- Referrals ------------------------------------------------------------------------


@requires("referral.send")
@require_http_methods(["GET", "POST"])
def referral_create(request: AuthenticatedRequest, participant_pk: int) -> HttpResponse:
    participant = participant_get_for_user(request.user, participant_pk, permission="referral.send")
    targets = selectors.referral_targets(participant.organisation_id)
    blocks = field_blocks(participant.consents.all(), request.POST.get("legal_basis", ""))
    agreed = selectors.agreed_fields_by_receiver(participant.organisation_id, timezone.localdate())
    receiver = _chosen_receiver(request, targets)
    form = ReferralForm(
        request.POST or None,
        initial={"to_organisation": receiver.pk} if receiver else None,
        targets=targets,
        blocks=blocks,
        agreed=agreed.get(receiver.pk) if receiver else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_send(
                actor=request.user,
                participant=participant,
                to_organisation=form.cleaned_data["to_organisation"],
                fields=form.cleaned_data["referred_fields"],
                reason=form.cleaned_data["reason"],
                legal_basis=form.cleaned_data["legal_basis"],
                legal_basis_reference=form.cleaned_data["legal_basis_reference"],
            )
        except ValidationError as error:
            add_service_error(form, error, renamed={"fields": "referred_fields"})
        else:
            messages.success(request, _("The referral has been sent."))
            return redirect("partnership:referral_detail", pk=referral.pk)
    context = {
        "participant": participant,
        "form": form,
        "has_targets": targets.exists(),
        "receiver": receiver,
        "receiver_agreed": agreed.get(receiver.pk) if receiver else None,
        "agreements": [
            (target, [REFERABLE_FIELDS[key] for key in REFERABLE_FIELDS if key in agreed[target.pk]])
            if target.pk in agreed
            else (target, None)
            for target in targets
        ],
    }
    return render(request, "partnership/referral_form.html", context)


def _chosen_receiver(request: AuthenticatedRequest, targets: QuerySet[Organisation]) -> Organisation | None:
    """The organisation the form is sent to, or picked from the agreements' table (``?to=``)."""
    chosen = request.POST.get("to_organisation") or request.GET.get("to") or ""
    if not chosen.isdigit() or len(chosen) > 18:
        return None
    return targets.filter(pk=int(chosen)).first()


def _rows(referrals: list[Referral], *, to_sender: bool) -> list[dict[str, object]]:
    withdrawn = {} if to_sender else selectors.referral_withdrawn_fields(referrals)
    return [
        {
            "referral": referral,
            "name": "—"
            if selectors.referral_data_withheld(referral, to_sender=to_sender)
            else snapshot_name(referral.snapshot, withdrawn.get(referral.pk)),
        }
        for referral in referrals
    ]


@requires("referral.send")
@require_GET
def referral_sent(request: AuthenticatedRequest) -> HttpResponse:
    page = selectors.referral_sent_page_for_user(request.user, request.GET.get("page"))
    context = {"page": page, "rows": _rows(list(page), to_sender=True), "box": "sent", "can_send": True}
    return render(request, "partnership/referral_list.html", context)


@requires("referral.view")
@require_GET
def referral_inbox(request: AuthenticatedRequest) -> HttpResponse:
    page = selectors.referral_inbox_page_for_user(request.user, request.GET.get("page"))
    context = {
        "page": page,
        "rows": _rows(list(page), to_sender=False),
        "box": "inbox",
        "can_send": policy.holds_anywhere(request.user, "referral.send"),
    }
    return render(request, "partnership/referral_list.html", context)


@requires("referral.view")
@require_GET
def referral_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    referral, access = selectors.referral_get_for_user(request.user, pk)
    return _render_referral(request, referral, access)


def _render_referral(
    request: AuthenticatedRequest,
    referral: Referral,
    access: selectors.ReferralAccess,
    decline_form: DeclineForm | None = None,
    withdraw_form: WithdrawForm | None = None,
    outcome_form: OutcomeForm | None = None,
) -> HttpResponse:
    history = list(selectors.history_of(referral))
    withheld = selectors.referral_data_withheld(referral, to_sender=access.is_sender)
    takes_in = access.can_act and referral.status in TAKES_IN
    context = {
        "referral": referral,
        "access": access,
        "withheld": withheld,
        "withdrawal": next((c for c in history if c.to_status == ReferralStatus.WITHDRAWN), None),
        "history": history,
        "can_withdraw": access.is_sender and can_move(referral.status, ReferralStatus.WITHDRAWN),
        "decline_form": decline_form or DeclineForm(),
        "note_form": NoteForm(),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "outcomes": list(selectors.outcomes_of(referral)),
        "can_take_in": takes_in and referral.received_participant_id is None,
        "can_report": takes_in,
        "outcome_form": outcome_form or OutcomeForm(),
    }
    if not withheld:
        # The sender keeps seeing what it sent, and is told what the receiver no longer sees.
        withdrawn = selectors.referral_withdrawn_fields([referral]).get(referral.pk, {})
        shown_withdrawn = {} if access.is_sender else withdrawn
        context["name"] = snapshot_name(referral.snapshot, shown_withdrawn)
        context["rows"] = snapshot_rows(referral.snapshot, shown_withdrawn)
        context["hidden_from_receiver"] = list(withdrawn.values()) if access.is_sender else []
        context["field_labels"] = [REFERABLE_FIELDS[k] for k in referral.fields if k in REFERABLE_FIELDS]
    return render(request, "partnership/referral_detail.html", context)


def _move(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    referral, access = selectors.referral_get_for_user(request.user, pk)
    if not access.can_act:
        raise Http404
    decline_form = DeclineForm(request.POST) if action == "decline" else None
    note = request.POST.get("note", "")
    try:
        if action == "accept":
            services.referral_accept(actor=request.user, referral=referral, note=note)
        elif action == "complete":
            services.referral_complete(actor=request.user, referral=referral, note=note)
        else:
            assert decline_form is not None
            if not decline_form.is_valid():
                return _render_referral(request, referral, access, decline_form)
            if not is_confirmed(request):
                return confirm_post_page(
                    request,
                    title=_("Decline the referral?"),
                    question=_("The sending organisation will be told, with your reason."),
                    confirm_label=_("Decline"),
                    back=reverse("partnership:referral_detail", args=[pk]),
                )
            services.referral_decline(
                actor=request.user, referral=referral, reason=decline_form.cleaned_data["reason"]
            )
    except IllegalMoveError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        form = decline_form or DeclineForm()
        add_service_error(form, error)
        return _render_referral(request, referral, access, form)
    else:
        messages.success(request, _("The status of the referral has been changed."))
    return redirect("partnership:referral_detail", pk=pk)


@requires("referral.act")
@require_POST
def referral_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(request, pk, "accept")


@requires("referral.act")
@require_POST
def referral_decline(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(request, pk, "decline")


@requires("referral.act")
@require_POST
def referral_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _move(request, pk, "complete")


@requires("referral.send")
@require_POST
def referral_withdraw(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    referral, access = selectors.referral_get_for_user(request.user, pk)
    if not access.is_sender:
        raise Http404
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_referral(request, referral, access, withdraw_form=form)
    if not is_confirmed(request):
        return confirm_post_page(
            request,
            title=_("Withdraw the referral?"),
            question=_("The receiving organisation will no longer see what was referred about the person."),
            confirm_label=_("Withdraw the referral"),
            back=reverse("partnership:referral_detail", args=[pk]),
        )
    try:
        services.referral_withdraw(actor=request.user, referral=referral, reason=form.cleaned_data["reason"])
    except IllegalMoveError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The referral has been withdrawn and the receiving organisation told."))
    return redirect("partnership:referral_detail", pk=pk)


# --- Taking the person in, and the outcome ----------------------------------------------------


def _receivers_referral(request: AuthenticatedRequest, pk: int) -> Referral:
    """A referral this user answers for the receiver; 404 for anyone else, the sender included."""
    referral, access = selectors.referral_get_for_user(request.user, pk)
    if not access.can_act:
        raise Http404
    return referral


@requires("referral.act")
@require_http_methods(["GET", "POST"])
def referral_take_in(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A participant form filled with exactly the referred fields; the worker checks it, adds
    what the referral did not carry and saves; or links a record the organisation already keeps."""
    referral = _receivers_referral(request, pk)
    if referral.status not in TAKES_IN or referral.received_participant_id is not None:
        messages.error(request, _("The person cannot be taken in from this referral now."))
        return redirect("partnership:referral_detail", pk=pk)
    withdrawn = selectors.referral_withdrawn_fields([referral]).get(referral.pk, {})
    initial = participant_initial(referral.snapshot, withdrawn)
    form = ParticipantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.referral_take_in(
                actor=request.user, referral=referral, data=form.participant_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The person has been registered from the referral."))
            return redirect("people:participant_detail", pk=participant.pk)
    probe = ParticipantData(
        first_name=initial.get("first_name", ""),
        last_name=initial.get("last_name", ""),
        pesel=initial.get("pesel", ""),
        birth_date=initial.get("birth_date"),
    )
    candidates = people_selectors.duplicates_for(
        request.user, probe, organisation_id=referral.to_organisation_id
    )
    context = {
        "referral": referral,
        "form": form,
        "candidates": candidates,
        "referred": [form.fields[name].label for name in form.fields if name in initial],
    }
    return render(request, "partnership/referral_take_in.html", context)


@requires("referral.act")
@require_POST
def referral_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    referral = _receivers_referral(request, pk)
    try:
        participant_pk = int(request.POST.get("participant", ""))
    except ValueError:
        raise Http404 from None
    participant = participant_get_for_user(request.user, participant_pk, permission="participant.change")
    try:
        services.referral_link(actor=request.user, referral=referral, participant=participant)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnership:referral_detail", pk=pk)
    messages.success(request, _("The referral has been linked to the person's file."))
    return redirect("people:participant_detail", pk=participant.pk)


@requires("referral.act")
@require_POST
def referral_outcome(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    referral, access = selectors.referral_get_for_user(request.user, pk)
    if not access.can_act:
        raise Http404
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.referral_report_outcome(
                actor=request.user,
                referral=referral,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The outcome has been reported to the sending organisation."))
            return redirect("partnership:referral_detail", pk=pk)
    return _render_referral(request, referral, access, outcome_form=form)
