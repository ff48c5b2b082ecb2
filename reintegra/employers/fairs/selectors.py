"""Reads of job fairs and contests, scoped to the requesting user.

A fair or contest the user may not see answers ``Http404``, as one that does not exist. Guests,
interviews and outcomes name people: only the organiser's staff read them, only of people they
may see, and the functions that return them log a read of each person shown, in one statement.
An employer contact reads fairs open to her employer, her own stands and published results —
never a person: the summary she could see counts, it does not name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.audit.bulk import log_reads
from reintegra.collation import by_name
from reintegra.employers.fairs.contest_result import CriterionSpec, Given, Ranked, rank
from reintegra.employers.fairs.services import employers_of_organisation
from reintegra.employers.models import (
    Contest,
    ContestStatus,
    Criterion,
    Employer,
    FairGuest,
    FairStand,
    JobFair,
    Nomination,
    Offer,
    OfferStatus,
    OutcomeKind,
    Score,
)
from reintegra.employers.selectors import employer_of_contact
from reintegra.people.models import Participant
from reintegra.people.selectors import ParticipantFilter, participant_page_for_user

SEARCH_SHOWN = 20

# --- Fairs (staff) -------------------------------------------------------------------------


def fair_list_for_user(user: User) -> QuerySet[JobFair]:
    return (
        JobFair.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "fair.view"))
        .select_related("organisation", "venue")
        .annotate(stand_count=Count("stands", distinct=True), guest_count=Count("guests", distinct=True))
        .order_by("-held_on", "-pk")
    )


def fair_get_for_user(user: User, pk: int, *, permission: str = "fair.view") -> JobFair:
    fair = JobFair.objects.select_related("organisation", "venue").filter(pk=pk).first()
    if fair is None or not policy.can(user, permission, fair):
        raise Http404
    return fair


def stands_of(fair: JobFair) -> list[FairStand]:
    """The stands, by number, with their employers and offers (no person in them)."""
    return list(
        fair.stands.select_related("employer__organisation").prefetch_related(
            Prefetch("offers", queryset=Offer.objects.order_by("title", "pk"))
        )
    )


def _working_with(organisation_id: int) -> QuerySet[Employer, Any]:
    """The employers an organisation works with, as a subquery (the partnership join repeats rows)."""
    return Employer.objects.filter(employers_of_organisation(organisation_id)).values("pk")


def employers_for_fair(fair: JobFair) -> QuerySet[Employer]:
    """The employers the organiser works with that have no stand yet."""
    return (
        Employer.objects.filter(pk__in=_working_with(fair.organisation_id))
        .exclude(fair_stands__fair=fair)
        .select_related("organisation")
        .order_by(*by_name("organisation__name"), "pk")
    )


def _visible_guests(user: User, fair: JobFair) -> QuerySet[FairGuest]:
    return fair.guests.filter(
        participant__organisation_id__in=policy.organisation_ids_where(user, "participant.view")
    ).select_related("participant")


def guest_list(user: User, fair: JobFair) -> list[FairGuest]:
    """The fair's list as the door sees it: people the user may see, by name; each is a read."""
    guests = list(
        _visible_guests(user, fair).order_by(
            *by_name("participant__last_name", "participant__first_name"), "pk"
        )
    )
    log_reads([guest.participant for guest in guests], actor=user)
    return guests


def guest_get_for_user(user: User, fair: JobFair, pk: int) -> FairGuest:
    guest = _visible_guests(user, fair).filter(pk=pk).first()
    if guest is None:
        raise Http404
    log_reads([guest.participant], actor=user)
    return guest


def guest_by_person(user: User, fair: JobFair, participant_pk: int) -> Participant:
    """A person the user may see, for the door (on the list or not; the service decides)."""
    person = Participant.objects.filter(
        pk=participant_pk, organisation_id__in=policy.organisation_ids_where(user, "participant.view")
    ).first()
    if person is None:
        raise Http404
    log_reads([person], actor=user)
    return person


