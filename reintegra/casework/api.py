"""API operations on case work: a person's meetings (with their next steps), the services they
received and who looks after them; read and written under the pages' permissions.

Reads go through the selectors, which log them (a page of meetings: the person and each meeting
listed); writes through the services, which check the permission on the person and are audited.
A record of another organisation is a 404, the same as one that does not exist; a role without
the permission gets 403. A correction (``PATCH``) changes only the fields it carries.
"""

# No ``from __future__ import annotations``: django-ninja reads the operations' parameter types
# through the policy's decorators, whose module cannot resolve this one's names from strings.

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from reintegra.accounts import selectors as account_selectors
from reintegra.accounts.models import Organisation, User
from reintegra.accounts.policy import requires_api
from reintegra.api_errors import Day, ErrorOut, Id, InvalidInputError, InvalidOut, Moment, Text, fields_named
from reintegra.casework import selectors, services
from reintegra.casework.models import CaseAssignment, MeetingKind, MeetingStatus, ServiceKind
from reintegra.casework.selectors import MeetingFile
from reintegra.people.models import FamilyMember, Participant
from reintegra.people.selectors import family_member_get_for_user, participant_get_for_user

router = Router(tags=["casework"])

NOTES_MAX = 20_000
MEETING_MINUTES_MAX = 24 * 60
NEXT_STEPS_MAX = 20
COST_MAX = Decimal("99999999.99")


# --- Schemas ----------------------------------------------------------------------------


class NextStepOut(Schema):
    id: int
    meeting_id: int
    text: str
    due_on: date | None
    done: bool
    done_on: date | None


class MeetingOut(Schema):
    id: int
    participant_id: int
    worker_id: int
    family_member_id: int | None
    starts_at: datetime
    duration_minutes: int
    kind: MeetingKind
    status: MeetingStatus
    notes: str
    created_at: datetime
    updated_at: datetime


class MeetingFileOut(MeetingOut):
    next_steps: list[NextStepOut]


class MeetingPage(Schema):
    items: list[MeetingOut]
    count: int
    page: int
    has_next: bool


class NextStepIn(Schema):
    text: Text = Field(min_length=1, max_length=300)
    due_on: Day | None = None


class MeetingIn(Schema):
    """A meeting dated in the future is planned; one dated now or earlier is recorded as held.
    A time without an offset is Warsaw time."""

    starts_at: Moment
    duration_minutes: int = Field(ge=1, le=MEETING_MINUTES_MAX)
    kind: MeetingKind
    notes: Text = Field("", max_length=NOTES_MAX)
    family_member_id: Id | None = Field(None, description="Empty for a meeting with the person themselves.")
    next_steps: list[NextStepIn] = Field(default_factory=list, max_length=NEXT_STEPS_MAX)


class MeetingChangesIn(Schema):
    """Only the fields sent change; ``family_member_id: null`` means the person themselves."""

    starts_at: Moment | None = None
    duration_minutes: int | None = Field(None, ge=1, le=MEETING_MINUTES_MAX)
    kind: MeetingKind | None = None
    notes: Text | None = Field(None, max_length=NOTES_MAX)
    family_member_id: Id | None = None


class HeldIn(Schema):
    notes: Text | None = Field(None, max_length=NOTES_MAX)


class NextStepDoneIn(Schema):
    done: bool


class ServiceOut(Schema):
    id: int
    participant_id: int
    kind: ServiceKind
    provider_name: str
    provider_organisation_id: int | None
    delivered_on: date
    cost: Decimal
    notes: str
    recorded_by_id: int | None
    created_at: datetime


class ServicePage(Schema):
    items: list[ServiceOut]
    count: int
    page: int
    has_next: bool


class ServiceIn(Schema):
    kind: ServiceKind
    provider_name: Text = Field("", max_length=200)
    provider_organisation_id: Id | None = Field(None, description="A partner organisation that provided it.")
    delivered_on: Day
    cost: Decimal = Field(Decimal("0.00"), ge=0, le=COST_MAX, decimal_places=2)
    notes: Text = Field("", max_length=NOTES_MAX)


