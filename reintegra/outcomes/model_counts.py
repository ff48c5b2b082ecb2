"""The seed models' own counts, a section of every report: meetings held by kind, the distinct
people who attended, activities run, internships completed, employers engaged and attendance
marks. Counts only, never a row about a person. The definitions are in docs/indicators.md
("Model counts"); this module follows them.

A period is whole days in Warsaw time: a session belongs to the day it starts on. A meeting is
*held* once it has started (as the activities' own summaries count it).

The people who came and the marks are read from the counts kept on write
(``activities.AttendanceMonth``, per person, programme and month) for the period's whole months,
and from the marks themselves for the days at its edges, so a year's organisation-wide report
reads some hundred thousand kept rows instead of tens of millions of marks, and is exact for any
range of days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.activities.models import Attendance, AttendanceMonth, Session, SessionKind
from reintegra.employers.models import (
    Employer,
    FairStand,
    OfferKind,
    Placement,
    PlacementStatus,
    SurveyAnswer,
)
from reintegra.outcomes.tables import (
    BY_GENDER,
    TOTAL,
    CellRef,
    Period,
    Relation,
    Row,
    Table,
    gender_relations,
)
from reintegra.people.models import Participant, Sex
from reintegra.programmes.models import EnrolmentStatus, Programme

MEETINGS, PEOPLE, COUNTS = "model_meetings", "model_people", "model_counts"
# People who have been in a programme: enrolled now, or enrolled and left since.
BEEN_IN = (EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT)
# A placement that has begun: it has a start and perhaps an end.
BEGUN = (PlacementStatus.STARTED, PlacementStatus.FINISHED, PlacementStatus.BROKEN_OFF)


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The first moment of the period's first day and the first moment after its last, in Warsaw."""
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(period.start, time.min, tzinfo=zone),
        datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone),
    )


def held_sessions(programmes: Sequence[Programme], period: Period) -> QuerySet[Session]:
    start, end = bounds(period)
    return Session.objects.filter(
        programme__in=programmes, starts_at__gte=start, starts_at__lt=min(end, timezone.now())
    )


def present_marks(programmes: Sequence[Programme], period: Period) -> QuerySet[Attendance]:
    """Present marks of the programmes' sessions that start in the period (read from the marks)."""
    start, end = bounds(period)
    return _present_between(programmes, start, end)


def _present_between(programmes: Sequence[Programme], start: datetime, end: datetime) -> QuerySet[Attendance]:
    return Attendance.objects.filter(
        present=True,
        session__programme__in=programmes,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    )


@dataclass(frozen=True)
class Split:
    """A period cut into the whole months read from ``AttendanceMonth`` (``first`` included,
    ``after`` not) and the days at its edges read from the marks."""

    first: date
    after: date
    edges: tuple[tuple[datetime, datetime], ...]


def split(period: Period) -> Split:
    following = period.end + timedelta(days=1)
    first = (
        period.start
        if period.start.day == 1
        else (period.start.replace(day=1) + timedelta(days=32)).replace(day=1)
    )
    after = following if following.day == 1 else period.end.replace(day=1)
    if first >= after:  # no whole month: every day from the marks
        return Split(first, first, (bounds(period),))
    zone = timezone.get_default_timezone()
    start, end = bounds(period)
    edges = []
    if period.start < first:
        edges.append((start, datetime.combine(first, time.min, tzinfo=zone)))
    if after < following:
        edges.append((datetime.combine(after, time.min, tzinfo=zone), end))
    return Split(first, after, tuple(edges))


def _whole_months(programmes: Sequence[Programme], cut: Split) -> QuerySet[AttendanceMonth]:
    return AttendanceMonth.objects.filter(programme__in=programmes, month__gte=cut.first, month__lt=cut.after)


def _edge_marks(programmes: Sequence[Programme], cut: Split) -> list[QuerySet[Attendance]]:
    return [_present_between(programmes, start, end) for start, end in cut.edges]


def present_count(programmes: Sequence[Programme], period: Period) -> int:
    """Present marks: whole months from the kept counts, the edge days from the marks."""
    cut = split(period)
    whole = _whole_months(programmes, cut).aggregate(n=Sum("present_sessions"))["n"] or 0
    return whole + sum(marks.count() for marks in _edge_marks(programmes, cut))


