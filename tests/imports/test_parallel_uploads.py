"""Two uploads of one file at the same moment cannot apply a person twice to a programme: the
database's unique constraints (one record per PESEL in an organisation, one application per
person and programme) let one upload through and give the others a message."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.utils import translation

from reintegra.people.models import Participant
from reintegra.programmes.imports.services import ImportReport, participants_import
from reintegra.programmes.models import Enrolment, Programme
from tests.imports.conftest import as_csv, rows
from tests.threads import in_parallel


@pytest.mark.django_db(transaction=True)
def test_three_parallel_uploads_of_one_file_apply_each_person_once(programme: Programme) -> None:
    raw = as_csv(rows(30))

    def upload() -> ImportReport:
        with translation.override("en"):  # each thread starts in the default language
            return participants_import(actor=None, programme=programme, source=BytesIO(raw))

    outcomes = in_parallel(3, upload)

    reports = [outcome for outcome in outcomes if isinstance(outcome, ImportReport)]
    assert len(reports) == 3, outcomes
    assert sorted(report.written for report in reports) == [False, False, True]
    refused = [report for report in reports if not report.written]
    assert all(report.problems for report in refused)
    # An upload that checked the file before the winner wrote hears why it was undone.
    assert all(
        "while this file was being imported" in problem.message or "already applied" in problem.message
        for report in refused
        for problem in report.problems
    )
    assert Participant.objects.count() == 30
    assert Enrolment.objects.filter(programme=programme).count() == 30
