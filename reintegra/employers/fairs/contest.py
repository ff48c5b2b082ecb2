"""Writes to the contest for a socially responsible employer: each a transaction, checked
against the policy, audited.

The rules these services enforce:

* a coordinator of the organising organisation sets a contest up for a year, with criteria
  (a weight and a scale of points each) and a jury of the organisation's own team;
* the staff nominate employers the organisation works with, each once, with a justification,
  while the contest is open;
* each juror scores each nomination once per criterion, within the criterion's scale, and may
  change her scores until the contest closes; someone who is not on the jury is refused, and
  so is a score after the close;
* the contest moves open → closed → published (``CONTEST_MOVES``); the result, worked out by
  ``contest_result.rank``, is shown to the organiser's staff at any time and to employers once
  published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts import policy
from reintegra.accounts.models import Membership, Organisation, User
from reintegra.employers.fairs.services import works_with
from reintegra.employers.models import Contest, ContestStatus, Criterion, Employer, Nomination, Score

S = ContestStatus

# The contest's workflow as data: which status may follow which.
CONTEST_MOVES: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset(),
}


def _require(actor: User | None, permission: str, obj: policy.Scoped) -> None:
    if actor is not None and not policy.can(actor, permission, obj):
        raise PermissionDenied


def _check_open(contest: Contest, field: str) -> None:
    if contest.status != S.OPEN:
        raise ValidationError(
            {field: _("The contest is closed: nothing more can be changed.")}, code="contest_closed"
        )


@transaction.atomic
def contest_create(
    *, actor: User | None, organisation: Organisation, year: int, title: str, description: str = ""
) -> Contest:
    _require(actor, "contest.manage", organisation)
    contest = Contest(
        organisation=organisation, year=year, title=title.strip(), description=description.strip()
    )
    contest.full_clean()
    contest.save()
    return contest


@dataclass(frozen=True, kw_only=True)
class CriterionData:
    name: str
    weight: Decimal
    scale_min: int = 0
    scale_max: int = 5


@transaction.atomic
def criterion_add(*, actor: User | None, contest: Contest, data: CriterionData) -> Criterion:
    """A criterion is added while the contest is open and before any juror has scored."""
    _require(actor, "contest.manage", contest)
    _check_open(contest, "name")
    if Score.objects.filter(nomination__contest=contest).exists():
        raise ValidationError(
            {"name": _("The jury has started scoring: the criteria can no longer change.")},
            code="scoring_started",
        )
    if data.scale_max <= data.scale_min:
        raise ValidationError({"scale_max": _("The highest score is above the lowest.")}, code="scale_falls")
    criterion = Criterion(
        contest=contest,
        name=data.name.strip(),
        weight=data.weight,
        scale_min=data.scale_min,
        scale_max=data.scale_max,
    )
    criterion.full_clean()
    criterion.save()
    return criterion


def may_sit_on_jury(contest: Contest, user: User) -> bool:
    """A juror is one of the organising organisation's staff, with a membership in force (who
    may therefore open the contest and its score sheet)."""
    return (
        Membership.objects.in_force()
        .filter(user=user, organisation_id=contest.organisation_id, role__in=policy.STAFF_ROLES)
        .exists()
    )


@transaction.atomic
def juror_add(*, actor: User | None, contest: Contest, juror: User) -> Contest:
    _require(actor, "contest.manage", contest)
    _check_open(contest, "juror")
    if not may_sit_on_jury(contest, juror):
        raise ValidationError(
            {"juror": _("A juror is a user of the organising organisation.")}, code="juror_outsider"
        )
    if contest.jury.filter(pk=juror.pk).exists():
        raise ValidationError(
            {"juror": _("%(juror)s is already on the jury.") % {"juror": juror}}, code="twice"
        )
    contest.jury.add(juror)
    return contest


@transaction.atomic
def juror_remove(*, actor: User | None, contest: Contest, juror: User) -> Contest:
    """A juror leaves the jury before scoring has begun on her part."""
    _require(actor, "contest.manage", contest)
    _check_open(contest, "juror")
    if Score.objects.filter(nomination__contest=contest, juror=juror).exists():
        raise ValidationError(
            {"juror": _("%(juror)s has already scored: she stays on the jury.") % {"juror": juror}},
            code="juror_scored",
        )
    contest.jury.remove(juror)
    return contest


@transaction.atomic
def nomination_create(
    *, actor: User | None, contest: Contest, employer: Employer, justification: str
) -> Nomination:
    """The staff nominate an employer the organiser works with, once, saying why."""
    _require(actor, "contest.nominate", contest)
    _check_open(contest, "employer")
    if not works_with(contest.organisation_id, employer):
        raise ValidationError(
            {"employer": _("The organiser does not work with this employer.")}, code="not_an_employer"
        )
    if contest.nominations.filter(employer=employer).exists():
        raise ValidationError(
            {"employer": _("%(employer)s is already nominated.") % {"employer": employer}},
            code="nominated_twice",
        )
    if not justification.strip():
        raise ValidationError(
            {"justification": _("Say why the employer is nominated.")}, code="no_justification"
        )
    nomination = Nomination(
        contest=contest,
        employer=employer,
        justification=justification.strip(),
        nominated_by=actor,
        nominated_at=timezone.now(),
    )
    nomination.full_clean()
    nomination.save()
    return nomination


@dataclass(frozen=True, kw_only=True)
class ScoreEntry:
    nomination_id: int
    criterion_id: int
    points: int


@transaction.atomic
def scores_record(*, juror: User, contest: Contest, entries: Sequence[ScoreEntry]) -> list[Score]:
    """A juror's sheet: one score per nomination and criterion, within the criterion's scale;
    scores given before are changed. Only a juror of this contest, and only while it is open."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if not policy.can(juror, "contest.view", contest) or not contest.jury.filter(pk=juror.pk).exists():
        raise ValidationError({"juror": _("You are not on this contest's jury.")}, code="not_a_juror")
    if contest.status != S.OPEN:
        raise ValidationError(
            {"points": _("The contest is closed: scores can no longer be given or changed.")},
            code="scoring_closed",
        )
    criteria = {criterion.pk: criterion for criterion in contest.criteria.all()}
    nominations = {nomination.pk: nomination for nomination in contest.nominations.select_related("employer")}
    existing = {
        (score.nomination_id, score.criterion_id): score
        for score in Score.objects.filter(nomination__contest=contest, juror=juror)
    }
    now = timezone.now()
    saved = []
    for entry in entries:
        criterion = criteria.get(entry.criterion_id)
        nomination = nominations.get(entry.nomination_id)
        if criterion is None or nomination is None:
            raise ValidationError({"points": _("Score the nominations of this contest.")}, code="foreign")
        if not criterion.scale_min <= entry.points <= criterion.scale_max:
            raise ValidationError(
                {
                    "points": _(
                        "%(employer)s, %(criterion)s: give %(low)d to %(high)d points, not %(points)d."
                    )
                    % {
                        "employer": nomination.employer,
                        "criterion": criterion,
                        "low": criterion.scale_min,
                        "high": criterion.scale_max,
                        "points": entry.points,
                    }
                },
                code="outside_scale",
            )
        score = existing.get((entry.nomination_id, entry.criterion_id))
        if score is None:
            score = Score(
                nomination=nomination, criterion=criterion, juror=juror, points=entry.points, scored_at=now
            )
            score.full_clean(validate_constraints=False)
            score.save()
            existing[(entry.nomination_id, entry.criterion_id)] = score
        elif score.points != entry.points:
            score.points, score.scored_at = entry.points, now
            score.save(update_fields=["points", "scored_at"])
        saved.append(score)
    return saved


def _move(actor: User | None, contest: Contest, to: str) -> Contest:
    _require(actor, "contest.manage", contest)
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if to not in CONTEST_MOVES[contest.status]:
        raise ValidationError(
            {
                "status": _("A contest cannot move from “%(from)s” to “%(to)s”.")
                % {"from": S(contest.status).label, "to": S(to).label}
            },
            code="illegal_move",
        )
    contest.status = to
    stamp = "closed_at" if to == S.CLOSED else "published_at"
    setattr(contest, stamp, timezone.now())
    contest.save(update_fields=["status", stamp])
    return contest


@transaction.atomic
def contest_close(*, actor: User | None, contest: Contest) -> Contest:
    """The scores are final: no juror may change them any more."""
    return _move(actor, contest, S.CLOSED)


@transaction.atomic
def contest_publish(*, actor: User | None, contest: Contest) -> Contest:
    """The result is shown to the employers."""
    return _move(actor, contest, S.PUBLISHED)
