"""The dashboards' reads: which programmes and organisations the user may chart, and the four
tables the charts draw (the funnel, attendance by month, outcomes by gender, caseload by worker).

Counts only, never a row about a person, so nothing here is logged as a read. Each table is one
query (the outcomes two: the exit and the six months), whatever the number of people: the
database counts, Python only names the rows. Attendance is read from the counts the activities
keep per person, programme and month, not from the marks. A programme or organisation the user may not chart
is a 404, as one that does not exist.

A person counts once in a row however many of the organisation's programmes she is in: every
count is of distinct people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reintegra.accounts import policy
from reintegra.accounts.models import Organisation, User
from reintegra.activities.models import AttendanceMonth
from reintegra.casework.models import CaseAssignment
from reintegra.collation import by_name
from reintegra.outcomes.models import ExitRecord, FollowUp, FollowUpStatus
from reintegra.outcomes.tables import BY_GENDER, MEN, NON_BINARY, TOTAL, WOMEN, Row, Table
from reintegra.people.models import Sex
from reintegra.programmes.models import Enrolment, EnrolmentStatus, EnrolmentStatusChange, Programme

PERMISSION = "dashboard.view"
MONTHS = 12  # attendance over the last twelve months, this one included
FOLLOW_UP_MONTHS = 6  # what EFS+ counts after leaving

COLUMN_OF_SEX = {Sex.WOMAN: WOMEN, Sex.MAN: MEN, Sex.NON_BINARY: NON_BINARY}


@dataclass(frozen=True)
class Scope:
    """What a dashboard counts: one programme, or all of an organisation's."""

    organisation: Organisation
    programme: Programme | None = None

    @property
    def title(self) -> str:
        return str(self.programme or self.organisation)

    def enrolments(self) -> QuerySet[Enrolment]:
        if self.programme is not None:
            return Enrolment.objects.filter(programme=self.programme)
        return Enrolment.objects.filter(programme__organisation=self.organisation)


# --- Access ------------------------------------------------------------------------------


def organisations_for_user(user: User) -> list[Organisation]:
    return list(policy.organisations_where(user, PERMISSION).order_by(*by_name("name"), "pk"))


def programmes_for_user(user: User) -> list[Programme]:
    """The programmes of the organisations where the user may chart, newest first."""
    organisation_ids = policy.organisation_ids_where(user, PERMISSION)
    return list(
        Programme.objects.filter(organisation_id__in=organisation_ids).order_by("-start_date", "name", "pk")
    )


def organisation_scope_for_user(user: User, pk: int) -> Scope:
    if pk not in policy.organisation_ids_where(user, PERMISSION):
        raise Http404
    return Scope(Organisation.objects.get(pk=pk))


def programme_scope_for_user(user: User, pk: int) -> Scope:
    programme = Programme.objects.select_related("organisation").filter(pk=pk).first()
    if programme is None or not policy.can(user, PERMISSION, programme):
        raise Http404
    return Scope(programme.organisation, programme)


# --- The funnel --------------------------------------------------------------------------

# How far a person got, each stage counting everyone who reached it (so a later stage never
# counts more than an earlier one): found eligible (and waiting, offered a place or enrolled, or
# having left after that), enrolled, left after taking part, employed on leaving by her exit
# record, employed six months after leaving by her recorded follow-up.
_FOUND_ELIGIBLE = (
    Q(status__in=[EnrolmentStatus.ELIGIBLE, EnrolmentStatus.RESERVE, EnrolmentStatus.OFFERED])
    | Q(enrolled_on__isnull=False)
    | Q(
        Exists(
            EnrolmentStatusChange.objects.filter(
                enrolment=OuterRef("pk"),
                to_status__in=[EnrolmentStatus.ELIGIBLE, EnrolmentStatus.RESERVE, EnrolmentStatus.OFFERED],
            )
        )
    )
)
_ENROLLED = Q(enrolled_on__isnull=False)
_LEFT = Q(status=EnrolmentStatus.LEFT, enrolled_on__isnull=False)
_EMPLOYED_ON_LEAVING = Q(exit_record__employed=True)
_EMPLOYED_LATER = Q(
    Exists(
        FollowUp.objects.filter(
            enrolment=OuterRef("pk"), months=FOLLOW_UP_MONTHS, status=FollowUpStatus.DONE, employed=True
        )
    )
)


