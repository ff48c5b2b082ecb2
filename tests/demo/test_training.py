"""The demo's staff training: 002's five-module and 003's four-stage trainings with sessions,
attendance and certificates, the club's monthly supervision (000), and the point's akompaniator
role, which requires the training and is held by the streetworker who completed it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.accounts.policy import missing_qualification
from reintegra.activities.models import Session
from reintegra.programmes.models import Programme, ProgrammeStaff
from reintegra.programmes.services import may_lead
from reintegra.training.models import Completion, SupervisionSession, Training, TrainingRequirement
from tests.conftest import client_for


@pytest.mark.django_db
def test_the_demo_has_the_animator_and_akompaniator_trainings_with_certificates(demo: str) -> None:
    animators = Training.objects.get(name="Program szkoleniowy dla animatorów – opiekunów")
    akompaniators = Training.objects.get(name="Szkolenie Akompaniatorów")

    assert animators.modules.count() == 5
    assert set(animators.modules.values_list("topic", flat=True)) == {
        "IT",
        "psychologia",
        "praca socjalna",
        "rynek pracy",
        "przedsiębiorczość",
    }
    assert akompaniators.modules.count() == 4
    for training in (animators, akompaniators):
        assert all(
            module.sessions.filter(attendances__isnull=False).exists() for module in training.modules.all()
        )
        assert training.completions.count() == 2
    assert Completion.objects.filter(user__username="koordynator.mops").count() == 0


@pytest.mark.django_db
def test_the_clubs_staff_have_a_monthly_supervision(demo: str) -> None:
    club = Programme.objects.get(code="karnet-zalesie-2026")

    supervisions = SupervisionSession.objects.filter(programme=club)

    assert supervisions.count() == 6
    assert all(supervision.staff.filter(username="asystent.mops").exists() for supervision in supervisions)


@pytest.mark.django_db
def test_the_points_akompaniator_role_requires_the_training_she_completed(demo: str) -> None:
    point = Programme.objects.get(code="pab-zalesie-2026")
    akompaniator = User.objects.get(username="pracownik.ngo")
    untrained = User.objects.get(username="partner.ngo")

    assert TrainingRequirement.objects.filter(programme=point, role="akompaniator").exists()
    assert ProgrammeStaff.objects.filter(programme=point, user=akompaniator, role="akompaniator").exists()
    assert missing_qualification(akompaniator, point, "akompaniator") is None
    assert missing_qualification(untrained, point, "akompaniator") is not None
    session = Session.objects.filter(programme=point, leader=akompaniator).first()
    assert session is not None
    assert may_lead(akompaniator, point, session.kind, session.starts_at.date())


@pytest.mark.django_db
def test_the_demo_staff_see_their_certificates(demo: str) -> None:
    akompaniator = User.objects.get(username="pracownik.ngo")
    completion = Completion.objects.get(user=akompaniator)

    page = client_for(akompaniator).get(reverse("training:my_trainings")).content.decode()

    assert reverse("training:certificate_pdf", args=[completion.pk]) in page
