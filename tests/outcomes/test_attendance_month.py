"""Attendance counted per person, programme and month on write (``activities.AttendanceMonth``):
after marks are added, changed and removed it equals a plain recount of the marks, the rebuild
command makes the same rows, and a report's counts read from it equal those read from the marks
for any range of days."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.activities import services
from reintegra.activities.models import Attendance, AttendanceMonth, Session, SessionKind
from reintegra.outcomes import model_counts
from reintegra.outcomes.tables import MEN, NON_BINARY, TOTAL, WOMEN, Period
from reintegra.people.models import Participant, Sex
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Group, Programme, ProgrammeTemplate
from tests.activities.conftest import at, enrol
from tests.factories import ProgrammeFactory, member

Kept = dict[tuple[int, int, date], tuple[int, Decimal]]


def recount() -> Kept:
    """Straight from the marks, in Python: present sessions and hours per person, programme and
    Warsaw month."""
    kept: dict[tuple[int, int, date], list[Decimal]] = defaultdict(list)
    for mark in Attendance.objects.filter(present=True).select_related("session"):
        month = timezone.localtime(mark.session.starts_at).date().replace(day=1)
        kept[(mark.participant_id, mark.session.programme_id, month)].append(mark.hours)
    return {key: (len(hours), sum(hours, Decimal(0))) for key, hours in kept.items()}


def stored() -> Kept:
    return {
        (row.participant_id, row.programme_id, row.month): (row.present_sessions, row.hours)
        for row in AttendanceMonth.objects.all()
    }


@pytest.fixture
def club(organisation: Organisation) -> Programme:
    programme_services.templates_load()
    return ProgrammeFactory(
        organisation=organisation,
        template=ProgrammeTemplate.objects.get(code="karnet15"),
        start_date=date(2026, 1, 1),
    )


@pytest.fixture
def leader(organisation: Organisation) -> User:
    return member(organisation, Role.CASE_WORKER, username="lider")


@pytest.fixture
def group(club: Programme) -> Group:
    return Group.objects.create(programme=club, name="Grupa A")


@pytest.fixture
def people(club: Programme, group: Group) -> list[Participant]:
    return [enrol(club, group, sex=sex) for sex in (Sex.WOMAN, Sex.WOMAN, Sex.MAN, Sex.NON_BINARY)]


def session_on(club: Programme, leader: User, day: date, hour: int = 16) -> Session:
    start = at(day, hour)
    return Session.objects.create(
        programme=club,
        leader=leader,
        kind=SessionKind.ACTIVITY,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        planned_hours=Decimal(2),
    )


def record(session: Session, marks: dict[Participant, Decimal | None]) -> None:
    """``None`` marks a person absent; a number, present for that many hours."""
    services.attendance_record(
        actor=None,
        session=session,
        marks=[
            services.Mark(participant_id=person.pk, present=hours is not None, hours=hours or Decimal(0))
            for person, hours in marks.items()
        ],
    )


@pytest.fixture
def term(club: Programme, leader: User, people: list[Participant]) -> list[Session]:
    """Sessions from late February to early April, one on the night March turns to April."""
    ala, basia, czarek, dana = people
    days = [date(2026, 2, 26), date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 31), date(2026, 4, 2)]
    sessions = [session_on(club, leader, day) for day in days]
    sessions.append(session_on(club, leader, date(2026, 3, 31), hour=23))
    for index, session in enumerate(sessions):
        record(
            session,
            {
                ala: Decimal(2),
                basia: Decimal("1.5") if index % 2 else None,
                czarek: None if index % 3 else Decimal(1),
                dana: Decimal(2) if index == 2 else None,
            },
        )
    return sessions


@pytest.mark.django_db
def test_the_kept_months_equal_a_recount_after_marks_are_added_changed_and_removed(
    club: Programme, people: list[Participant], term: list[Session]
) -> None:
    ala, basia, czarek, dana = people
    assert stored() == recount()
    # Hand-worked: Ala came to all four March sessions, two hours each.
    march = date(2026, 3, 1)
    assert stored()[(ala.pk, club.pk, march)] == (4, Decimal(8))

    # Changed: Ala's hours at one session, Basia absent where she came, Czarek the other way.
    record(term[1], {ala: Decimal("0.5"), basia: None, czarek: Decimal(1), dana: None})
    # Removed: Dana, present only on 16 March, marked absent; her March row goes.
    record(term[2], {ala: Decimal(2), basia: None, czarek: None, dana: None})
    assert (dana.pk, club.pk, march) not in stored()
    assert stored()[(ala.pk, club.pk, march)] == (4, Decimal("6.5"))
    assert stored()[(basia.pk, club.pk, march)] == (2, Decimal(3))
    assert stored()[(czarek.pk, club.pk, march)] == (2, Decimal(2))
    assert stored() == recount()


@pytest.mark.django_db
def test_the_rebuild_command_counts_bulk_loaded_marks_as_the_writes_do(term: list[Session]) -> None:
    written = stored()
    AttendanceMonth.objects.all().delete()
    Attendance.objects.filter(pk=Attendance.objects.filter(present=True).order_by("pk")[0].pk).update(
        hours=Decimal("0.25")
    )  # a bulk change that bypasses the service
    out = StringIO()
    call_command("rebuild_attendance_months", stdout=out)
    assert stored() == recount()
    assert stored() != written
    assert str(len(written)) in out.getvalue()


def raw_counts(club: Programme, period: Period) -> tuple[dict[str, int], int]:
    """By sex, the people with a present mark in the period, and the marks: from the marks alone."""
    start, end = model_counts.bounds(period)
    marks = Attendance.objects.filter(
        present=True, session__programme=club, session__starts_at__gte=start, session__starts_at__lt=end
    ).select_related("participant")
    people = {mark.participant for mark in marks}
    by_sex = {WOMEN: 0, MEN: 0, NON_BINARY: 0}
    for person in people:
        by_sex[{Sex.WOMAN: WOMEN, Sex.MAN: MEN, Sex.NON_BINARY: NON_BINARY}[Sex(person.sex)]] += 1
    return by_sex | {TOTAL: len(people)}, len(marks)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 1), date(2026, 3, 31)),  # one whole month
        (date(2026, 2, 1), date(2026, 4, 30)),  # three whole months
        (date(2026, 2, 27), date(2026, 4, 1)),  # whole March, edge days either side
        (date(2026, 3, 16), date(2026, 3, 31)),  # no whole month
        (date(2026, 3, 3), date(2026, 3, 15)),  # none at all
        (date(2026, 4, 1), date(2026, 4, 2)),  # the night of 31 March is March's
    ],
)
def test_the_reports_attendance_counts_are_exact_for_any_days(
    club: Programme, term: list[Session], start: date, end: date
) -> None:
    period = Period(start, end)
    tables, _ = model_counts.model_counts([club], period)
    people, marks = raw_counts(club, period)
    assert tables[1].row("participants_attended").cells == people
    assert tables[2].row("attendance_present").cells == {TOTAL: marks}


@pytest.mark.django_db
def test_a_month_counted_from_the_kept_rows_matches_the_hand_worked_figures(
    club: Programme, term: list[Session]
) -> None:
    tables, _ = model_counts.model_counts([club], Period(date(2026, 3, 1), date(2026, 3, 31)))
    # March's sessions: the 2nd, the 16th, the 31st at 16:00 and at 23:00. Ala came to all four;
    # Basia to the 2nd and both on the 31st; Czarek to the 31st at 16:00; Dana to the 16th.
    assert tables[1].row("participants_attended").cells == {WOMEN: 2, MEN: 1, NON_BINARY: 1, TOTAL: 4}
    # Ala 4 + Basia 3 + Czarek 1 + Dana 1.
    assert tables[2].row("attendance_present").cells == {TOTAL: 9}
