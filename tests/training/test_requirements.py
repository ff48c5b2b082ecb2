"""A programme requires a completed training for a role (003: only a trained akompaniator runs
accompaniment meetings): enforced through the access policy when the role is given and when a
session is led, with a message naming the training."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.activities import services as activities
from reintegra.programmes import services as programmes
from reintegra.programmes.models import Programme
from reintegra.training import services
from reintegra.training.models import Training, TrainingSession
from tests.conftest import client_for
from tests.training.conftest import at, attend, complete

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 4, 13)


def give_role(programme: Programme, user: User, role: str = "akompaniator") -> None:
    programmes.programme_staff_add(
        actor=None,
        programme=programme,
        data=programmes.StaffRoleData(user=user, role=role, starts_on=date(2026, 4, 1)),
    )


def accompaniment(programme: Programme, leader: User) -> activities.SessionData:
    return activities.SessionData(
        programme=programme,
        kind="consultation",
        leader=leader,
        starts_at=at(MONDAY, 10),
        ends_at=at(MONDAY, 11),
        planned_hours=Decimal(1),
        title="Spotkanie z Akompaniatorem",
    )


@pytest.fixture
def required(network: Programme, training: Training) -> None:
    services.requirement_add(actor=None, programme=network, role="akompaniator", training=training)


def test_giving_the_role_to_an_untrained_member_is_refused_naming_the_training(
    network: Programme, trainee: User, required: None, in_english: None
) -> None:
    with pytest.raises(ValidationError) as refused:
        give_role(network, trainee)

    assert refused.value.message_dict["user"] == [
        "Anna Nowak has not completed the training „Akompaniator”, which the programme requires "
        "for the role „Akompaniator”."
    ]
    assert not network.staff_roles.exists()


def test_the_refusal_is_in_polish_by_default(network: Programme, trainee: User, required: None) -> None:
    with pytest.raises(ValidationError) as refused:
        give_role(network, trainee)

    assert refused.value.message_dict["user"] == [
        "Anna Nowak nie ukończył(a) szkolenia „Akompaniator”, którego program wymaga w roli „Akompaniator”."
    ]


def test_after_completing_the_training_the_role_is_given(
    network: Programme, training: Training, sessions: list[TrainingSession], trainee: User, required: None
) -> None:
    attend(sessions, trainee)
    complete(training, trainee, on=date(2026, 3, 10))

    give_role(network, trainee)

    assert network.staff_roles.get().user == trainee


def test_other_roles_require_nothing(network: Programme, trainee: User, required: None) -> None:
    give_role(network, trainee, role="social_worker")

    assert network.staff_roles.get().role == "social_worker"


def test_an_untrained_holder_of_a_role_given_before_the_requirement_does_not_lead_accompaniment(
    network: Programme, training: Training, trainee: User, in_english: None
) -> None:
    give_role(network, trainee)
    services.requirement_add(actor=None, programme=network, role="akompaniator", training=training)

    with pytest.raises(ValidationError) as refused:
        activities.session_schedule(actor=None, data=accompaniment(network, trainee))

    assert refused.value.message_dict["leader"] == [
        "Anna Nowak has not completed the training „Akompaniator”, which the programme requires "
        "for the role „Akompaniator”."
    ]
    assert not programmes.may_lead(trainee, network, "consultation", MONDAY)


def test_a_trained_akompaniator_leads_accompaniment(
    network: Programme, training: Training, sessions: list[TrainingSession], trainee: User, required: None
) -> None:
    attend(sessions, trainee)
    complete(training, trainee)
    give_role(network, trainee)

    [session] = activities.session_schedule(actor=None, data=accompaniment(network, trainee))

    assert session.leader == trainee
    assert programmes.may_lead(trainee, network, "consultation", MONDAY)


def test_a_series_is_refused_on_the_days_before_the_training_was_completed(
    network: Programme, training: Training, sessions: list[TrainingSession], trainee: User
) -> None:
    give_role(network, trainee)
    services.requirement_add(actor=None, programme=network, role="akompaniator", training=training)
    attend(sessions, trainee)
    complete(training, trainee, on=date(2026, 4, 20))
    data = accompaniment(network, trainee)
    weekly = activities.SessionData(**{**data.__dict__, "recurrence": "FREQ=WEEKLY;COUNT=3"})

    with pytest.raises(ValidationError) as refused:
        activities.session_schedule(actor=None, data=weekly)

    assert "leader" in refused.value.message_dict
    assert programmes.may_lead(trainee, network, "consultation", date(2026, 4, 20))


def test_another_organisations_training_cannot_be_required(
    network: Programme, other_organisation: Organisation, in_english: None
) -> None:
    theirs = services.training_create(actor=None, organisation=other_organisation, name="Ich szkolenie")

    with pytest.raises(ValidationError) as refused:
        services.requirement_add(actor=None, programme=network, role="akompaniator", training=theirs)

    assert refused.value.message_dict["training"] == [
        "Choose a training of the organisation that runs the programme."
    ]


def test_a_role_the_model_does_not_name_cannot_require_a_training(
    network: Programme, training: Training
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.requirement_add(actor=None, programme=network, role="lpg", training=training)

    assert "role" in refused.value.message_dict


def test_another_organisations_coordinator_cannot_set_our_requirements(
    network: Programme, training: Training, outsider_admin: User
) -> None:
    with pytest.raises(PermissionDenied):
        services.requirement_add(
            actor=outsider_admin, programme=network, role="akompaniator", training=training
        )


def test_the_programmes_staff_form_shows_the_missing_training_on_the_person(
    coordinator: User, network: Programme, trainee: User, required: None
) -> None:
    response = client_for(coordinator).post(
        reverse("programmes:staff_role_add", args=[network.pk]),
        {"user": trainee.pk, "role": "akompaniator", "starts_on": "2026-04-01"},
    )

    assert response.status_code == 400
    assert response.context["staff_form"].errors["user"] == [
        "Anna Nowak nie ukończył(a) szkolenia „Akompaniator”, którego program wymaga w roli „Akompaniator”."
    ]
    assert not network.staff_roles.exists()
