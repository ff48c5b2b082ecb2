"""003's akompaniator training of our organisation (four stages, a session of each), a homeless
network programme whose akompaniator role may require it, and an akompaniator-to-be."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

from reintegra.accounts.models import Organisation, Role, User
from reintegra.programmes import services as programme_services
from reintegra.programmes.models import Programme, ProgrammeTemplate
from reintegra.training import services
from reintegra.training.models import Training, TrainingSession
from tests.factories import ProgrammeFactory, member

STAGES = (
    "Metoda Towarzyszenia",
    "Problematyka wykluczenia społecznego",
    "Zagadnienia bezdomności i bezrobocia",
    "Podstawy psychologii",
)


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture
def training(organisation: Organisation) -> Training:
    training = services.training_create(
        actor=None, organisation=organisation, name="Akompaniator", description="Cztery etapy (003)."
    )
    for title in STAGES:
        services.module_add(actor=None, training=training, title=title, hours=Decimal(8))
    return training


@pytest.fixture
def sessions(training: Training) -> list[TrainingSession]:
    return [
        services.session_add(
            actor=None,
            module=module,
            data=services.SessionData(
                starts_at=at(date(2026, 3, 2 + number), 9),
                ends_at=at(date(2026, 3, 2 + number), 17),
                trainer="dr Ewa Trener",
                place="Sala 12",
            ),
        )
        for number, module in enumerate(training.modules.all())
    ]


@pytest.fixture
def trainee(organisation: Organisation) -> User:
    return member(organisation, Role.CASE_WORKER, username="anna", first_name="Anna", last_name="Nowak")


def attend(sessions: list[TrainingSession], user: User) -> None:
    for session in sessions:
        present = [mark.user for mark in session.attendances.all()]
        services.attendance_record(actor=None, session=session, present=[*present, user])


def complete(training: Training, user: User, on: date = date(2026, 3, 10)) -> None:
    services.completion_record(actor=None, training=training, user=user, completed_on=on)


@pytest.fixture
def network(organisation: Organisation) -> Programme:
    programme_services.templates_load()
    return ProgrammeFactory(
        organisation=organisation,
        template=ProgrammeTemplate.objects.get(code="homeless-network"),
        start_date=date(2026, 1, 1),
        end_date=date(2027, 12, 31),
        funding_source="FERS",
    )
