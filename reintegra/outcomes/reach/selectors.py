"""Reads of reach, scoped to the user: the programmes whose reach she may see, and a
programme's participants with what each told. A programme the user may not see answers
``Http404``, as one that does not exist. The list and its export are reads of each participant's
enrolment and reach records, logged here, one statement a page. The person sees her own reach
on her own page (``own_reach``), and nobody else's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import Read, log_export, log_reads
from reintegra.collation import by_name
from reintegra.outcomes.models import HeardFrom, ReachRecord
from reintegra.outcomes.reach.services import TOOK_PART
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, Programme

# A participant "reached" others when she told at least this many (seed 004: "at least 4–5").
REACHED_AT_LEAST = 4


@dataclass(frozen=True)
class ReachLine:
    enrolment: Enrolment
    records: int
    people_told: int
    applied: int
    last_recorded_on: date | None
    # The applicants linked to her as the one who told them (``HeardFrom``), and of those the
    # ones enrolled.
    brought: int = 0
    brought_enrolled: int = 0

    @property
    def reached_enough(self) -> bool:
        return self.people_told >= REACHED_AT_LEAST


@dataclass(frozen=True)
class ReachTotals:
    participants: int
    recorded: int
    people_told: int
    applied: int
    reached_enough: int
    brought: int = 0
    brought_enrolled: int = 0


@dataclass(frozen=True)
class OwnReach:
    """What the person told of one programme she takes or took part in, summed over her records."""

    enrolment: Enrolment
    people_told: int
    applied: int


def reach_programmes_for_user(user: User) -> QuerySet[Programme]:
    """The programmes whose reach the user may see, newest first."""
    return (
        Programme.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "reach.view"))
        .select_related("organisation", "template")
        .annotate(reach_records=Count("enrolments__reach_records"))
        .order_by("-start_date", *by_name("name"), "pk")
    )


def reach_programme_get_for_user(user: User, pk: int, *, permission: str = "reach.view") -> Programme:
    programme = Programme.objects.select_related("organisation", "template").filter(pk=pk).first()
    if programme is None or not policy.can(user, permission, programme):
        raise Http404
    return programme


def reach_participants(programme: Programme) -> QuerySet[Enrolment]:
    """The people who take or took part, for the form's choice (no person's data is shown yet)."""
    return (
        programme.enrolments.filter(status__in=TOOK_PART, enrolled_on__isnull=False)
        .select_related("participant", "programme")
        .order_by(*by_name("participant__last_name"), "participant__first_name", "pk")
    )


def reach_applicants(programme: Programme) -> QuerySet[Enrolment]:
    """Everyone who applied to the programme, whatever became of it, for the form's choice."""
    return programme.enrolments.select_related("participant", "programme").order_by(
        *by_name("participant__last_name"), "participant__first_name", "pk"
    )


def heard_from_for_user(user: User, programme: Programme) -> list[HeardFrom]:
    """The programme's applicants who came by word of mouth, each with the participant who told
    her, newest first; each shown (the link and both enrolments) is a read."""
    if not policy.can(user, "reach.view", programme):
        raise Http404
    links = list(
        HeardFrom.objects.filter(enrolment__programme=programme).select_related(
            "enrolment__participant", "enrolment__programme", "told_by__participant", "told_by__programme"
        )
    )
    log_reads([read for link in links for read in (link, link.enrolment, link.told_by)], actor=user)
    return links


def heard_from_export_for_user(user: User, programme: Programme, *, fmt: str) -> list[HeardFrom]:
    """The word-of-mouth list for an export: one entry naming the export, a read of each link
    and of both enrolments in it."""
    if not policy.can(user, "reach.view", programme):
        raise Http404
    links = list(
        HeardFrom.objects.filter(enrolment__programme=programme).select_related(
            "enrolment__participant", "enrolment__programme", "told_by__participant", "told_by__programme"
        )
    )
    log_export(
        [Read.of(row) for link in links for row in (link, link.enrolment, link.told_by)],
        actor=user,
        model=HeardFrom,
        label=_("Export of the applicants of %(programme)s who came by word of mouth (%(format)s)")
        % {"programme": programme.code, "format": fmt.upper()},
        details={"format": fmt, "programme": programme.pk},
        organisation_ids=[programme.organisation_id],
    )
    return links


def heard_from_get_for_user(user: User, programme: Programme, pk: int) -> HeardFrom:
    """One of the programme's word-of-mouth links the user may change, or 404."""
    if not policy.can(user, "reach.record", programme):
        raise Http404
    link = (
        HeardFrom.objects.filter(pk=pk, enrolment__programme=programme)
        .select_related("enrolment__participant", "enrolment__programme", "told_by__participant")
        .first()
    )
    if link is None:
        raise Http404
    log_reads([link], actor=user)
    return link


