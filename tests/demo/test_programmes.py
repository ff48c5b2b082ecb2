"""The demo gives every model a running programme with people enrolled and waiting."""

from __future__ import annotations

import pytest

from reintegra.programmes.models import EnrolmentStatus as S
from reintegra.programmes.models import Programme, ProgrammeTemplate


@pytest.mark.django_db
def test_every_template_has_a_running_programme_with_enrolled_and_reserve_people(demo: str) -> None:

    for template in ProgrammeTemplate.objects.all():
        assert Programme.objects.filter(template=template).exists(), template.code
    for programme in Programme.objects.all():
        template = programme.template
        statuses = set(programme.enrolments.values_list("status", flat=True))
        assert {S.ENROLLED, S.RESERVE} <= statuses, template.code
        held = programme.enrolments.filter(status__in=[S.ENROLLED, S.OFFERED]).count()
        assert held == programme.places, template.code


@pytest.mark.django_db
def test_the_mobile_centre_runs_at_the_pup_with_a_place_offered_after_someone_left(demo: str) -> None:

    programme = Programme.objects.get(code="mcaz-2026")

    assert programme.organisation.type == "pup"
    assert programme.enrolments.filter(status=S.OFFERED).count() == 1