class ServiceChangesIn(Schema):
    """Only the fields sent change."""

    kind: ServiceKind | None = None
    provider_name: Text | None = Field(None, max_length=200)
    provider_organisation_id: Id | None = None
    delivered_on: Day | None = None
    cost: Decimal | None = Field(None, ge=0, le=COST_MAX, decimal_places=2)
    notes: Text | None = Field(None, max_length=NOTES_MAX)


class AssignmentOut(Schema):
    id: int
    participant_id: int
    worker_id: int
    worker_name: str
    assigned_on: date
    ended_on: date | None
    assigned_by_id: int | None
    ended_by_id: int | None
    is_active: bool

    @staticmethod
    def resolve_worker_name(assignment: CaseAssignment) -> str:
        return assignment.worker.get_full_name() or assignment.worker.username


class WorkerIn(Schema):
    worker_id: Id


def _page(page: Page) -> dict[str, Any]:
    return {
        "items": list(page.object_list),
        "count": page.paginator.count,
        "page": page.number,
        "has_next": page.has_next(),
    }


def _aware(moment: datetime) -> datetime:
    """A time without an offset is Warsaw time (``TIME_ZONE``), as the pages read it."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


# --- Meetings ---------------------------------------------------------------------------


def _meeting_file(file: MeetingFile) -> dict[str, Any]:
    return {
        **MeetingOut.model_validate(file.meeting).model_dump(),
        "next_steps": [NextStepOut.model_validate(step) for step in file.next_steps],
    }


def _family_member(user: User, participant: Participant, pk: int | None) -> FamilyMember | None:
    if pk is None:
        return None
    try:
        return family_member_get_for_user(user, participant.pk, pk, permission="casework.record")
    except Http404:
        raise InvalidInputError(
            {"family_member_id": [_("Choose a family member or close contact of this person.")]}
        ) from None


@router.get("/participants/{participant_id}/meetings", response={200: MeetingPage, 404: ErrorOut})
@requires_api("casework.view")
def meeting_list(request: HttpRequest, participant_id: int, page: int = 1) -> object:
    """A person's meetings, newest first, 20 a page."""
    _participant, shown = selectors.meetings_page_for_user(request.user, participant_id, page)  # type: ignore[arg-type]
    return _page(shown)


@router.post(
    "/participants/{participant_id}/meetings",
    response={201: MeetingFileOut, 400: InvalidOut, 404: ErrorOut},
)
@requires_api("casework.record")
@fields_named(family_member="family_member_id", rows={"step": "next_steps"})
def meeting_create(request: HttpRequest, participant_id: int, payload: MeetingIn) -> object:
    user: User = request.user  # type: ignore[assignment]
    participant = participant_get_for_user(user, participant_id, permission="casework.record")
    meeting = services.meeting_record(
        actor=user,
        participant=participant,
        data=services.MeetingData(
            family_member=_family_member(user, participant, payload.family_member_id),
            starts_at=_aware(payload.starts_at),
            duration_minutes=payload.duration_minutes,
            kind=payload.kind,
            notes=payload.notes,
        ),
        next_steps=[services.NextStepData(step.text.strip(), step.due_on) for step in payload.next_steps],
    )
    return Status(201, _meeting_file(selectors.meeting_file_for_user(user, meeting.pk)))


@router.get("/meetings/{meeting_id}", response={200: MeetingFileOut, 404: ErrorOut})
@requires_api("casework.view")
def meeting_detail(request: HttpRequest, meeting_id: int) -> object:
    return _meeting_file(selectors.meeting_file_for_user(request.user, meeting_id))  # type: ignore[arg-type]


