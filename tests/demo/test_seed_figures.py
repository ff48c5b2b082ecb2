"""The seeds' own figures, reproduced by the demo's reports (issue 13, item 7).

Where each figure comes from:

* seed 000 (KARnet15+, the pilot in Wrocław and Poznań, October 2013 – September 2014): "656
  young people aged 15–25" were interested in the clubs' offer, they "engaged in 47 activities",
  and the clubs held "1,059 meetings" of five kinds (activity meetings, workshops with the
  group-process leader, workshops with the labour-market guide, meetings with employers,
  individual consultations). ``seed_demo --karnet-scale`` builds that year for the demo's two
  clubs (``reintegra/demo/scale_clubs.py``); the seed gives only the total of meetings, the split
  by kind is the fill's (``KIND_SHARES``);
* seed 004 (the mobile activation centre): "each of the 48 women participants had contact with
  at least 4–5 women in a similar situation", the diagnosis was prepared by questionnaire
  interviews ("300 wywiadów kwestionariuszowych") and demand exceeded the places ("a reserve list
  was created"). ``reintegra/demo/mobile.py``: 48 women enrolled, 8 on the reserve list, 4 not
  eligible, each of the 60 interviewed at a village hall before she applied; every participant
  told 4 to 7 women;
* seed 001 (the CIS partnership): participants do two-month internships at the partnership's
  employers. ``reintegra/demo/cis_internships.py``: two people of the CIS programme finished one,
  at the joinery and at the logistics centre.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from reintegra.accounts.models import User
from reintegra.activities.models import Attendance, Session
from reintegra.employers.models import OfferKind, Placement, PlacementStatus
from reintegra.outcomes.reach.selectors import REACHED_AT_LEAST
from reintegra.outcomes.reports.services import OUTPUTS, build_report, indicator_report
from reintegra.outcomes.tables import TOTAL, WOMEN, Period, Report
from reintegra.programmes.models import EnrolmentStatus, Programme

KARNET_MEETINGS_BY_KIND = {
    "activity": 520,
    "group_workshop": 170,
    "labour_market_workshop": 150,
    "employer_meeting": 60,
    "consultation": 159,
}


@pytest.fixture(scope="module")
def seeded(demo: str, django_db_blocker: DjangoDbBlocker) -> None:
    """The demo with the KARnet15+ pilot's year, inside the demo's module transaction."""
    with django_db_blocker.unblock():
        call_command("seed_demo", "--once", "--karnet-scale", stdout=StringIO())


def whole(programmes: list[Programme]) -> Period:
    return Period(min(p.start_date for p in programmes), max(p.end_date for p in programmes))


# The model counts section's tables (the "counts" part of issue 13). Until it is merged, the tests
# check its definitions on the records; once the report has its tables, the report itself.
MEETINGS, PEOPLE, COUNTS = "model_meetings", "model_people", "model_counts"


def values(report: Report, table: str) -> dict[str, int | float | None]:
    return {row.code: row.cells[TOTAL] for row in report.table(table).rows}


def has(report: Report, table: str) -> bool:
    return any(candidate.key == table for candidate in report.tables)


@pytest.mark.django_db
def test_the_karnet_scale_shows_the_pilots_656_young_people_47_activities_and_1059_meetings(
    seeded: None,
) -> None:
    pilots = list(Programme.objects.filter(code__endswith="-pilotaz").select_related("template"))
    period = whole(pilots)
    assert len(pilots) == 2
    report = build_report(pilots, period, title="KARnet15+")

    # Until the model counts section is on main: its definitions, over the same programmes.
    held = Session.objects.filter(programme__in=pilots, starts_at__lt=timezone.now())
    by_kind = dict(held.values_list("kind").annotate(n=Count("pk")).order_by())
    came = Attendance.objects.filter(session__in=held, present=True)
    assert by_kind == KARNET_MEETINGS_BY_KIND
    assert sum(by_kind.values()) == 1_059
    assert came.values("participant").distinct().count() == 656
    assert held.filter(activity__isnull=False).values("activity").distinct().count() == 47
    if has(report, MEETINGS):
        meetings = values(report, MEETINGS)
        assert {
            kind: meetings[f"meetings_{kind}"] for kind in KARNET_MEETINGS_BY_KIND
        } == KARNET_MEETINGS_BY_KIND
        assert meetings["meetings_all"] == 1_059
        assert values(report, PEOPLE)["participants_attended"] == 656
        assert values(report, COUNTS)["activities_run"] == 47


@pytest.mark.django_db
def test_the_mobile_centre_shows_interviews_before_recruitment_48_women_and_the_reach_of_each(
    seeded: None,
) -> None:
    programme = Programme.objects.get(code="mcaz-powiat-zalesianski")
    period = Period(programme.start_date, programme.end_date)
    coordinator = User.objects.get(username="koordynator.pup")

    report = indicator_report(user=coordinator, period=period, programme=programme.pk)

    assert report.table(OUTPUTS).row("EECO01").cells == {"women": 48, "men": 0, "non_binary": 0, TOTAL: 48}
    reach = values(report, "reach")
    assert reach["outreach_interviews"] == 60  # 48 enrolled, 8 on the reserve list, 4 not eligible
    assert reach["reach_participants"] == 48
    assert reach["reach_at_least"] == 48  # every one of them told at least 4 others
    assert (reach["reach_people_told"] or 0) >= REACHED_AT_LEAST * 48
    assert (report.table("reach_mean").row("reach_mean").cells["mean"] or 0) >= REACHED_AT_LEAST
    assert programme.enrolments.filter(status=EnrolmentStatus.RESERVE).count() == 8
    visits = Session.objects.filter(programme=programme, kind="mobile_visit")
    assert set(visits.values_list("venue__kind", flat=True)) == {"village_hall"}
    assert visits.filter(starts_at__lt=timezone.now()).exists()
    assert report.table(OUTPUTS).row("EECO01").cells[WOMEN] == reach["reach_participants"]


@pytest.mark.django_db
def test_the_cis_partnership_shows_internships_completed_and_employers_engaged(seeded: None) -> None:
    programme = Programme.objects.get(code="cis-partnerstwo-2026")
    period = Period(programme.start_date, programme.end_date)

    # Until the model counts section is on main: its definitions, over the programme's people.
    internships = Placement.objects.filter(
        participant__enrolments__programme=programme,
        participant__enrolments__status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.LEFT],
        offer__kind=OfferKind.INTERNSHIP,
        status=PlacementStatus.FINISHED,
        ended_on__range=(period.start, period.end),
    )
    assert internships.count() == 2
    assert internships.values("offer__employer").distinct().count() == 2
    assert all((p.ended_on - p.started_on).days >= 59 for p in internships)  # type: ignore[operator]
    report = indicator_report(
        user=User.objects.get(username="koordynator.cis"), period=period, programme=programme.pk
    )
    if has(report, COUNTS):
        counts = values(report, COUNTS)
        assert counts["internships_completed"] == 2
        assert (counts["employers_engaged"] or 0) >= 2
