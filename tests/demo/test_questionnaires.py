"""The demo gives a few enrolled people their model's filled questionnaire."""

from __future__ import annotations

import pytest
from faker import Faker

from reintegra.demo import accounts, context, people, programmes, seed
from reintegra.demo.questionnaires import seed_questionnaires
from reintegra.questionnaires import services
from reintegra.questionnaires.models import Questionnaire, Response, VersionStatus

# As in the questionnaires' own tests: pages and messages in English.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def seeded_context() -> context.DemoContext:
    faker = Faker("pl_PL")
    faker.seed_instance(context.FAKER_SEED)
    ctx = context.DemoContext(faker=faker)
    for step in (
        accounts.seed_organisations,
        accounts.seed_people,
        people.seed_participants,
        programmes.seed_programmes,
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
    assert seed_questionnaires in seed.SEED_STEPS


def test_the_shipped_questionnaires_come_back_after_a_flush_and_only_once() -> None:
    Questionnaire.objects.filter(organisation__isnull=True).delete()  # as a test flush leaves it

    assert services.shipped_load() == 4
    assert services.shipped_load() == 0
    shipped = Questionnaire.objects.filter(organisation__isnull=True)
    assert set(shipped.values_list("code", flat=True)) == {
        "diagnostic_interview",
        "evaluation",
        "passport",
        "professional_profile",
    }
    assert all(q.versions.get().status == VersionStatus.PUBLISHED for q in shipped)