@router.patch("/meetings/{meeting_id}", response={200: MeetingFileOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("casework.record")
@fields_named(family_member="family_member_id")
def meeting_update(request: HttpRequest, meeting_id: int, payload: MeetingChangesIn) -> object:
    user: User = request.user  # type: ignore[assignment]
    meeting = selectors.meeting_get_for_user(user, meeting_id, permission="casework.record")
    changes = payload.model_dump(exclude_unset=True)
    _not_null(changes, "starts_at", "duration_minutes", "kind", "notes")
    if "family_member_id" in changes:
        changes["family_member"] = _family_member(user, meeting.participant, changes.pop("family_member_id"))
    if "starts_at" in changes:
        changes["starts_at"] = _aware(changes["starts_at"])
    services.meeting_update(
        actor=user, meeting=meeting, data=replace(services.MeetingData.of(meeting), **changes)
    )
    return _meeting_file(selectors.meeting_file_for_user(user, meeting.pk))


def _not_null(changes: dict[str, Any], *names: str) -> None:
    """A field that cannot be empty is sent with a value or not at all."""
    empty = [name for name in names if name in changes and changes[name] is None]
    if empty:
        raise InvalidInputError({name: [_("This field cannot be empty.")] for name in empty})


@router.post("/meetings/{meeting_id}/held", response={200: MeetingFileOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("casework.record")
def meeting_mark_held(request: HttpRequest, meeting_id: int, payload: HeldIn) -> object:
    """A planned meeting is recorded as held once its time has come (with its notes, if sent)."""
    user: User = request.user  # type: ignore[assignment]
    meeting = selectors.meeting_get_for_user(user, meeting_id, permission="casework.record")
    services.meeting_mark_held(actor=user, meeting=meeting, notes=payload.notes)
    return _meeting_file(selectors.meeting_file_for_user(user, meeting.pk))


@router.post("/meetings/{meeting_id}/next-steps", response={201: NextStepOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("casework.record")
def next_step_add(request: HttpRequest, meeting_id: int, payload: NextStepIn) -> object:
    user: User = request.user  # type: ignore[assignment]
    meeting = selectors.meeting_get_for_user(user, meeting_id, permission="casework.record")
    step = services.next_step_add(
        actor=user, meeting=meeting, data=services.NextStepData(payload.text.strip(), payload.due_on)
    )
    return Status(201, step)


@router.patch(
    "/meetings/{meeting_id}/next-steps/{step_id}",
    response={200: NextStepOut, 400: InvalidOut, 404: ErrorOut},
)
@requires_api("casework.record")
def next_step_update(request: HttpRequest, meeting_id: int, step_id: int, payload: NextStepDoneIn) -> object:
    """Tick a step off (the day is recorded) or back on."""
    user: User = request.user  # type: ignore[assignment]
    meeting = selectors.meeting_get_for_user(user, meeting_id, permission="casework.record")
    step = selectors.next_step_get(meeting, step_id)
    return services.next_step_set_done(actor=user, step=step, done=payload.done)


# --- Services ---------------------------------------------------------------------------


def _provider(participant: Participant, pk: int | None) -> Organisation | None:
    """A partner organisation: any other than the person's own, as the page offers them."""
    if pk is None:
        return None
    provider = Organisation.objects.exclude(pk=participant.organisation_id).filter(pk=pk).first()
    if provider is None:
        raise InvalidInputError({"provider_organisation_id": [_("Choose a partner organisation.")]})
    return provider


@router.get("/participants/{participant_id}/services", response={200: ServicePage, 404: ErrorOut})
@requires_api("casework.view")
def service_list(request: HttpRequest, participant_id: int, page: int = 1) -> object:
    """The services a person received, newest first, 20 a page."""
    _participant, shown = selectors.services_page_for_user(request.user, participant_id, page)  # type: ignore[arg-type]
    return _page(shown)


@router.post(
    "/participants/{participant_id}/services", response={201: ServiceOut, 400: InvalidOut, 404: ErrorOut}
)
@requires_api("casework.record")
@fields_named(provider_organisation="provider_organisation_id")
def service_create(request: HttpRequest, participant_id: int, payload: ServiceIn) -> object:
    user: User = request.user  # type: ignore[assignment]
    participant = participant_get_for_user(user, participant_id, permission="casework.record")
    data = services.ServiceData(
        kind=payload.kind,
        provider_name=payload.provider_name.strip(),
        provider_organisation=_provider(participant, payload.provider_organisation_id),
        delivered_on=payload.delivered_on,
        cost=payload.cost,
        notes=payload.notes,
    )
    service = services.service_record(actor=user, participant=participant, data=data)
    return Status(201, selectors.service_get_for_user(user, service.pk))


@router.get("/services/{service_id}", response={200: ServiceOut, 404: ErrorOut})
@requires_api("casework.view")
def service_detail(request: HttpRequest, service_id: int) -> object:
    return selectors.service_get_for_user(request.user, service_id)  # type: ignore[arg-type]


@router.patch("/services/{service_id}", response={200: ServiceOut, 400: InvalidOut, 404: ErrorOut})
@requires_api("casework.record")
@fields_named(provider_organisation="provider_organisation_id")
def service_update(request: HttpRequest, service_id: int, payload: ServiceChangesIn) -> object:
    user: User = request.user  # type: ignore[assignment]
    service = selectors.service_get_for_user(user, service_id, permission="casework.record")
    changes = payload.model_dump(exclude_unset=True)
    _not_null(changes, "kind", "provider_name", "delivered_on", "cost", "notes")
    if "provider_organisation_id" in changes:
        changes["provider_organisation"] = _provider(
            service.participant, changes.pop("provider_organisation_id")
        )
    services.service_update(
        actor=user, service=service, data=replace(services.ServiceData.of(service), **changes)
    )
    return selectors.service_get_for_user(user, service.pk)


# --- Case workers -----------------------------------------------------------------------


def _staff_member(participant: Participant, pk: int) -> User:
    worker = account_selectors.staff_of(participant.organisation_id).filter(pk=pk).first()
    if worker is None:
        raise InvalidInputError(
            {"worker_id": [_("Only staff of the person's organisation can look after them.")]}
        )
    return worker


@router.get(
    "/participants/{participant_id}/case-assignments", response={200: list[AssignmentOut], 404: ErrorOut}
)
@requires_api("casework.view")
def assignment_list(request: HttpRequest, participant_id: int) -> object:
    """Who looks or looked after the person, current first."""
    _participant, rows = selectors.assignments_for_user(
        request.user,  # type: ignore[arg-type]
        participant_id,
        permission="casework.view",
    )
    return rows


@router.post(
    "/participants/{participant_id}/case-assignments",
    response={201: AssignmentOut, 400: InvalidOut, 404: ErrorOut},
)
@requires_api("casework.assign")
@fields_named(worker="worker_id")
def assignment_create(request: HttpRequest, participant_id: int, payload: WorkerIn) -> object:
    """A coordinator gives the person a case worker of the person's organisation."""
    user: User = request.user  # type: ignore[assignment]
    participant = participant_get_for_user(user, participant_id, permission="casework.assign")
    worker = _staff_member(participant, payload.worker_id)
    return Status(201, services.assignment_create(actor=user, participant=participant, worker=worker))


@router.post(
    "/participants/{participant_id}/case-assignments/{assignment_id}/end",
    response={200: AssignmentOut, 400: InvalidOut, 404: ErrorOut},
)
@requires_api("casework.assign")
def assignment_end(request: HttpRequest, participant_id: int, assignment_id: int) -> object:
    """The assignment ends today; it stays in the file."""
    user: User = request.user  # type: ignore[assignment]
    participant = participant_get_for_user(user, participant_id, permission="casework.assign")
    assignment = selectors.assignment_get(participant, assignment_id)
    return services.assignment_end(actor=user, assignment=assignment)


@router.post(
    "/participants/{participant_id}/case-assignments/{assignment_id}/reassign",
    response={201: AssignmentOut, 400: InvalidOut, 404: ErrorOut},
)
@requires_api("casework.assign")
@fields_named(worker="worker_id")
def assignment_reassign(
    request: HttpRequest, participant_id: int, assignment_id: int, payload: WorkerIn
) -> object:
    """Hand the person over: this assignment ends today and the new worker's begins."""
    user: User = request.user  # type: ignore[assignment]
    participant = participant_get_for_user(user, participant_id, permission="casework.assign")
    assignment = selectors.assignment_get(participant, assignment_id)
    worker = _staff_member(participant, payload.worker_id)
    return Status(201, services.assignment_reassign(actor=user, assignment=assignment, to_worker=worker))
