"""Reads of exit records and follow-ups, scoped to the user.

The staff of the organisation that runs the programme (``exit.view``) see a person's exit and
her follow-ups; the person sees her own follow-ups on her own page (``own_follow_ups``). An
enrolment or follow-up the user may not see answers ``Http404``, as one that does not exist.
Every function that returns a person's data logs the reads itself, one statement per page; the
counts (the start page's) read no person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_export, log_reads, reads_together
from reintegra.casework.models import CaseAssignment
from reintegra.collation import by_name
from reintegra.outcomes.exits.services import EARLY_DAYS, employed_at_entry
from reintegra.outcomes.models import ExitRecord, FollowUp, FollowUpStatus
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme

EXPORT_LIMIT = 100_000
LIST_LIMIT = 500


def _organisation_ids(user: User, permission: str = "exit.view") -> set[int]:
    return policy.organisation_ids_where(user, permission)


# --- One enrolment's exit -----------------------------------------------------------------------


def enrolment_get_for_user(user: User, pk: int, *, permission: str = "exit.view") -> Enrolment:
    """An enrolment of a programme the user's organisation runs, of a person who took part."""
    enrolment = (
        Enrolment.objects.filter(
            pk=pk,
            programme__organisation_id__in=_organisation_ids(user, permission),
            enrolled_on__isnull=False,
            status__in=(EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT),
        )
        .select_related("participant", "programme__organisation", "entry_snapshot")
        .first()
    )
    if enrolment is None:
        raise Http404
    log_reads([enrolment.participant], actor=user)
    return enrolment


@dataclass(frozen=True)
class ExitPage:
    enrolment: Enrolment
    record: ExitRecord | None
    follow_ups: list[FollowUp]
    employed_at_entry: bool
    may_record: bool


def exit_page_for_user(user: User, pk: int) -> ExitPage:
    """The person's exit from one programme: her record (if any) and the follow-ups; one statement
    of reads."""
    with reads_together():
        enrolment = enrolment_get_for_user(user, pk)
        record = ExitRecord.objects.filter(enrolment=enrolment).select_related("recorded_by").first()
        follow_ups = list(enrolment.follow_ups.select_related("recorded_by").order_by("months"))
        log_reads([*([record] if record else []), *follow_ups], actor=user)
    return ExitPage(
        enrolment=enrolment,
        record=record,
        follow_ups=follow_ups,
        employed_at_entry=employed_at_entry(enrolment),
        may_record=policy.can(user, "exit.record", enrolment),
    )


# --- Follow-ups ---------------------------------------------------------------------------------


def follow_up_get_for_user(user: User, pk: int, *, permission: str = "follow_up.record") -> FollowUp:
    follow_up = (
        FollowUp.objects.filter(
            pk=pk, enrolment__programme__organisation_id__in=_organisation_ids(user, permission)
        )
        .select_related("enrolment__participant", "enrolment__programme", "enrolment__entry_snapshot")
        .first()
    )
    if follow_up is None:
        raise Http404
    log_reads([follow_up], actor=user)
    return follow_up


def _open(today: date) -> QuerySet[FollowUp]:
    """The follow-ups not recorded yet whose window has opened (``EARLY_DAYS`` before the due day)."""
    return FollowUp.objects.filter(status=FollowUpStatus.DUE, due_on__lte=today + timedelta(days=EARLY_DAYS))


def in_caseload_of(worker: User, person: str = "enrolment__participant_id") -> Exists:
    return Exists(
        CaseAssignment.objects.filter(participant_id=OuterRef(person), worker=worker, ended_on__isnull=True)
    )


def follow_ups_due_to(worker: User, today: date) -> QuerySet[FollowUp]:
    """The open follow-ups of the people in the worker's care (a case assignment in force), in
    the organisations where she may record them."""
    return (
        _open(today)
        .filter(in_caseload_of(worker))
        .filter(enrolment__programme__organisation_id__in=_organisation_ids(worker, "follow_up.record"))
        .select_related("enrolment__participant", "enrolment__programme")
        .order_by("due_on", "pk")
    )


def _due_for_user(user: User, *, today: date, programme: int | None, mine: bool) -> QuerySet[FollowUp]:
    due = _open(today).filter(enrolment__programme__organisation_id__in=_organisation_ids(user))
    if programme is not None:
        due = due.filter(enrolment__programme_id=programme)
    if mine:
        due = due.filter(in_caseload_of(user))
    return due.select_related("enrolment__participant", "enrolment__programme").order_by(
        "due_on", *by_name("enrolment__participant__last_name"), "pk"
    )


@dataclass(frozen=True)
class DueList:
    follow_ups: list[FollowUp]
    today: date
    more: bool


def follow_ups_due_for_user(
    user: User, *, programme: int | None = None, mine: bool = False, today: date | None = None
) -> DueList:
    """The to-do list: follow-ups not recorded yet, due within ``EARLY_DAYS`` days or overdue,
    oldest first; each shown is a read."""
    today = today or timezone.localdate()
    shown = list(_due_for_user(user, today=today, programme=programme, mine=mine)[: LIST_LIMIT + 1])
    more = len(shown) > LIST_LIMIT
    shown = shown[:LIST_LIMIT]
    log_reads(shown, actor=user)
    return DueList(follow_ups=shown, today=today, more=more)


def follow_ups_due_export_for_user(
    user: User, *, fmt: str, programme: int | None = None, mine: bool = False
) -> list[FollowUp]:
    """The to-do list for an export: one entry naming the export, a read of each row."""
    today = timezone.localdate()
    exported = list(_due_for_user(user, today=today, programme=programme, mine=mine)[:EXPORT_LIMIT])
    log_export(
        exported,
        actor=user,
        model=FollowUp,
        label=_("Export of the follow-ups due (%(format)s)") % {"format": fmt.upper()},
        details={"format": fmt, "programme": programme, "mine": mine, "count": len(exported)},
        organisation_ids=_organisation_ids(user),
    )
    return exported


def follow_ups_due_count(user: User) -> int:
    """How many follow-ups wait on the user's organisations: a count, no person read."""
    if not policy.holds_anywhere(user, "exit.view"):
        return 0
    return (
        _open(timezone.localdate())
        .filter(enrolment__programme__organisation_id__in=_organisation_ids(user))
        .count()
    )


def programmes_for_filter(user: User) -> QuerySet[Programme]:
    """The programmes of the user's organisations, to narrow the to-do list."""
    return Programme.objects.filter(organisation_id__in=_organisation_ids(user)).order_by(
        *by_name("name"), "pk"
    )


# --- The person's own follow-ups ----------------------------------------------------------------


def own_follow_ups(user: User, participant: Participant) -> list[FollowUp]:
    """The follow-ups the person may answer herself now: hers (``participant`` is her own record,
    read through ``ownpage.selectors.own_record``), open and not answered; each shown is a read."""
    if participant.account_id != user.pk:
        return []
    shown = list(
        _open(timezone.localdate())
        .filter(enrolment__participant=participant)
        .select_related("enrolment__programme", "enrolment__entry_snapshot")
        .order_by("due_on", "pk")
    )
    log_reads(shown, actor=user)
    return shown


def own_follow_up(user: User, participant: Participant, pk: int) -> FollowUp:
    """One of the person's own open follow-ups, or 404 (someone else's, answered, or not open)."""
    for follow_up in own_follow_ups(user, participant):
        if follow_up.pk == pk:
            return follow_up
    raise Http404


def mine_possible(user: User) -> bool:
    """Whether "only mine" means something for the user: she looks after people."""
    return CaseAssignment.objects.filter(Q(worker=user), ended_on__isnull=True).exists()
