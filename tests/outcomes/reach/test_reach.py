"""Reach: how many people each participant told about the programme (seed 004). The staff of
the programme's organisation record and read it; bad input is refused naming its field; the
report's section counts it; another organisation's worker gets 404."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.models import Organisation, Role, User
from reintegra.audit.models import AuditEntry
from reintegra.outcomes import sections
from reintegra.outcomes.models import ReachRecord
from reintegra.outcomes.reach.section import reach_section
from reintegra.outcomes.reach.services import ReachData, reach_record
from reintegra.outcomes.tables import TOTAL, CellRef, Period, Relation
from reintegra.programmes.models import Enrolment, EnrolmentStatus, Programme
from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, Response, VersionStatus
from tests.conftest import client_for
from tests.factories import ProgrammeFactory, ProgrammeTemplateFactory, member
from tests.outcomes.reach.conftest import TODAY, enrol, told
from tests.reads import reads_of

YEAR = Period(date(TODAY.year, 1, 1), date(TODAY.year, 12, 31))


# --- Recording ---------------------------------------------------------------------------------


def test_a_case_worker_records_what_a_participant_told(caseworker: User, programme: Programme) -> None:
    enrolment = enrol(programme)

    record = told(enrolment, 5, 2, actor=caseworker)

    assert (record.people_told, record.applied, record.recorded_by) == (5, 2, caseworker)
    assert AuditEntry.objects.filter(
        content_type__model="reachrecord", action=AuditEntry.Action.CREATE, object_pk=str(record.pk)
    ).exists()


@pytest.mark.parametrize(
    ("people", "applied", "on", "field"),
    [
        (-1, 0, TODAY, "people_told"),
        (3, -1, TODAY, "applied"),
        (3, 4, TODAY, "applied"),
        (3, 0, TODAY + timedelta(days=1), "recorded_on"),
        (100_000, 0, TODAY, "people_told"),
    ],
)
def test_bad_reach_is_refused_naming_the_field(
    caseworker: User, programme: Programme, people: int, applied: int, on: date, field: str
) -> None:
    enrolment = enrol(programme)

    with pytest.raises(ValidationError) as refused:
        reach_record(
            actor=caseworker,
            enrolment=enrolment,
            data=ReachData(recorded_on=on, people_told=people, applied=applied),
        )

    assert field in refused.value.message_dict
    assert not ReachRecord.objects.exists()


def test_reach_is_recorded_only_for_someone_who_took_part(caseworker: User, programme: Programme) -> None:
    candidate = enrol(programme, status=EnrolmentStatus.RESERVE)

    with pytest.raises(ValidationError) as refused:
        told(candidate, 4, actor=caseworker)

    assert "enrolment" in refused.value.message_dict


def test_another_organisations_worker_cannot_record_reach(outsider: User, programme: Programme) -> None:
    with pytest.raises(PermissionDenied):
        told(enrol(programme), 4, actor=outsider)


# --- Pages -------------------------------------------------------------------------------------


def test_the_page_lists_each_participant_with_her_reach_and_the_totals(
    as_caseworker: Client, caseworker: User, programme: Programme
) -> None:
    ewa, jola = enrol(programme, last_name="Ewa"), enrol(programme, last_name="Jola")
    told(ewa, 3, 1)
    told(ewa, 2)
    told(jola, 1)

    page = as_caseworker.get(reverse("outcomes:reach:list", args=[programme.pk]))

    assert page.status_code == 200
    lines = {line.enrolment.pk: (line.people_told, line.applied) for line in page.context["lines"]}
    assert lines == {ewa.pk: (5, 1), jola.pk: (1, 0)}
    totals = page.context["totals"]
    assert (totals.recorded, totals.people_told, totals.applied, totals.reached_enough) == (2, 6, 1, 1)
    assert ("enrolment", ewa.pk) in reads_of(caseworker)
    assert ("reachrecord", ewa.reach_records.earliest("pk").pk) in reads_of(caseworker)


def test_a_coordinator_records_reach_through_the_form(coordinator: User, programme: Programme) -> None:
    enrolment = enrol(programme)
    url = reverse("outcomes:reach:record", args=[programme.pk])
    data = {"enrolment": enrolment.pk, "recorded_on": TODAY.isoformat(), "people_told": 5, "applied": 1}

    answer = client_for(coordinator).post(url, data)

    assert answer.status_code == 302
    assert enrolment.reach_records.get().people_told == 5


def test_the_form_names_the_field_of_bad_input(as_caseworker: Client, programme: Programme) -> None:
    enrolment = enrol(programme)
    url = reverse("outcomes:reach:record", args=[programme.pk])
    data = {"enrolment": enrolment.pk, "recorded_on": TODAY.isoformat(), "people_told": 2, "applied": 3}

    page = as_caseworker.post(url, data)

    assert page.status_code == 200
    assert "applied" in page.context["form"].errors
    assert not ReachRecord.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_reach_list_exports_as_a_spreadsheet(
    as_caseworker: Client, programme: Programme, fmt: str
) -> None:
    told(enrol(programme, last_name="Nowak"), 4, 1)

    answer = as_caseworker.get(reverse("outcomes:reach:export", args=[programme.pk, fmt]))

    assert answer.status_code == 200
    if fmt == "csv":
        assert "Nowak" in answer.content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(answer.content)).active
        assert sheet is not None
        assert any("Nowak" in str(row[0]) for row in sheet.iter_rows(min_row=2, values_only=True))


@pytest.mark.parametrize("name", ["outcomes:reach:list", "outcomes:reach:record"])
def test_another_organisations_coordinator_gets_404(
    other_organisation: Organisation, programme: Programme, name: str
) -> None:
    stranger = member(other_organisation, Role.COORDINATOR, username="obca.koordynatorka")
    told(enrol(programme), 4)

    client = client_for(stranger)

    assert client.get(reverse(name, args=[programme.pk])).status_code == 404
    assert client.get(reverse("outcomes:reach:export", args=[programme.pk, "csv"])).status_code == 404
    assert programme.name not in client.get(reverse("outcomes:reach:programmes")).content.decode()


# --- The report's section ----------------------------------------------------------------------


def diagnostic_interview(enrolment: Enrolment, *, days_before_applying: int) -> Response:
    questionnaire = Questionnaire.objects.filter(code="diagnostic_interview").first() or (
        Questionnaire.objects.create(code="diagnostic_interview", name="Wywiad")
    )
    version = questionnaire.versions.first() or QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=1, status=VersionStatus.PUBLISHED
    )
    filled_on = timezone.localdate(enrolment.applied_at) - timedelta(days=days_before_applying)
    return Response.objects.create(participant=enrolment.participant, version=version, filled_on=filled_on)


def test_the_section_counts_reach_and_the_interviews_before_recruitment(programme: Programme) -> None:
    women = [enrol(programme) for _ in range(5)]
    for woman, (people, applied) in zip(women, [(4, 1), (5, 0), (6, 2), (3, 0), (0, 0)], strict=True):
        if people:
            told(woman, people, applied)
    told(women[3], 2)  # a second record: 5 in all
    diagnostic_interview(women[0], days_before_applying=10)
    diagnostic_interview(women[1], days_before_applying=0)
    diagnostic_interview(women[2], days_before_applying=-5)  # after she applied: not outreach
    diagnostic_interview(enrol(programme, status=EnrolmentStatus.RESERVE), days_before_applying=3)

    tables, relations = reach_section([programme], YEAR)

    table = tables[0]
    values = {row.code: row.cells[TOTAL] for row in table.rows}
    assert values == {
        "outreach_interviews": 3,
        "reach_participants": 4,
        "reach_people_told": 20,
        "reach_at_least": 4,
        "reach_applied": 3,
    }
    assert tables[1].row("reach_mean").cells == {"participants": 4, "mean": 5.0}
    assert tables[1].row("reach_mean").over == {"mean": "participants"}
    assert (
        Relation(
            CellRef("reach_mean", "reach_mean", "participants"),
            (CellRef("reach", "reach_participants", TOTAL),),
        )
        in relations
    )


def test_the_section_is_silent_for_a_programme_without_reach(
    organisation: Organisation,
) -> None:
    club: Programme = ProgrammeFactory(
        organisation=organisation, template=ProgrammeTemplateFactory(code="karnet15")
    )

    tables, _ = sections.section_tables([club], YEAR)

    assert "reach" not in [table.key for table in tables]