def funnel(scope: Scope) -> Table:
    def people(condition: Q | None = None) -> Count:
        return Count("participant", distinct=True, filter=condition)

    counts = scope.enrolments().aggregate(
        applied=people(),
        eligible=people(_FOUND_ELIGIBLE),
        enrolled=people(_ENROLLED),
        left=people(_LEFT),
        employed_on_leaving=people(_EMPLOYED_ON_LEAVING),
        employed_later=people(_EMPLOYED_LATER),
    )
    names = {
        "applied": pgettext("dashboard", "Applied"),
        "eligible": _("Found eligible"),
        "enrolled": pgettext("dashboard", "Enrolled"),
        "left": _("Left after taking part"),
        "employed_on_leaving": _("Employed on leaving (exit record)"),
        "employed_later": _("Employed six months after leaving"),
    }
    return Table(
        key="funnel",
        title=_("The programme's funnel"),
        columns=[("people", pgettext("dashboard", "People"))],
        rows=[Row(code, name, {"people": counts[code]}) for code, name in names.items()],
    )


# --- Attendance by month -----------------------------------------------------------------


def months_back(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the ``count`` months up to today's, oldest first."""
    index = today.year * 12 + today.month - 1
    return [date(i // 12, i % 12 + 1, 1) for i in range(index - count + 1, index + 1)]


def attendance_by_month(scope: Scope, *, today: date | None = None) -> Table:
    """Present marks and the distinct people marked present, by the month (in Warsaw) the
    sessions start in, over the last ``MONTHS`` months; a month with no session shows zeros.

    Read from the counts kept on write (``activities.AttendanceMonth``, a person's present marks
    per programme and month, by the same Warsaw month), not from the marks: the chart is by whole
    months, so the kept rows are the marks' count exactly."""
    months = months_back(today or timezone.localdate())
    kept = AttendanceMonth.objects.filter(month__gte=months[0], month__lte=months[-1])
    if scope.programme is not None:
        kept = kept.filter(programme=scope.programme)
    else:
        kept = kept.filter(programme__organisation=scope.organisation)
    counted = (
        kept.values("month")
        .annotate(marks=Sum("present_sessions"), people=Count("participant", distinct=True))
        .order_by()
    )
    by_month: dict[date, dict[str, Any]] = {row["month"]: dict(row) for row in counted}
    rows = []
    for month in months:
        found = by_month.get(month, {})
        name = formats.date_format(month, "F Y")
        cells = {"marks": found.get("marks", 0), "people": found.get("people", 0)}
        rows.append(Row(month.strftime("%Y-%m"), name, cells))
    return Table(
        key="attendance",
        title=_("Attendance by month"),
        columns=[("marks", _("Present marks")), ("people", _("People present"))],
        rows=rows,
    )


# --- Outcomes by gender ------------------------------------------------------------------


def outcomes_by_gender(scope: Scope) -> Table:
    """On leaving (by the exit records) and six months later (by the follow-ups recorded), by
    the person's sex as at entry (her entry snapshot; without one, her record's)."""
    exits = (
        ExitRecord.objects.filter(enrolment__in=scope.enrolments())
        .annotate(sex=_sex("enrolment"))
        .values("sex")
        .annotate(
            exits=_people(),
            exit_employed=_people(Q(employed=True)),
            exit_education=_people(Q(in_education=True)),
            exit_qualification=_people(Q(qualification_gained=True)),
            exit_job_seeking=_people(Q(job_seeking=True)),
        )
        .order_by()
    )
    later = (
        FollowUp.objects.filter(
            enrolment__in=scope.enrolments(), months=FOLLOW_UP_MONTHS, status=FollowUpStatus.DONE
        )
        .annotate(sex=_sex("enrolment"))
        .values("sex")
        .annotate(
            later=_people(),
            later_employed=_people(Q(employed=True)),
            later_improved=_people(~Q(improvement="")),
        )
        .order_by()
    )
    names = {
        "exits": _("Left, with the situation recorded"),
        "exit_employed": _("Employed on leaving"),
        "exit_education": _("In education or training on leaving"),
        "exit_qualification": _("Gained a qualification"),
        "exit_job_seeking": _("Seeking work on leaving"),
        "later": _("Reached six months after leaving"),
        "later_employed": _("Employed six months after leaving"),
        "later_improved": _("Better situation six months after leaving"),
    }
    cells: dict[str, dict[str, int | float | None]] = {code: dict.fromkeys(BY_GENDER, 0) for code in names}
    counted: list[dict[str, Any]] = [dict(one) for one in [*exits, *later]]
    for row in counted:
        column = COLUMN_OF_SEX.get(row["sex"])
        for code in names.keys() & row.keys():
            if column is not None:
                cells[code][column] = row[code]
            cells[code][TOTAL] = (cells[code][TOTAL] or 0) + row[code]
    labels = {
        WOMEN: pgettext("dashboard", "Women"),
        MEN: pgettext("dashboard", "Men"),
        NON_BINARY: pgettext("dashboard", "Non-binary persons"),
        TOTAL: pgettext("dashboard", "Total"),
    }
    return Table(
        key="outcomes",
        title=_("Outcomes on leaving and six months later"),
        columns=[(column, labels[column]) for column in BY_GENDER],
        rows=[Row(code, name, cells[code]) for code, name in names.items()],
    )


def _sex(enrolment: str) -> Coalesce:
    return Coalesce(
        KeyTextTransform("sex", f"{enrolment}__entry_snapshot__data"),
        F(f"{enrolment}__participant__sex"),
        output_field=CharField(),
    )


def _people(condition: Q | None = None) -> Count:
    return Count("enrolment__participant", distinct=True, filter=condition)


# --- Caseload by worker ------------------------------------------------------------------


def caseload_by_worker(scope: Scope) -> Table:
    """The people in each case worker's care (an assignment not ended, as the caseload counts
    them), of the organisation; for a programme, those of them enrolled in it."""
    care = CaseAssignment.objects.filter(ended_on__isnull=True, participant__organisation=scope.organisation)
    if scope.programme is not None:
        enrolled = Enrolment.objects.filter(
            programme=scope.programme, participant=OuterRef("participant"), status=EnrolmentStatus.ENROLLED
        )
        care = care.filter(Exists(enrolled))
    workers = (
        care.values("worker", "worker__first_name", "worker__last_name", "worker__username")
        .annotate(people=Count("participant", distinct=True))
        .order_by(*by_name("worker__last_name", "worker__first_name"), "worker__username")
    )
    return Table(
        key="caseload",
        title=_("Caseload by case worker"),
        columns=[("people", pgettext("dashboard", "People in care"))],
        rows=[Row(str(row["worker"]), _worker_name(dict(row)), {"people": row["people"]}) for row in workers],
    )


def _worker_name(row: dict[str, Any]) -> str:
    return f"{row['worker__first_name']} {row['worker__last_name']}".strip() or row["worker__username"]


def dashboard_tables(scope: Scope, *, today: date | None = None) -> list[Table]:
    return [
        funnel(scope),
        attendance_by_month(scope, today=today),
        outcomes_by_gender(scope),
        caseload_by_worker(scope),
    ]


def table_for(scope: Scope, key: str, *, today: date | None = None) -> Table:
    """One of the dashboard's tables, for its export; an unknown one is a 404."""
    readers = {
        "funnel": funnel,
        "attendance": lambda scope: attendance_by_month(scope, today=today),
        "outcomes": outcomes_by_gender,
        "caseload": caseload_by_worker,
    }
    if key not in readers:
        raise Http404
    return readers[key](scope)