def _lines(programme: Programme) -> list[ReachLine]:
    enrolments = reach_participants(programme).annotate(
        record_count=Count("reach_records"),
        told=Coalesce(Sum("reach_records__people_told"), 0),
        applied_total=Coalesce(Sum("reach_records__applied"), 0),
        last_on=Max("reach_records__recorded_on"),
        brought_count=_brought(),
        brought_enrolled_count=_brought(
            enrolment__status__in=TOOK_PART, enrolment__enrolled_on__isnull=False
        ),
    )
    return [
        ReachLine(
            enrolment=enrolment,
            records=enrolment.record_count,
            people_told=enrolment.told,
            applied=enrolment.applied_total,
            last_recorded_on=enrolment.last_on,
            brought=enrolment.brought_count,
            brought_enrolled=enrolment.brought_enrolled_count,
        )
        for enrolment in enrolments
    ]


def _brought(**among: object) -> Coalesce:
    """The applicants linked to the enrolment as the one who told them (a subquery: joined, they
    would multiply the sums of her reach records)."""
    links = (
        HeardFrom.objects.filter(told_by=OuterRef("pk"), **among)
        .order_by()
        .values("told_by")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(links), 0)


def _reads(programme: Programme, lines: list[ReachLine]) -> list[Read]:
    scope = (programme.organisation_id,)
    records = ReachRecord.objects.filter(enrolment__programme=programme).values_list("pk", "people_told")
    label = _("reach record")
    return [Read.of(line.enrolment) for line in lines] + [
        Read(ReachRecord, pk, f"{label}: {told}", scope) for pk, told in records
    ]


def reach_list_for_user(user: User, programme: Programme) -> tuple[list[ReachLine], ReachTotals]:
    """Each participant of the programme with her reach, and the totals; each shown is a read."""
    if not policy.can(user, "reach.view", programme):
        raise Http404
    lines = _lines(programme)
    log_reads(_reads(programme, lines), actor=user)
    return lines, totals(lines)


def reach_export_for_user(user: User, programme: Programme, *, fmt: str) -> list[ReachLine]:
    """The list for an export: one entry naming the export, a read of each row in it."""
    if not policy.can(user, "reach.view", programme):
        raise Http404
    lines = _lines(programme)
    log_export(
        _reads(programme, lines),
        actor=user,
        model=ReachRecord,
        label=_("Export of the reach of %(programme)s (%(format)s)")
        % {"programme": programme.code, "format": fmt.upper()},
        details={"format": fmt, "programme": programme.pk},
        organisation_ids=[programme.organisation_id],
    )
    return lines


def totals(lines: list[ReachLine]) -> ReachTotals:
    return ReachTotals(
        participants=len(lines),
        recorded=sum(1 for line in lines if line.records),
        people_told=sum(line.people_told for line in lines),
        applied=sum(line.applied for line in lines),
        reached_enough=sum(1 for line in lines if line.reached_enough),
        brought=sum(line.brought for line in lines),
        brought_enrolled=sum(line.brought_enrolled for line in lines),
    )


# --- The person's own reach (her own page) -----------------------------------------------------


def own_reach(user: User, participant: Participant) -> list[OwnReach]:
    """The programmes the person takes or took part in, each with what she told so far
    (``participant`` is her own record, read through ``ownpage.selectors.own_record``); each
    shown is a read."""
    if participant.account_id != user.pk:
        return []
    enrolments = list(
        participant.enrolments.filter(status__in=TOOK_PART, enrolled_on__isnull=False)
        .select_related("programme")
        .annotate(
            told=Coalesce(Sum("reach_records__people_told"), 0),
            applied_total=Coalesce(Sum("reach_records__applied"), 0),
        )
        .order_by("-enrolled_on", "pk")
    )
    records = ReachRecord.objects.filter(enrolment__in=enrolments).select_related("enrolment__programme")
    log_reads([*enrolments, *records], actor=user)
    return [
        OwnReach(enrolment=enrolment, people_told=enrolment.told, applied=enrolment.applied_total)
        for enrolment in enrolments
    ]


def own_reach_enrolment(user: User, participant: Participant, pk: int) -> Enrolment:
    """One of the person's own enrolments she may record her reach for, or 404 (someone else's,
    or one she has not taken part in)."""
    for line in own_reach(user, participant):
        if line.enrolment.pk == pk:
            return line.enrolment
    raise Http404
