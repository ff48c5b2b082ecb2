"""Reads of needs surveys, scoped to the requesting user.

Staff see the rounds of the organisations where they hold ``survey.manage``; an employer's
contact sees only the rounds sent to her own employer and only its answer. A round or answer
the user may not see answers ``Http404``, as one that does not exist. Nothing here is personal
data of a participant: answers are what employers say of the people they will hire.

The demand view sums the answers' lines in the database (one ``GROUP BY`` by occupation group,
gmina and quarter) and adds the totals of rows and columns to those sums, so its number of
queries holds whatever the number of answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, cast

from django.db.models import Case, CharField, Count, F, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Substr
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from reintegra.accounts import policy
from reintegra.accounts.models import User
from reintegra.employers.models import (
    Employer,
    Occupation,
    SurveyAnswer,
    SurveyAnswerLine,
    SurveyInvitation,
    SurveyRound,
)

# The KZiS levels the demand is rolled up to: the code's first digits.
LEVELS = (2, 3, 4, 6)


def rounds_for_user(user: User) -> QuerySet[SurveyRound]:
    organisation_ids = policy.organisation_ids_where(user, "survey.manage")
    return (
        SurveyRound.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .annotate(answered=Count("answers", distinct=True), invited=Count("invitations", distinct=True))
    )


def round_get_for_user(user: User, pk: int, *, permission: str = "survey.manage") -> SurveyRound:
    survey = SurveyRound.objects.select_related("organisation", "previous").filter(pk=pk).first()
    if survey is None or not policy.can(user, permission, survey):
        raise Http404
    return survey


@dataclass(frozen=True)
class EmployerAnswerRow:
    employer: Employer
    invitation: SurveyInvitation | None
    answer: SurveyAnswer | None
    people: int


def round_employers(survey: SurveyRound) -> list[EmployerAnswerRow]:
    """Every employer the round's organisation keeps, or was sent the round: its answer, if any,
    and how many people it will hire."""
    employers = (
        Employer.objects.filter(Q(kept_by_id=survey.organisation_id) | Q(survey_invitations__round=survey))
        .distinct()
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    invitations = {i.employer_id: i for i in survey.invitations.all()}
    answers = {
        a.employer_id: a
        for a in survey.answers.select_related("entered_by", "updated_by").annotate(
            people=Sum("lines__count")
        )
    }
    return [
        EmployerAnswerRow(
            employer=employer,
            invitation=invitations.get(employer.pk),
            answer=answers.get(employer.pk),
            people=getattr(answers.get(employer.pk), "people", None) or 0,
        )
        for employer in employers
    ]


def employer_of_round(survey: SurveyRound, pk: int) -> Employer:
    """An employer the round's organisation keeps (a coordinator enters its answer by phone)."""
    employer = (
        Employer.objects.select_related("organisation")
        .filter(pk=pk, kept_by_id=survey.organisation_id)
        .first()
    )
    if employer is None:
        raise Http404
    return employer


def answer_of(survey: SurveyRound, employer: Employer) -> SurveyAnswer | None:
    lines = SurveyAnswerLine.objects.select_related("occupation", "gmina", "site").order_by("quarter", "pk")
    return (
        SurveyAnswer.objects.filter(round=survey, employer=employer)
        .select_related("entered_by", "updated_by")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .first()
    )


# --- The employer contact's side ------------------------------------------------------------


def invitations_of_contact(user: User) -> QuerySet[SurveyInvitation]:
    """The rounds sent to the employers whose contact the user is (drafts are never sent)."""
    organisation_ids = policy.organisation_ids_where(user, "survey.answer")
    return (
        SurveyInvitation.objects.filter(employer__organisation_id__in=organisation_ids)
        .select_related("round__organisation", "employer__organisation")
        .order_by("-round__first_quarter", "-round_id", "employer__organisation__name")
    )


def contact_invitation_get(user: User, pk: int) -> SurveyInvitation:
    """The round ``pk`` as sent to the contact's own employer; 404 for any other round."""
    invitation = invitations_of_contact(user).filter(round_id=pk).first()
    if invitation is None or not policy.can(user, "survey.answer", invitation.employer):
        raise Http404
    return invitation


# --- The demand view -------------------------------------------------------------------------


class RowsBy(StrEnum):
    OCCUPATION = "occupation"
    GMINA = "gmina"
    BOTH = "occupation_gmina"


ROWS_BY_LABELS = {
    RowsBy.OCCUPATION: _("occupation"),
    RowsBy.GMINA: _("gmina"),
    RowsBy.BOTH: _("occupation and gmina"),
}


