"""Reads of case work, always scoped to the organisations where the user may see the person.

A meeting or service of another organisation is answered with ``Http404``, the same as one that
does not exist. Every meeting, next step and service shown to a user is written to the audit log
as read: one at a time on its own page, in one bulk insert on a list (so a page costs the same
few queries however many rows it shows).
"""

from __future__ import annotations

from auditlog.signals import accessed
from django.db.models import F, QuerySet
from django.http import Http404

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.casework.models import CaseAssignment, Meeting, NextStep, ServiceDelivery
from reintegra.people import selectors as people_selectors
from reintegra.people.models import Participant

# --- A person's case file ---------------------------------------------------------------


def participant_get(user: User, pk: int, *, permission: str = "casework.view") -> Participant:
    """The person whose case file is opened; 404 outside the user's organisations; audited."""
    return people_selectors.participant_get_for_user(user, pk, permission=permission)


def participant_get_for_list(user: User, pk: int, *, permission: str = "casework.view") -> Participant:
    """The same person and the same 404, for a list page that logs the read itself."""
    return people_selectors.participant_get_for_list(user, pk, permission=permission)


def meetings_of(participant: Participant) -> QuerySet[Meeting]:
    return participant.meetings.select_related("participant", "worker", "family_member").order_by(
        "-starts_at", "-pk"
    )


def services_of(participant: Participant) -> QuerySet[ServiceDelivery]:
    return participant.services.select_related("participant", "provider_organisation").order_by(
        "-delivered_on", "-pk"
    )


def assignments_of(participant: Participant) -> QuerySet[CaseAssignment]:
    return participant.assignments.select_related(
        "participant", "worker", "assigned_by", "ended_by"
    ).order_by(F("ended_on").desc(nulls_first=True), "-assigned_on", "-pk")


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
    accessed.send(sender=Meeting, instance=meeting)
    return meeting


def next_steps_of(meeting: Meeting) -> QuerySet[NextStep]:
    return meeting.next_steps.select_related("participant", "meeting").order_by("pk")


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
    accessed.send(sender=ServiceDelivery, instance=service)
    return service
