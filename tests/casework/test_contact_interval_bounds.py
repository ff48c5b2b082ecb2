"""The contact interval is 1 to 365 days, in the form, the service and the database: a typing
error of 740,000 days is refused with the field named, and every caseload keeps answering."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.casework import services
from reintegra.casework.models import CaseAssignment, CaseworkSettings
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_740000_days_is_refused_on_the_field_and_the_caseloads_still_answer(
    organisation: Organisation, in_care: CaseAssignment, coordinator: User, caseworker: User
) -> None:
    client = client_for(coordinator)

    refused = client.post(
        reverse("casework:settings", args=[organisation.pk]), {"contact_interval_days": 740000}
    )

    assert refused.status_code == 200
    assert "contact_interval_days" in refused.context["form"].errors
    assert not CaseworkSettings.objects.filter(
        organisation=organisation, contact_interval_days=740000
    ).exists()
    assert client_for(caseworker).get(reverse("casework:caseload")).status_code == 200
    assert client.get(reverse("casework:team_member", args=[caseworker.pk])).status_code == 200


@pytest.mark.parametrize("days", [0, 366, 740000])
def test_the_service_refuses_an_interval_outside_a_year(
    organisation: Organisation, coordinator: User, days: int
) -> None:
    with pytest.raises(ValidationError) as refused:
        services.settings_update(
            actor=coordinator, organisation_id=organisation.pk, contact_interval_days=days
        )

    assert "contact_interval_days" in refused.value.message_dict


def test_a_year_is_the_longest_interval_allowed(organisation: Organisation, coordinator: User) -> None:
    stored = services.settings_update(
        actor=coordinator, organisation_id=organisation.pk, contact_interval_days=365
    )

    assert stored.contact_interval_days == 365


def test_the_database_refuses_a_longer_interval_written_around_the_service(
    organisation: Organisation,
) -> None:
    settings = CaseworkSettings.objects.create(organisation=organisation)

    with pytest.raises(IntegrityError), transaction.atomic():
        CaseworkSettings.objects.filter(pk=settings.pk).update(contact_interval_days=740)


def test_a_programme_refuses_a_longer_interval_too(organisation: Organisation) -> None:
    programme = ProgrammeFactory(organisation=organisation)

    programme.contact_interval_days = 740
    with pytest.raises(ValidationError) as refused:
        programme.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(contact_interval_days=740)

    assert "contact_interval_days" in refused.value.message_dict
