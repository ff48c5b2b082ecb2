"""Job fair pages: the staff's (set-up, list, door, guests, summary) and the employer contact's
(fairs open for sign-up, her stands). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reintegra import tables
from reintegra.accounts import policy
from reintegra.accounts.http import AuthenticatedRequest
from reintegra.accounts.policy import requires
from reintegra.activities.models import Venue
from reintegra.collation import by_name
from reintegra.employers.fairs import selectors, services
from reintegra.employers.fairs.forms import FairForm, InterviewForm, OutcomeForm, SignUpForm, StandForm
from reintegra.employers.models import FairGuest, JobFair, OutcomeKind
from reintegra.forms import add_service_error

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# --- Staff ---------------------------------------------------------------------------------


@requires("fair.view")
@require_GET
def fair_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "fairs": selectors.fair_list_for_user(request.user),
        "may_create": policy.holds_anywhere(request.user, "fair.manage"),
        "may_contest": policy.holds_anywhere(request.user, "contest.view"),
    }
    return render(request, "employers/fairs/fair_list.html", context)


def _venues(organisation_ids: list[int]) -> Any:
    return Venue.objects.filter(organisation_id__in=organisation_ids).order_by(*by_name("name"), "pk")


@requires("fair.manage")
@require_http_methods(["GET", "POST"])
def fair_create(request: AuthenticatedRequest) -> HttpResponse:
    organisations = list(policy.organisations_where(request.user, "fair.manage").order_by(*by_name("name")))
    form = FairForm(
        request.POST or None, organisations=organisations, venues=_venues([o.pk for o in organisations])
    )
    if request.method == "POST" and form.is_valid():
        try:
            fair = services.fair_create(
                actor=request.user, organisation=form.cleaned_data["organisation"], data=form.fair_data()
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The fair was set up."))
            return redirect("employers:fairs:fair_detail", fair.pk)
    return render(request, "employers/fairs/fair_form.html", {"form": form})


@requires("fair.manage")
@require_http_methods(["GET", "POST"])
def fair_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    fair = selectors.fair_get_for_user(request.user, pk, permission="fair.manage")
    initial = {name: getattr(fair, name) for name in services.FAIR_FIELDS}
    form = FairForm(
        request.POST or None,
        initial=initial,
        organisations=[fair.organisation],
        venues=_venues([fair.organisation_id]),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.fair_update(actor=request.user, fair=fair, data=form.fair_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("employers:fairs:fair_detail", fair.pk)
    return render(request, "employers/fairs/fair_form.html", {"form": form, "fair": fair})


@requires("fair.view")
@require_GET
def fair_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    fair = selectors.fair_get_for_user(request.user, pk)
    context = {
        "fair": fair,
        "stands": selectors.stands_of(fair),
        "summary": selectors.fair_summary(fair),
        "sign_up_open": services.sign_up_open(fair),
        "may_manage": policy.can(request.user, "fair.manage", fair),
        "may_record": policy.can(request.user, "fair.record", fair),
    }
    return render(request, "employers/fairs/fair_detail.html", context)


@requires("fair.manage")
@require_http_methods(["GET", "POST"])
def stand_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    fair = selectors.fair_get_for_user(request.user, pk, permission="fair.manage")
    employers = selectors.employers_for_fair(fair)
    offers = selectors.offers_of(employers)
    form = StandForm(request.POST or None, employers=employers, offers=offers)
    if request.method == "POST" and form.is_valid():
        try:
            services.stand_add(actor=request.user, fair=fair, data=form.stand_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The stand was added."))
            return redirect("employers:fairs:fair_detail", fair.pk)
    title = _("Add an employer's stand")
    return render(request, "employers/fairs/fair_action.html", {"form": form, "fair": fair, "title": title})


def _chosen_ids(request: AuthenticatedRequest, name: str) -> list[int]:
    values = request.POST.getlist(name)
    if not values or any(not value.isdigit() or len(value) > 12 for value in values):
        return []
    return [int(value) for value in values]


@requires("fair.record")
@require_http_methods(["GET", "POST"])
def guest_invite(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Find people by name and put the chosen ones on the fair's list."""
    fair = selectors.fair_get_for_user(request.user, pk, permission="fair.record")
    errors: list[str] = []
    if request.method == "POST":
        ids = _chosen_ids(request, "person")
        if not ids:
            errors.append(_("Person: choose at least one person."))
        else:
            try:
                people = selectors.people_get_for_user(request.user, ids)
                guests = services.guests_invite(actor=request.user, fair=fair, people=people)
            except ValidationError as error:
                errors = _messages(error)
            else:
                messages.success(request, _("Invited: %(count)d.") % {"count": len(guests)})
                return redirect("employers:fairs:guest_invite", fair.pk)
    query = request.GET.get("q", "")[:100]
    context = {
        "fair": fair,
        "query": query,
        "found": selectors.people_search(request.user, query),
        "guests": selectors.guest_list(request.user, fair),
        "errors": errors,
    }
    return render(request, "employers/fairs/guest_invite.html", context, status=400 if errors else 200)