def people_search(user: User, query: str) -> list[Participant]:
    """People the user may see whose name (or PESEL) matches, for an invitation or a walk-in;
    nothing without a query. The page of results is audited by the people selector."""
    if not query.strip():
        return []
    page = participant_page_for_user(user, ParticipantFilter(q=query.strip()[:100]), per_page=SEARCH_SHOWN)
    return list(page.object_list)


def people_get_for_user(user: User, pks: list[int]) -> list[Participant]:
    """The people chosen on a form, if the user may see each of them; the read is audited."""
    people = list(
        Participant.objects.filter(
            pk__in=pks, organisation_id__in=policy.organisation_ids_where(user, "participant.view")
        ).order_by(*by_name("last_name", "first_name"), "pk")
    )
    if len(people) != len(set(pks)):
        raise Http404
    log_reads(people, actor=user)
    return people


@dataclass
class StandRow:
    stand: FairStand
    interviews: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class FairSummary:
    employers: int
    invited: int
    walk_ins: int
    came: int
    interviews: int
    outcomes: dict[str, int]
    stands: list[StandRow]

    @property
    def outcome_total(self) -> int:
        return sum(self.outcomes.values())


def fair_summary(fair: JobFair) -> FairSummary:
    """Counts only — employers, invited, came, interviews, outcomes by kind — by stand too."""
    guests = fair.guests.aggregate(
        invited=Count("pk", filter=Q(walk_in=False)),
        walk_ins=Count("pk", filter=Q(walk_in=True)),
        came=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    rows = {stand.pk: StandRow(stand) for stand in stands_of(fair)}
    for stand_id, count in (
        fair.stands.filter(interviews__isnull=False).values_list("pk").annotate(n=Count("interviews"))
    ):
        rows[stand_id].interviews = count
    outcomes: Counter[str] = Counter()
    for stand_id, kind, count in (
        fair.stands.filter(outcomes__isnull=False)
        .values_list("pk", "outcomes__kind")
        .annotate(n=Count("outcomes"))
    ):
        rows[stand_id].outcomes[kind] = count
        outcomes[kind] += count
    return FairSummary(
        employers=len(rows),
        invited=guests["invited"],
        walk_ins=guests["walk_ins"],
        came=guests["came"],
        interviews=sum(row.interviews for row in rows.values()),
        outcomes={kind.value: outcomes[kind.value] for kind in OutcomeKind},
        stands=list(rows.values()),
    )


# --- The employer's side -------------------------------------------------------------------


def _organisers_of(employer: Employer) -> Q:
    """Fairs and contests of the organisations that work with the employer."""
    partnership = employer.partnership
    members = partnership.members.values_list("organisation_id", flat=True) if partnership is not None else []
    return Q(organisation_id=employer.kept_by_id) | Q(organisation_id__in=list(members))


def fairs_open_to(employer: Employer) -> list[JobFair]:
    """Fairs whose sign-up is open, of organisations that work with the employer."""
    return list(
        JobFair.objects.filter(_organisers_of(employer), sign_up_until__gte=timezone.localdate())
        .select_related("organisation", "venue")
        .order_by("held_on", "pk")
    )


def stands_of_employer(employer: Employer) -> list[FairStand]:
    return list(
        employer.fair_stands.select_related("fair__organisation", "fair__venue")
        .prefetch_related("offers")
        .order_by("-fair__held_on", "pk")
    )


def fair_get_for_contact(user: User, employer: Employer, pk: int) -> JobFair:
    """A fair an employer contact may sign up for (open, of an organiser that works with her
    employer), else 404."""
    if not policy.can(user, "fair.sign_up", employer):
        raise Http404
    fair = next((fair for fair in fairs_open_to(employer) if fair.pk == pk), None)
    if fair is None:
        raise Http404
    return fair


def offers_of(employers: QuerySet[Employer]) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(employer__in=employers)
        .exclude(status=OfferStatus.CLOSED)
        .order_by("title", "pk")
    )


