"""Reads of case work, always scoped to the organisations where the user may see the person.

A meeting or service of another organisation is answered with ``Http404``, the same as one that
does not exist. The functions that return a person's case work log the reads themselves: a
meeting (with its next steps), a service, a page of a person's meetings or services, a person's
case workers, each with the person and in one statement (``reads_together``). The caseload's
reads are in ``caseload.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_reads, reads_together
from reintegra.casework.models import CaseAssignment, Meeting, MeetingStatus, NextStep, ServiceDelivery
from reintegra.pagination import KeysPagePaginator
from reintegra.people.models import Participant
from reintegra.people.selectors import participant_get_for_user
from reintegra.people.summary import ITEMS_SHOWN, SummaryItem, SummarySection

PAGE_SIZE = 20

# --- A person's case file ---------------------------------------------------------------


def meetings_page_for_user(user: User, participant_pk: int, number: object = 1) -> tuple[Participant, Page]:
    """A person and a page of their meetings, newest first (read by key: page 500 is as cheap as
    page 1); the person and each meeting listed are logged as read together."""
    with reads_together():
        participant = participant_get_for_user(user, participant_pk, permission="casework.view")
        meetings = participant.meetings.select_related("participant", "worker", "family_member").order_by(
            "-starts_at", "-pk"
        )
        page = KeysPagePaginator(meetings, PAGE_SIZE).get_page(number)
        log_reads(page.object_list, actor=user)
    return participant, page


def services_page_for_user(user: User, participant_pk: int, number: object = 1) -> tuple[Participant, Page]:
    """A person and a page of the services delivered to them, newest first; logged together."""
    with reads_together():
        participant = participant_get_for_user(user, participant_pk, permission="casework.view")
        services = participant.services.select_related("participant", "provider_organisation").order_by(
            "-delivered_on", "-pk"
        )
        page = KeysPagePaginator(services, PAGE_SIZE).get_page(number)
        log_reads(page.object_list, actor=user)
    return participant, page


def assignments_for_user(
    user: User, participant_pk: int, *, permission: str = "casework.assign"
) -> tuple[Participant, list[CaseAssignment]]:
    """A person and who looks or looked after them, current first; logged together."""
    with reads_together():
        participant = participant_get_for_user(user, participant_pk, permission=permission)
        assignments = list(
            participant.assignments.select_related(
                "participant", "worker", "assigned_by", "ended_by"
            ).order_by(F("ended_on").desc(nulls_first=True), "-assigned_on", "-pk")
        )
        log_reads(assignments, actor=user)
    return participant, assignments


def assignment_get(participant: Participant, pk: int) -> CaseAssignment:
    assignment = participant.assignments.select_related("participant", "worker").filter(pk=pk).first()
    if assignment is None:
        raise Http404
    return assignment


def meeting_get_for_user(user: User, pk: int, *, permission: str = "casework.view") -> Meeting:
    """A meeting, if the user may see its person; the read is audited."""
    organisation_ids = policy.organisation_ids_where(user, permission)
    meeting = (
        Meeting.objects.select_related("participant", "participant__organisation", "worker", "family_member")
        .filter(pk=pk, participant__organisation_id__in=organisation_ids)
        .first()
    )
    if meeting is None:
        raise Http404
    log_reads([meeting], actor=user)
    return meeting


@dataclass(frozen=True)
class MeetingFile:
    meeting: Meeting
    next_steps: list[NextStep]


def meeting_file_for_user(user: User, pk: int, *, permission: str = "casework.view") -> MeetingFile:
    """A meeting with its next steps, as its page and its summary show it; logged together."""
    with reads_together():
        meeting = meeting_get_for_user(user, pk, permission=permission)
        next_steps = list(meeting.next_steps.select_related("participant", "meeting").order_by("pk"))
        log_reads(next_steps, actor=user)
    return MeetingFile(meeting, next_steps)


def next_step_get(meeting: Meeting, pk: int) -> NextStep:
    step = meeting.next_steps.select_related("participant", "meeting").filter(pk=pk).first()
    if step is None:
        raise Http404
    return step


def service_get_for_user(user: User, pk: int, *, permission: str = "casework.view") -> ServiceDelivery:
    """A service record, if the user may see its person; the read is audited."""
    organisation_ids = policy.organisation_ids_where(user, permission)
    service = (
        ServiceDelivery.objects.select_related(
            "participant", "participant__organisation", "provider_organisation", "recorded_by"
        )
        .filter(pk=pk, participant__organisation_id__in=organisation_ids)
        .first()
    )
    if service is None:
        raise Http404
    log_reads([service], actor=user)
    return service


# --- The summary at the top of a person's file (registered in apps.py) --------------------


def case_workers_summary(user: User, participant: Participant) -> SummarySection | None:
    """Who looks after the person now; logged as read."""
    if not policy.can(user, "casework.view", participant):
        return None
    assignments = list(
        participant.assignments.filter(ended_on__isnull=True)
        .select_related("worker")
        .order_by("assigned_on", "pk")[:ITEMS_SHOWN]
    )
    log_reads(assignments, actor=user)
    return SummarySection(
        key="case_workers",
        title=_("Case workers"),
        empty=_("Nobody looks after this person yet."),
        url=reverse("casework:assignments", args=[participant.pk]),
        items=[
            SummaryItem(text=str(assignment.worker), when=assignment.assigned_on, when_label=_("since"))
            for assignment in assignments
        ],
    )


def next_meeting_summary(user: User, participant: Participant) -> SummarySection | None:
    """The person's next planned meeting, if any; logged as read."""
    if not policy.can(user, "casework.view", participant):
        return None
    meeting = (
        participant.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .select_related("worker")
        .order_by("starts_at", "pk")
        .first()
    )
    items = []
    if meeting is not None:
        log_reads([meeting], actor=user)
        items.append(
            SummaryItem(
                text=meeting.get_kind_display(),
                url=reverse("casework:meeting_detail", args=[meeting.pk]),
                status=str(meeting.worker),
                when=meeting.starts_at,
                with_time=True,
            )
        )
    return SummarySection(
        key="next_meeting",
        title=_("Next meeting"),
        empty=_("No meeting planned."),
        url=reverse("casework:meetings", args=[participant.pk]),
        items=items,
    )
