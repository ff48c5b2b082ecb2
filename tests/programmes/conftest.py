"""Recruitment fixtures: a mobile-activation programme of our organisation, and women who fit it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reintegra.accounts.models import Organisation, User
from reintegra.people.models import Participant
from reintegra.programmes import services
from reintegra.programmes.models import Enrolment, Programme, ProgrammeTemplate
from tests.factories import ParticipantFactory, ProgrammeFactory


def rural_woman(organisation: Organisation, **fields: Any) -> Participant:
    """Meets every rule of the mobile-activation model: a woman, rural, unemployed."""
    # A fixed birth date: the model's priority points (e.g. age 50+) must not depend on chance.
    defaults: dict[str, Any] = {
        "sex": "woman",
        "degurba": 3,
        "labour_status": "unemployed",
        "birth_date": date(1990, 5, 17),
    }
    return ParticipantFactory(organisation=organisation, **{**defaults, **fields})


@pytest.fixture
def mobile_programme(organisation: Organisation) -> Programme:
    services.templates_load()
    template = ProgrammeTemplate.objects.get(code="mobile-activation")
    return ProgrammeFactory(
        organisation=organisation,
        template=template,
        places=2,
        eligibility_rules=template.definition["eligibility_rules"],
        priority_rules=template.definition["priority_rules"],
    )


def eligible(programme: Programme, actor: User, **fields: Any) -> Enrolment:
    person = rural_woman(programme.organisation, **fields)
    enrolment = services.enrolment_apply(actor=actor, programme=programme, participant=person)
    return services.enrolment_assess(actor=actor, enrolment=enrolment)
