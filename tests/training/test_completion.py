"""A training is completed only after a session of every module; the certificate's number is
unique in the organisation; supervision names the staff who took part."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.training import services
from reintegra.training.models import Completion, Training, TrainingSession
from tests.factories import member
from tests.training.conftest import attend, complete

pytestmark = pytest.mark.django_db


def test_modules_are_numbered_in_the_order_they_are_added(training: Training) -> None:
    assert list(training.modules.values_list("position", "title")) == [
        (1, "Metoda Towarzyszenia"),
        (2, "Problematyka wykluczenia społecznego"),
        (3, "Zagadnienia bezdomności i bezrobocia"),
        (4, "Podstawy psychologii"),
    ]


def test_completion_is_refused_naming_the_modules_not_attended(
    training: Training, sessions: list[TrainingSession], trainee: User, in_english: None
) -> None:
    attend(sessions[:2], trainee)

    with pytest.raises(ValidationError) as refused:
        complete(training, trainee)

    assert refused.value.message_dict["user"] == [
        "Anna Nowak has not attended a session of every module yet; missing: "
        "„Zagadnienia bezdomności i bezrobocia”, „Podstawy psychologii”."
    ]
    assert not Completion.objects.exists()


def test_after_a_session_of_every_module_the_training_is_completed_with_a_numbered_certificate(
    training: Training, sessions: list[TrainingSession], trainee: User, coordinator: User
) -> None:
    attend(sessions, trainee)

    completion = services.completion_record(
        actor=coordinator, training=training, user=trainee, completed_on=date(2026, 3, 10)
    )

    assert completion.certificate_number == "2026/1"
    assert completion.issued_by == coordinator
    assert completion.organisation == training.organisation


def test_a_certificate_number_is_unique_in_the_organisation(
    organisation: Organisation, training: Training, sessions: list[TrainingSession], trainee: User
) -> None:
    colleague = member(organisation, Role.CASE_WORKER, username="ola")
    attend(sessions, trainee)
    attend(sessions, colleague)
    services.completion_record(
        actor=None, training=training, user=trainee, completed_on=date(2026, 3, 10), certificate_number="A/1"
    )

    with pytest.raises(ValidationError) as refused:
        services.completion_record(
            actor=None,
            training=training,
            user=colleague,
            completed_on=date(2026, 3, 10),
            certificate_number="A/1",
        )

    assert "certificate_number" in refused.value.message_dict


def test_a_completion_cannot_be_dated_in_the_future(
    training: Training, sessions: list[TrainingSession], trainee: User
) -> None:
    attend(sessions, trainee)

    with pytest.raises(ValidationError) as refused:
        complete(training, trainee, on=timezone.localdate() + timedelta(days=1))

    assert "completed_on" in refused.value.message_dict


def test_only_the_organisations_team_is_marked_present(
    sessions: list[TrainingSession], outsider: User, in_english: None
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.attendance_record(actor=None, session=sessions[0], present=[outsider])

    assert "present" in refused.value.message_dict


def test_another_organisations_coordinator_cannot_set_up_our_training(
    training: Training, other_organisation: Organisation
) -> None:
    stranger = member(other_organisation, Role.COORDINATOR, username="obcy.koord")

    with pytest.raises(PermissionDenied):
        services.module_add(actor=stranger, training=training, title="Obcy moduł", hours=1)


def test_a_supervision_names_the_staff_who_took_part(
    organisation: Organisation, coordinator: User, caseworker: User, outsider: User, in_english: None
) -> None:
    data = services.SupervisionData(
        held_on=date(2026, 2, 12), supervisor="Maria Superwizor", topic="Wypalenie", duration_minutes=120
    )

    supervision = services.supervision_record(
        actor=coordinator, organisation=organisation, data=data, staff=[caseworker]
    )
    with pytest.raises(ValidationError) as refused:
        services.supervision_record(actor=coordinator, organisation=organisation, data=data, staff=[outsider])

    assert list(supervision.staff.all()) == [caseworker]
    assert "staff" in refused.value.message_dict