FIELD_LABELS = {
    "participant": _("Person"),
    "stand": _("Stand"),
    "kind": _("What followed"),
    "offer": _("Offer"),
    "employer": _("Employer"),
}


def _messages(error: ValidationError) -> list[str]:
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        f"{FIELD_LABELS.get(name, name)}: {message}"
        for name, items in error.message_dict.items()
        for message in items
    ]


@requires("fair.record")
@require_http_methods(["GET", "POST"])
def door(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The phone page at the door: each person on the list with one button that checks her in."""
    fair = selectors.fair_get_for_user(request.user, pk, permission="fair.record")
    errors: list[str] = []
    if request.method == "POST":
        ids = _chosen_ids(request, "person")
        if len(ids) != 1:
            raise Http404
        person = selectors.guest_by_person(request.user, fair, ids[0])
        walk_in = request.POST.get("walk_in") == "1"
        try:
            if walk_in:
                services.walk_in_add(actor=request.user, fair=fair, participant=person)
            else:
                services.guest_check_in(actor=request.user, fair=fair, participant=person)
        except ValidationError as error:
            errors = _messages(error)
        else:
            messages.success(request, _("%(person)s has come.") % {"person": person})
            return redirect("employers:fairs:door", fair.pk)
    query = request.GET.get("q", "")[:100]
    guests = selectors.guest_list(request.user, fair)
    listed = {guest.participant_id for guest in guests}
    context = {
        "fair": fair,
        "guests": guests,
        "came": sum(1 for guest in guests if guest.came),
        "query": query,
        "found": [
            person for person in selectors.people_search(request.user, query) if person.pk not in listed
        ],
        "errors": errors,
    }
    return render(request, "employers/fairs/door.html", context, status=400 if errors else 200)


def _guest_context(
    request: AuthenticatedRequest, fair: JobFair, guest: FairGuest, **forms: Any
) -> dict[str, Any]:
    stands = fair.stands.select_related("employer__organisation").order_by("number", "pk")
    only = list(stands[:2])
    # With one stand at the fair there is nothing to choose.
    initial = {"stand": only[0]} if len(only) == 1 else {}
    return {
        "fair": fair,
        "guest": guest,
        "interview_form": forms.get("interview_form")
        or InterviewForm(stands=stands, prefix="interview", initial=initial),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(stands=stands, prefix="outcome", initial=initial),
        "interviews": guest.interviews.select_related("stand__employer__organisation"),
        "outcomes": guest.outcomes.select_related("stand__employer__organisation", "offer"),
    }


@requires("fair.record")
@require_GET
def guest_detail(request: AuthenticatedRequest, pk: int, guest_pk: int) -> HttpResponse:
    fair = selectors.fair_get_for_user(request.user, pk, permission="fair.record")
    guest = selectors.guest_get_for_user(request.user, fair, guest_pk)
    return render(request, "employers/fairs/guest_detail.html", _guest_context(request, fair, guest))


@requires("fair.record")
@require_POST
def interview_record(request: AuthenticatedRequest, pk: int, guest_pk: int) -> HttpResponse:
    fair = selectors.fair_get_for_user(request.user, pk, permission="fair.record")
    guest = selectors.guest_get_for_user(request.user, fair, guest_pk)
    form = InterviewForm(request.POST, stands=fair.stands.all(), prefix="interview")
    if form.is_valid():
        try:
            services.interview_record(actor=request.user, guest=guest, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The interview was recorded."))
            return redirect("employers:fairs:guest_detail", fair.pk, guest.pk)
    context = _guest_context(request, fair, guest, interview_form=form)
    return render(request, "employers/fairs/guest_detail.html", context, status=400)


@requires("fair.record")
@require_POST
def outcome_record(request: AuthenticatedRequest, pk: int, guest_pk: int) -> HttpResponse:
    fair = selectors.fair_get_for_user(request.user, pk, permission="fair.record")
    guest = selectors.guest_get_for_user(request.user, fair, guest_pk)
    form = OutcomeForm(request.POST, stands=fair.stands.all(), prefix="outcome")
    if form.is_valid():
        try:
            services.outcome_record(actor=request.user, guest=guest, data=form.outcome_data())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The outcome was recorded."))
            return redirect("employers:fairs:guest_detail", fair.pk, guest.pk)
    context = _guest_context(request, fair, guest, outcome_form=form)
    return render(request, "employers/fairs/guest_detail.html", context, status=400)


def summary_table(summary: selectors.FairSummary) -> tuple[list[str], list[list[str]]]:
    """The summary by stand, with a row of totals: counts only, no person."""
    kinds = list(OutcomeKind)
    headers = [_("Stand"), _("Employer"), _("Interviews"), *[str(kind.label) for kind in kinds]]
    rows = [
        [
            str(row.stand.number),
            str(row.stand.employer),
            str(row.interviews),
            *[str(row.outcomes[kind.value]) for kind in kinds],
        ]
        for row in summary.stands
    ]
    rows.append(
        ["", _("Total"), str(summary.interviews), *[str(summary.outcomes[kind.value]) for kind in kinds]]
    )
    return headers, rows


@requires("fair.view")
@require_GET
def fair_summary(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    fair = selectors.fair_get_for_user(request.user, pk)
    summary = selectors.fair_summary(fair)
    headers, rows = summary_table(summary)
    context = {"fair": fair, "summary": summary, "headers": headers, "rows": rows}
    return render(request, "employers/fairs/fair_summary.html", context)


@requires("fair.view")
@require_GET
def fair_summary_export(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_TYPES:
        raise Http404
    fair = selectors.fair_get_for_user(request.user, pk)
    headers, rows = summary_table(selectors.fair_summary(fair))
    body = tables.as_xlsx(_("Summary"), headers, rows) if fmt == "xlsx" else tables.as_csv(headers, rows)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="ryneczek-{fair.held_on}.{fmt}"'
    return response


# --- The employer contact ------------------------------------------------------------------


def _employer(request: AuthenticatedRequest) -> Any:
    employer = selectors.employer_of_contact(request.user)
    if employer is None:
        raise Http404
    return employer


@requires("fair.sign_up")
@require_GET
def employer_fairs(request: AuthenticatedRequest) -> HttpResponse:
    """What an employer contact sees: fairs open for sign-up, her employer's stands, published
    contest results. No person. Before her organisation is set up as an employer, nothing."""
    employer = selectors.employer_of_contact(request.user)
    context: dict[str, Any] = {"employer": employer, "today": timezone.localdate()}
    if employer is not None:
        stands = selectors.stands_of_employer(employer)
        signed = {stand.fair_id for stand in stands}
        context.update(
            open_fairs=[fair for fair in selectors.fairs_open_to(employer) if fair.pk not in signed],
            stands=stands,
            contests=selectors.published_contests_for(employer),
        )
    return render(request, "employers/fairs/employer_fairs.html", context)


@requires("fair.sign_up")
@require_http_methods(["GET", "POST"])
def sign_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    employer = _employer(request)
    fair = selectors.fair_get_for_contact(request.user, employer, pk)
    form = SignUpForm(request.POST or None, offers=selectors.open_offers_of(employer))
    if request.method == "POST" and form.is_valid():
        try:
            stand = services.stand_add(actor=request.user, fair=fair, data=form.stand_data(employer))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(employer)s is signed up: stand %(number)d.")
                % {"employer": employer, "number": stand.number},
            )
            return redirect("employers:fairs:employer_fairs")
    return render(request, "employers/fairs/sign_up.html", {"form": form, "fair": fair, "employer": employer})