def open_offers_of(employer: Employer) -> QuerySet[Offer]:
    return employer.offers.exclude(status=OfferStatus.CLOSED).order_by("title", "pk")


def published_contests_for(employer: Employer) -> list[Contest]:
    return list(
        Contest.objects.filter(
            _organisers_of(employer) | Q(nominations__employer=employer), status=ContestStatus.PUBLISHED
        )
        .distinct()
        .select_related("organisation")
        .order_by("-year", "-pk")
    )


# --- Contests ------------------------------------------------------------------------------


def contest_list_for_user(user: User) -> QuerySet[Contest]:
    return (
        Contest.objects.filter(organisation_id__in=policy.organisation_ids_where(user, "contest.view"))
        .select_related("organisation")
        .annotate(nomination_count=Count("nominations", distinct=True))
        .order_by("-year", "-pk")
    )


def contest_get_for_user(user: User, pk: int, *, permission: str = "contest.view") -> Contest:
    contest = Contest.objects.select_related("organisation").filter(pk=pk).first()
    if contest is None or not policy.can(user, permission, contest):
        raise Http404
    return contest


def contest_result_get_for_user(user: User, pk: int) -> Contest:
    """The organiser's staff see the result at any time; an employer contact once it is
    published, of a contest of an organisation that works with her employer or nominated it."""
    contest = Contest.objects.select_related("organisation").filter(pk=pk).first()
    if contest is None:
        raise Http404
    if policy.can(user, "contest.view", contest):
        return contest
    employer = employer_of_contact(user)
    if employer is None or contest.status != ContestStatus.PUBLISHED:
        raise Http404
    if not any(published.pk == contest.pk for published in published_contests_for(employer)):
        raise Http404
    return contest


def nominations_of(contest: Contest) -> list[Nomination]:
    return list(
        contest.nominations.select_related("employer__organisation", "nominated_by").order_by(
            *by_name("employer__organisation__name"), "pk"
        )
    )


def jury_of(contest: Contest) -> list[User]:
    return list(contest.jury.order_by("last_name", "first_name", "pk"))


def jury_candidates(contest: Contest) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=contest.organisation_id,
            memberships__role__in=policy.STAFF_ROLES,
        )
        .exclude(juries=contest)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def employers_for_contest(contest: Contest) -> QuerySet[Employer]:
    return (
        Employer.objects.filter(pk__in=_working_with(contest.organisation_id))
        .exclude(nominations__contest=contest)
        .select_related("organisation")
        .order_by(*by_name("organisation__name"), "pk")
    )


def scores_of_juror(contest: Contest, juror: User) -> dict[tuple[int, int], int]:
    return {
        (nomination_id, criterion_id): points
        for nomination_id, criterion_id, points in Score.objects.filter(
            nomination__contest=contest, juror=juror
        ).values_list("nomination_id", "criterion_id", "points")
    }


@dataclass(frozen=True)
class ResultRow:
    nomination: Nomination
    ranked: Ranked
    means: list[tuple[Criterion, object]]


def contest_result(contest: Contest) -> list[ResultRow]:
    """The nominations ranked by the weighted average of the jury's scores, ties shown."""
    criteria = list(contest.criteria.all())
    nominations = {nomination.pk: nomination for nomination in nominations_of(contest)}
    scores = Score.objects.filter(nomination__contest=contest).values_list(
        "nomination_id", "criterion_id", "juror_id", "points"
    )
    ranked = rank(
        [CriterionSpec(c.pk, c.weight, c.scale_min, c.scale_max) for c in criteria],
        list(nominations),
        [Given(*row) for row in scores],
        jurors=contest.jury.count(),
    )
    return [
        ResultRow(
            nominations[row.nomination_id],
            row,
            [(criterion, row.means[criterion.pk]) for criterion in criteria],
        )
        for row in ranked
    ]
