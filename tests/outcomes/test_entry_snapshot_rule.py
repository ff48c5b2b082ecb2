"""Output indicators read the characteristics frozen at entry: editing the person afterwards
changes no past period (docs/indicators.md, "Characteristics at entry, never today's")."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.counts import rebuild_counts
from reintegra.outcomes.reports.services import OUTPUTS, indicator_report
from reintegra.outcomes.tables import Period
from reintegra.people.models import Participant
from reintegra.people.services import ParticipantData, participant_update
from reintegra.programmes import services
from reintegra.programmes.models import Programme
from tests.factories import ProgrammeFactory
from tests.outcomes.indicator_people import enrol

pytestmark = pytest.mark.django_db

FEBRUARY = Period(date(2026, 2, 1), date(2026, 2, 28))
MID_FEBRUARY = Period(date(2026, 2, 10), date(2026, 2, 20))  # counted from the records, not the kept rows


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=organisation, places=10, start_date=date(2026, 1, 1))


def outputs(user: User, programme: Programme, period: Period) -> dict[str, float | None]:
    report = indicator_report(user=user, period=period, programme=programme.pk)
    return {row.code: row.cells["total"] for row in report.table(OUTPUTS).rows}


def test_editing_a_person_after_enrolment_changes_no_past_output_indicator(
    programme: Programme, coordinator: User, caseworker: User
) -> None:
    enrolment = enrol(
        programme, coordinator, on=date(2026, 2, 15), age=20, education=2, labour_status="inactive"
    )
    before = {period: outputs(coordinator, programme, period) for period in (FEBRUARY, MID_FEBRUARY)}
    assert before[FEBRUARY]["EECO04"] == before[FEBRUARY]["EECO09"] == before[FEBRUARY]["EECO07"] == 1

    person = Participant.objects.get(pk=enrolment.participant_id)
    changed = dataclasses.replace(
        ParticipantData.of(person),
        birth_date=date(1960, 1, 1),
        education=7,
        labour_status="employed",
        disability="yes",
        homeless="yes",
        degurba=3,
    )
    participant_update(actor=caseworker, participant=person, data=changed)

    assert {period: outputs(coordinator, programme, period) for period in (FEBRUARY, MID_FEBRUARY)} == before
    rebuild_counts()
    assert outputs(coordinator, programme, FEBRUARY) == before[FEBRUARY]


def test_a_person_edited_before_enrolment_counts_as_she_was_at_entry(
    programme: Programme, coordinator: User, caseworker: User
) -> None:
    first = enrol(programme, coordinator, on=date(2026, 2, 3), education=2)
    person = Participant.objects.get(pk=first.participant_id)
    participant_update(
        actor=caseworker,
        participant=person,
        data=dataclasses.replace(ParticipantData.of(person), education=6),
    )
    second = ProgrammeFactory(organisation=programme.organisation, places=10)
    enrolment = services.enrolment_apply(actor=coordinator, programme=second, participant=person)
    services.enrolment_enrol(
        actor=coordinator, enrolment=services.enrolment_assess(actor=coordinator, enrolment=enrolment)
    )

    assert outputs(coordinator, programme, FEBRUARY)["EECO09"] == 1
    assert second.enrolments.get().entry_snapshot.data["education"] == 6
