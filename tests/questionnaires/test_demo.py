"""The demo gives a few enrolled people their model's filled questionnaire."""

from __future__ import annotations

import pytest
from faker import Faker

from reintegra.accounts.management.commands import seed_demo
from reintegra.questionnaires import services
from reintegra.questionnaires.demo import seed_questionnaires
from reintegra.questionnaires.models import Questionnaire, Response, VersionStatus

pytestmark = pytest.mark.django_db


def seeded_context() -> seed_demo.DemoContext:
    faker = Faker("pl_PL")
    faker.seed_instance(seed_demo.FAKER_SEED)
    ctx = seed_demo.DemoContext(faker=faker)
    for step in (
        seed_demo.seed_organisations,
        seed_demo.seed_people,
        seed_demo.seed_participants,
        seed_demo.seed_programmes,
    ):
        step(ctx)
    return ctx


def test_demo_people_have_a_filled_diagnosis_interview_passport_and_profile_once() -> None:
    ctx = seeded_context()

    seed_questionnaires(ctx)
    seed_questionnaires(ctx)

    by_code = {
        code: Response.objects.filter(version__questionnaire__code=code)
        for code in ("diagnostic_interview", "passport", "professional_profile")
    }
    assert all(responses.exists() for responses in by_code.values())
    assert ctx.created["questionnaire responses"] == Response.objects.count()
    interview = (
        by_code["diagnostic_interview"].select_related("participant__organisation", "filled_by").first()
    )
    assert interview is not None
    assert interview.participant.organisation == ctx.organisations["pup"]
    assert interview.filled_by == ctx.users["doradca.pup"]
    assert interview.score is not None
    assert seed_demo.seed_questionnaires in seed_demo.SEED_STEPS


def test_the_shipped_questionnaires_come_back_after_a_flush_and_only_once() -> None:
    Questionnaire.objects.filter(organisation__isnull=True).delete()  # as a test flush leaves it

    assert services.shipped_load() == 3
    assert services.shipped_load() == 0
    shipped = Questionnaire.objects.filter(organisation__isnull=True)
    assert set(shipped.values_list("code", flat=True)) == {
        "diagnostic_interview",
        "passport",
        "professional_profile",
    }
    assert all(q.versions.get().status == VersionStatus.PUBLISHED for q in shipped)
