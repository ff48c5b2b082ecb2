from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from reintegra.accounts.models import Organisation, User
from reintegra.programmes import services
from reintegra.programmes.models import EnrolmentStatus
from reintegra.programmes.workflow import IllegalMoveError
from tests.factories import ParticipantFactory, ProgrammeFactory


@pytest.mark.django_db
def test_an_application_is_recorded_with_who_made_it(organisation: Organisation, coordinator: User) -> None:
    programme = ProgrammeFactory(organisation=organisation)
    person = ParticipantFactory(organisation=organisation)

    enrolment = services.enrolment_apply(actor=coordinator, programme=programme, participant=person)

    assert enrolment.status == EnrolmentStatus.APPLIED
    [change] = enrolment.status_changes.all()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "",
        EnrolmentStatus.APPLIED,
        coordinator,
    )


@pytest.mark.django_db
def test_applying_twice_is_refused_naming_the_participant(
    organisation: Organisation, coordinator: User
) -> None:
    programme = ProgrammeFactory(organisation=organisation)
    person = ParticipantFactory(organisation=organisation)
    services.enrolment_apply(actor=coordinator, programme=programme, participant=person)

    with pytest.raises(ValidationError) as error:
        services.enrolment_apply(actor=coordinator, programme=programme, participant=person)

    assert "participant" in error.value.message_dict


@pytest.mark.django_db
def test_a_person_of_another_organisation_cannot_apply(
    organisation: Organisation, other_organisation: Organisation, coordinator: User
) -> None:
    programme = ProgrammeFactory(organisation=organisation)
    stranger = ParticipantFactory(organisation=other_organisation)

    with pytest.raises(ValidationError):
        services.enrolment_apply(actor=coordinator, programme=programme, participant=stranger)


@pytest.mark.django_db
def test_an_illegal_move_is_refused(organisation: Organisation, coordinator: User) -> None:
    programme = ProgrammeFactory(organisation=organisation)
    enrolment = services.enrolment_apply(
        actor=coordinator, programme=programme, participant=ParticipantFactory(organisation=organisation)
    )

    with pytest.raises(IllegalMoveError):
        services.enrolment_move(actor=coordinator, enrolment=enrolment, to_status=EnrolmentStatus.ENROLLED)