@dataclass
class DemandRow:
    occupation_code: str = ""  # the group's code at the chosen level; empty when uncoded
    occupation_text: str = ""  # the occupation in words, when uncoded
    occupation_name: str = ""
    gmina_code: str = ""
    gmina_name: str = ""
    cells: dict[date, int] = field(default_factory=dict)

    @property
    def uncoded(self) -> bool:
        return not self.occupation_code and bool(self.occupation_text)

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def by_quarter(self, quarters: list[date]) -> list[int]:
        return [self.cells.get(quarter, 0) for quarter in quarters]


@dataclass
class Demand:
    level: int
    rows_by: RowsBy
    quarters: list[date]
    rows: list[DemandRow]

    @property
    def column_totals(self) -> list[int]:
        return [sum(row.cells.get(quarter, 0) for row in self.rows) for quarter in self.quarters]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def demand_for_user(
    user: User, *, survey: SurveyRound | None = None, level: int = 6, rows_by: RowsBy = RowsBy.BOTH
) -> Demand:
    """People the employers will hire, summed by occupation group (``level`` digits of the KZiS
    code; an uncoded occupation stays as written), gmina and quarter, over the rounds of the
    user's organisations (or the one round given, which the caller got through
    ``round_get_for_user``). Two queries: the sums, and the groups' names."""
    if level not in LEVELS:
        raise ValueError(f"KZiS level {level} is not one of {LEVELS}")
    lines = SurveyAnswerLine.objects.filter(
        answer__round__organisation_id__in=policy.organisation_ids_where(user, "survey.manage")
    )
    if survey is not None:
        lines = lines.filter(answer__round=survey)
    keys: dict[str, F | Substr | Case] = {"q": F("quarter")}
    if rows_by != RowsBy.GMINA:
        keys["code"] = Substr("occupation_id", 1, level)
        keys["text"] = Case(
            When(occupation__isnull=True, then=F("occupation_text")),
            default=Value(""),
            output_field=CharField(),
        )
    if rows_by != RowsBy.OCCUPATION:
        keys["gmina_code"] = F("gmina_id")
        keys["gmina_name"] = F("gmina__name")
    sums = lines.values(**keys).annotate(people=Sum("count")).order_by()
    rows: dict[tuple[str, str, str], DemandRow] = {}
    found_quarters: set[date] = set()
    for item in cast(Iterable[dict[str, Any]], sums):
        key = (item.get("code") or "", item.get("text") or "", item.get("gmina_code") or "")
        row = rows.get(key)
        if row is None:
            row = rows[key] = DemandRow(
                occupation_code=key[0],
                occupation_text=key[1],
                gmina_code=key[2],
                gmina_name=item.get("gmina_name") or "",
            )
        row.cells[item["q"]] = row.cells.get(item["q"], 0) + item["people"]
        found_quarters.add(item["q"])
    _name_occupations(list(rows.values()))
    quarters = sorted(found_quarters | set(survey.quarters if survey is not None else ()))
    ordered = sorted(
        rows.values(),
        key=lambda row: (
            row.uncoded,
            row.occupation_code,
            row.occupation_text.casefold(),
            row.gmina_name,
            row.gmina_code,
        ),
    )
    return Demand(level=level, rows_by=rows_by, quarters=quarters, rows=ordered)


def _name_occupations(rows: list[DemandRow]) -> None:
    codes = {row.occupation_code for row in rows if row.occupation_code}
    if not codes:
        return
    names = dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))
    for row in rows:
        row.occupation_name = names.get(row.occupation_code, "")


def training_needs(user: User, *, survey: SurveyRound | None = None) -> QuerySet[SurveyAnswerLine]:
    """The lines that name the training their people need: what coordinators plan courses from."""
    lines = SurveyAnswerLine.objects.filter(
        answer__round__organisation_id__in=policy.organisation_ids_where(user, "survey.manage")
    ).exclude(training="")
    if survey is not None:
        lines = lines.filter(answer__round=survey)
    return lines.select_related("occupation", "gmina", "answer__employer__organisation").order_by(
        "occupation_id", "quarter", "pk"
    )


def answered_rounds(invitations: list[SurveyInvitation]) -> set[tuple[int, int]]:
    """(round, employer) of the invitations that have an answer."""
    pairs = SurveyAnswer.objects.filter(
        round_id__in={i.round_id for i in invitations}, employer_id__in={i.employer_id for i in invitations}
    ).values_list("round_id", "employer_id")
    return set(pairs)
