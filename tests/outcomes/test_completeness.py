"""The data-completeness check: who cannot be counted yet, and what is missing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra.accounts.models import Organisation, User
from reintegra.outcomes.counts import period_counts
from reintegra.outcomes.reports.selectors import completeness_for_user
from reintegra.outcomes.reports.services import entry_snapshot_complete
from reintegra.outcomes.tables import Period
from reintegra.people.models import Participant
from reintegra.people.services import ParticipantData, participant_update
from reintegra.programmes import services
from reintegra.programmes.models import Programme
from tests.factories import ProgrammeFactory
from tests.outcomes.indicator_people import enrol, follow_up, leave
from tests.reads import read, reads_of

pytestmark = pytest.mark.django_db

ON = date(2026, 12, 1)


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(organisation=organisation, places=100, start_date=date(2026, 1, 1))


@pytest.mark.usefixtures("in_english")
def test_lists_who_cannot_be_counted_and_what_is_missing(programme: Programme, coordinator: User) -> None:
    enrol(programme, coordinator, on=date(2026, 2, 2))  # complete: not listed
    no_education = enrol(
        programme, coordinator, on=date(2026, 2, 3), education=None, homeless="", degurba=None
    )
    refused = enrol(
        programme, coordinator, on=date(2026, 2, 4), disability="refused"
    )  # an answer: not listed
    left = enrol(programme, coordinator, on=date(2026, 2, 5))
    services.enrolment_leave(
        actor=coordinator, enrolment=left, exit_reason="resigned", left_on=date(2026, 3, 1)
    )
    followed = enrol(programme, coordinator, on=date(2026, 2, 6))
    leave(followed, coordinator, on=date(2026, 4, 1), employed=True)
    follow_up(followed, status="due")

    listed = completeness_for_user(coordinator, on=ON, programme=programme.pk)

    first, *later = [(item.enrolment_id, item.missing, item.counted) for item in listed]
    assert first == (no_education.pk, ("education", "homeless", "residence"), False)  # cannot count at all
    assert sorted(later) == sorted(
        [(left.pk, ("exit_situation",), True), (followed.pk, ("follow_up_6",), True)]
    )
    assert listed[0].missing_labels == [
        "education (ISCED)",
        "homeless or affected by housing exclusion",
        "place of residence (gmina or DEGURBA)",
    ]
    assert refused.pk not in {item.enrolment_id for item in listed}


def test_every_person_listed_is_logged_as_read(programme: Programme, coordinator: User) -> None:
    person = enrol(programme, coordinator, on=date(2026, 2, 3), education=None).participant

    completeness_for_user(coordinator, on=ON, programme=programme.pk)

    assert reads_of(coordinator) == read(person)


def test_cannot_check_another_organisations_programme(
    programme: Programme, outsider: User, other_organisation: Organisation
) -> None:
    with pytest.raises(ValidationError) as refused:
        completeness_for_user(outsider, on=ON, programme=programme.pk)

    assert list(refused.value.message_dict) == ["programme"]


def test_the_check_takes_as_many_queries_for_many_people_as_for_few(
    programme: Programme, coordinator: User
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            completeness_for_user(coordinator, on=ON, programme=programme.pk)
        return len(captured)

    enrol(programme, coordinator, on=date(2026, 2, 2), education=None)
    few = queries()
    for day in range(3, 8):
        enrol(programme, coordinator, on=date(2026, 2, day), minority="")

    assert queries() == few


def test_completing_a_snapshot_fills_only_what_was_missing(
    programme: Programme, coordinator: User, caseworker: User
) -> None:
    enrolment = enrol(programme, coordinator, on=date(2026, 2, 3), education=None, labour_status="inactive")
    person = Participant.objects.get(pk=enrolment.participant_id)
    participant_update(
        actor=caseworker,
        participant=person,
        data=dataclasses.replace(ParticipantData.of(person), education=4, labour_status="employed"),
    )
    february = Period(date(2026, 2, 1), date(2026, 2, 28))
    assert period_counts([programme.pk], february)["EECO01"]["women"] == 0

    filled = entry_snapshot_complete(actor=caseworker, enrolment=enrolment)

    counts = period_counts([programme.pk], february)
    assert filled == ["education"]
    assert (counts["EECO01"]["women"], counts["EECO10"]["women"], counts["EECO04"]["women"]) == (1, 1, 1)
    assert completeness_for_user(coordinator, on=ON, programme=programme.pk) == []


def test_cannot_complete_another_organisations_snapshot(
    programme: Programme, coordinator: User, outsider: User
) -> None:
    enrolment = enrol(programme, coordinator, on=date(2026, 2, 3), education=None)

    with pytest.raises(ValidationError) as refused:
        entry_snapshot_complete(actor=outsider, enrolment=enrolment)

    assert list(refused.value.message_dict) == ["enrolment"]
