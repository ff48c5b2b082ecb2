"""The recruitment the participants' word led to, worked out by hand: per participant on the
reach page and in its export (people told, of whom applied, the applicants she brought and of
those the ones enrolled), and in the report's section (applications and enrolments of the period
by word of mouth, and their share)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.outcomes.reach.section import reach_section
from reintegra.outcomes.reach.services import heard_from_record
from reintegra.outcomes.tables import Period
from reintegra.people.models import Participant
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme, ProgrammeTemplate
from tests.factories import ParticipantFactory
from tests.outcomes.reach.conftest import TODAY, told

YEAR = Period(date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))
IN_YEAR, LAST_YEAR = date(TODAY.year, 1, 15), date(TODAY.year - 1, 6, 1)


def person(
    programme: Programme, name: str, *, applied: date, status: str, enrolled: date | None
) -> Enrolment:
    participant: Participant = ParticipantFactory(organisation=programme.organisation, last_name=name)
    return Enrolment.objects.create(
        programme=programme,
        participant=participant,
        status=status,
        applied_at=timezone.make_aware(datetime(applied.year, applied.month, applied.day, 12)),
        enrolled_on=enrolled,
    )


def word_of_mouth(programme: Programme) -> dict[str, Enrolment]:
    """Ewa and Jola took part and told others. Of the applicants: Ada (by Ewa, enrolled), Basia (by
    Ewa, on the reserve list), Celina (by Jola, enrolled), Dorota (no one named, applied), Edyta
    (no one named, enrolled), and Fela (by Jola, applied and enrolled the year before)."""
    enrolled, applied = EnrolmentStatus.ENROLLED, EnrolmentStatus.APPLIED
    people = {
        "Ewa": person(programme, "Ewa", applied=IN_YEAR, status=enrolled, enrolled=IN_YEAR),
        "Jola": person(programme, "Jola", applied=IN_YEAR, status=enrolled, enrolled=IN_YEAR),
        "Ada": person(programme, "Ada", applied=IN_YEAR, status=enrolled, enrolled=IN_YEAR),
        "Basia": person(programme, "Basia", applied=IN_YEAR, status=EnrolmentStatus.RESERVE, enrolled=None),
        "Celina": person(programme, "Celina", applied=IN_YEAR, status=enrolled, enrolled=IN_YEAR),
        "Dorota": person(programme, "Dorota", applied=IN_YEAR, status=applied, enrolled=None),
        "Edyta": person(programme, "Edyta", applied=IN_YEAR, status=enrolled, enrolled=IN_YEAR),
        "Fela": person(programme, "Fela", applied=LAST_YEAR, status=enrolled, enrolled=LAST_YEAR),
    }
    for applicant, teller in (("Ada", "Ewa"), ("Basia", "Ewa"), ("Celina", "Jola"), ("Fela", "Jola")):
        heard_from_record(actor=None, applicant=people[applicant], told_by=people[teller])
    told(people["Ewa"], 5, 2)
    told(people["Jola"], 3, 1)
    return people


def test_the_page_shows_per_participant_the_applicants_she_brought_and_how_many_enrolled(
    as_caseworker: Client, programme: Programme
) -> None:
    people = word_of_mouth(programme)

    page = as_caseworker.get(reverse("outcomes:reach:list", args=[programme.pk]))

    lines = {line.enrolment.participant.last_name: line for line in page.context["lines"]}
    assert (
        lines["Ewa"].people_told,
        lines["Ewa"].applied,
        lines["Ewa"].brought,
        lines["Ewa"].brought_enrolled,
    ) == (
        5,
        2,
        2,
        1,
    )
    assert (lines["Jola"].people_told, lines["Jola"].brought, lines["Jola"].brought_enrolled) == (3, 2, 2)
    assert (lines["Ada"].brought, lines["Ada"].brought_enrolled) == (0, 0)
    totals = page.context["totals"]
    assert (totals.people_told, totals.applied, totals.brought, totals.brought_enrolled) == (8, 3, 4, 3)
    assert people["Basia"] in [link.enrolment for link in page.context["heard_from"]]


def test_the_export_keeps_its_columns_and_adds_the_applicants_she_brought(
    as_caseworker: Client, programme: Programme
) -> None:
    word_of_mouth(programme)

    answer = as_caseworker.get(reverse("outcomes:reach:export", args=[programme.pk, "csv"]))
    workbook = as_caseworker.get(reverse("outcomes:reach:export", args=[programme.pk, "xlsx"]))

    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
    ewa = next(row for row in rows if "Ewa" in row[0])
    assert ewa[1:6] == ["1", "5", "2", "2", "1"]
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    jola = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if "Jola" in str(row[0]))
    assert [str(value) for value in jola[1:6]] == ["1", "3", "1", "2", "2"]


def test_the_section_counts_the_recruitment_by_word_of_mouth_by_hand(programme: Programme) -> None:
    word_of_mouth(programme)

    tables, relations = reach_section([programme], YEAR)

    recruitment = next(table for table in tables if table.key == "reach_word_of_mouth")
    # Applied this year: Ewa, Jola, Ada, Basia, Celina, Dorota, Edyta = 7; by word of mouth Ada,
    # Basia, Celina = 3; 3/7 = 42.857… %. Enrolled this year: Ewa, Jola, Ada, Celina, Edyta = 5;
    # by word of mouth Ada, Celina = 2: 40 %. Fela applied and was enrolled last year.
    assert recruitment.row("reach_applications").cells == {
        "by_word_of_mouth": 3,
        "otherwise": 4,
        "total": 7,
        "share": 42.9,
    }
    assert recruitment.row("reach_enrolments").cells == {
        "by_word_of_mouth": 2,
        "otherwise": 3,
        "total": 5,
        "share": 40.0,
    }
    assert recruitment.row("reach_applications").over == {"share": "by_word_of_mouth"}
    reach = tables[0]
    assert reach.row("reach_people_told").cells["total"] == 8
    assert tables[1].row("reach_mean").cells == {"participants": 2, "mean": 4.0}
    wholes = [relation for relation in relations if relation.total.table == "reach_word_of_mouth"]
    assert len(wholes) == 2


def test_a_programme_with_word_of_mouth_but_no_reach_records_still_shows_the_section(
    programme: Programme,
) -> None:
    people = word_of_mouth(programme)
    for enrolment in people.values():
        enrolment.reach_records.all().delete()
    ProgrammeTemplate.objects.filter(pk=programme.template_id).update(code="a-club")  # not the mobile model
    programme = Programme.objects.select_related("template").get(pk=programme.pk)

    tables, _ = reach_section([programme], YEAR)

    assert [table.key for table in tables] == ["reach", "reach_mean", "reach_word_of_mouth"]