def model_counts(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
    """The section's three tables and the sums they publish."""
    if not programmes:
        return [], []
    meetings = meetings_table(programmes, period)
    people = people_table(programmes, period)
    counts = counts_table(programmes, period)
    return [meetings, people, counts], [*kind_relations(meetings), *gender_relations(people)]


# --- Meetings held by kind -------------------------------------------------------------------


def session_type_names(programmes: Sequence[Programme]) -> dict[str, list[str]]:
    """Per kind of session, the names the programmes' templates give it (``session_types``)."""
    names: dict[str, list[str]] = {}
    for programme in programmes:
        for item in (programme.template.definition or {}).get("session_types", []):
            kind, name = item.get("kind"), item.get("name")
            if kind in SessionKind.values and name and name not in names.setdefault(kind, []):
                names[kind].append(name)
    return names


def meetings_table(programmes: Sequence[Programme], period: Period) -> Table:
    """One row per kind of session that the templates schedule or that was held, then all."""
    held = dict(held_sessions(programmes, period).values_list("kind").annotate(n=Count("pk")).order_by())
    names = session_type_names(programmes)
    table = Table(MEETINGS, _("Meetings held by kind"), [(TOTAL, _("Meetings"))])
    for kind in SessionKind:
        if kind.value in names or held.get(kind.value):
            table.rows.append(
                Row(
                    f"meetings_{kind.value}",
                    str(kind.label),
                    {TOTAL: held.get(kind.value, 0)},
                    note=", ".join(names.get(kind.value, [])),
                )
            )
    table.rows.append(
        Row(
            "meetings_all",
            _("All meetings held"),
            {TOTAL: sum(held.values())},
            note=_("Sessions of the programmes that started in the period, by the day they started on."),
        )
    )
    return table


def kind_relations(table: Table) -> list[Relation]:
    parts = tuple(CellRef(table.key, row.code, TOTAL) for row in table.rows if row.code != "meetings_all")
    return [Relation(CellRef(table.key, "meetings_all", TOTAL), parts)] if parts else []


# --- People who attended ---------------------------------------------------------------------


def attended_by_sex(programmes: Sequence[Programme], period: Period) -> dict[str, int]:
    """Distinct people with at least one present mark in the period, by sex: those with a kept
    month inside it, or a mark on its edge days."""
    cut = split(period)
    came = Q(pk__in=_whole_months(programmes, cut).values("participant_id"))
    for marks in _edge_marks(programmes, cut):
        came |= Q(pk__in=marks.values("participant_id"))
    return dict(Participant.objects.filter(came).values_list("sex").annotate(n=Count("pk")).order_by())


def people_table(programmes: Sequence[Programme], period: Period) -> Table:
    by_sex = attended_by_sex(programmes, period)
    cells: dict[str, int | float | None] = {
        column: by_sex.get(str(sex), 0)
        for column, sex in zip(BY_GENDER[:3], (Sex.WOMAN, Sex.MAN, Sex.NON_BINARY), strict=True)
    }
    cells[TOTAL] = sum(value or 0 for value in cells.values())
    return Table(
        PEOPLE,
        _("People who attended"),
        gender_columns(),
        [
            Row(
                "participants_attended",
                _("Distinct participants who attended at least once"),
                cells,
                note=_("Each person counted once, however many meetings they came to."),
            )
        ],
    )


def gender_columns() -> list[tuple[str, str]]:
    return [
        (BY_GENDER[0], _("Women")),
        (BY_GENDER[1], _("Men")),
        (BY_GENDER[2], _("Non-binary")),
        (TOTAL, _("Total")),
    ]


# --- Activities, internships, employers, marks -------------------------------------------------


def activities_run(programmes: Sequence[Programme], period: Period) -> int:
    return (
        held_sessions(programmes, period)
        .filter(activity__isnull=False)
        .aggregate(n=Count("activity", distinct=True))["n"]
    )


def _placements_of(programmes: Sequence[Programme]) -> QuerySet[Placement]:
    """Placements of people who have been in one of the programmes."""
    return Placement.objects.filter(
        participant__enrolments__programme__in=programmes,
        participant__enrolments__status__in=BEEN_IN,
    )


def internships_completed(programmes: Sequence[Programme], period: Period) -> int:
    return (
        _placements_of(programmes)
        .filter(
            offer__kind=OfferKind.INTERNSHIP,
            status=PlacementStatus.FINISHED,
            ended_on__gte=period.start,
            ended_on__lte=period.end,
        )
        .aggregate(n=Count("pk", distinct=True))["n"]
    )


def employers_engaged(programmes: Sequence[Programme], period: Period) -> int:
    """Distinct employers with a placement of the programmes' people that ran in the period, a
    stand at a fair of the programmes' organisations held in it, or an answer to a survey of
    those organisations given in it."""
    organisations = {programme.organisation_id for programme in programmes}
    start, end = bounds(period)
    placements = (
        _placements_of(programmes)
        .filter(status__in=BEGUN, started_on__lte=period.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
        .values("offer__employer_id")
    )
    stands = FairStand.objects.filter(
        fair__organisation_id__in=organisations,
        fair__held_on__gte=period.start,
        fair__held_on__lte=period.end,
    ).values("employer_id")
    answers = SurveyAnswer.objects.filter(
        round__organisation_id__in=organisations, created_at__gte=start, created_at__lt=end
    ).values("employer_id")
    return Employer.objects.filter(Q(pk__in=placements) | Q(pk__in=stands) | Q(pk__in=answers)).count()


def counts_table(programmes: Sequence[Programme], period: Period) -> Table:
    rows = [
        Row(
            "activities_run",
            _("Activities run"),
            {TOTAL: activities_run(programmes, period)},
            note=_("Activities with at least one meeting held in the period."),
        ),
        Row(
            "attendance_present",
            _("Attendance marks present"),
            {TOTAL: present_count(programmes, period)},
            note=_("One a person and meeting they came to."),
        ),
        Row(
            "internships_completed",
            _("Internships completed"),
            {TOTAL: internships_completed(programmes, period)},
            note=_("Placements on internship offers finished in the period."),
        ),
        Row(
            "employers_engaged",
            _("Employers engaged"),
            {TOTAL: employers_engaged(programmes, period)},
            note=_("Distinct employers with a placement, a fair stand or a survey answer in the period."),
        ),
    ]
    return Table(COUNTS, _("The model's own counts"), [(TOTAL, _("Count"))], rows)
