"""Services a person received (a dentist's visit in model 001), with provider and cost; audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.casework import services
from reintegra.casework.models import ServiceDelivery, ServiceKind
from reintegra.people.models import Participant
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": ServiceKind.DENTIST,
        "provider_name": "Gabinet „Uśmiech”",
        "provider_organisation": "",
        "delivered_on": "2026-02-03",
        "cost": "280,50",
        "notes": "",
    }
    return {**data, **overrides}


def a_dentist_visit(participant: Participant, actor: User) -> ServiceDelivery:
    return services.service_record(
        actor=actor,
        participant=participant,
        data=services.ServiceData(
            kind=ServiceKind.DENTIST,
            provider_name="Gabinet",
            delivered_on=date(2026, 2, 3),
            cost=Decimal("280"),
        ),
    )


def test_a_caseworker_records_a_dentist_visit_with_its_cost(ours: Participant, caseworker: User) -> None:
    response = client_for(caseworker).post(reverse("casework:services", args=[ours.pk]), form_data())

    assert response.status_code == 302
    service = ServiceDelivery.objects.get(participant=ours)
    assert (service.kind, service.cost, service.recorded_by) == (
        ServiceKind.DENTIST,
        Decimal("280.50"),
        caseworker,
    )
    assert AuditEntry.objects.get_for_object(service).get(action=AuditEntry.Action.CREATE).actor == caseworker


def test_a_partner_organisation_can_be_the_provider(
    ours: Participant, caseworker: User, other_organisation: Organisation
) -> None:
    client_for(caseworker).post(
        reverse("casework:services", args=[ours.pk]),
        form_data(
            kind=ServiceKind.TRAINING, provider_name="", provider_organisation=str(other_organisation.pk)
        ),
    )

    assert ServiceDelivery.objects.get(participant=ours).provider == str(other_organisation)


def test_a_negative_cost_or_no_provider_is_refused_naming_the_field(
    ours: Participant, caseworker: User
) -> None:
    client = client_for(caseworker)

    negative = client.post(reverse("casework:services", args=[ours.pk]), form_data(cost="-5"))
    nobody = client.post(reverse("casework:services", args=[ours.pk]), form_data(provider_name=""))

    assert "cost" in negative.context["form"].errors
    assert "provider_name" in nobody.context["form"].errors
    assert not ServiceDelivery.objects.exists()


def test_reading_a_service_and_the_list_is_audited(ours: Participant, caseworker: User) -> None:
    service = a_dentist_visit(ours, caseworker)
    client = client_for(caseworker)

    detail = client.get(reverse("casework:service_detail", args=[service.pk]))
    listed = client.get(reverse("casework:services", args=[ours.pk]))

    assert "280" in detail.content.decode()
    assert "Gabinet" in listed.content.decode()
    reads = AuditEntry.objects.get_for_object(service).filter(
        action=AuditEntry.Action.ACCESS, actor=caseworker
    )
    assert reads.count() == 2


def test_a_worker_of_another_organisation_gets_404_for_the_services_of_our_person(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    service = a_dentist_visit(ours, caseworker)
    client = client_for(outsider)

    pages = [
        client.get(reverse("casework:services", args=[ours.pk])),
        client.post(reverse("casework:services", args=[ours.pk]), form_data()),
        client.get(reverse("casework:service_detail", args=[service.pk])),
    ]

    assert [page.status_code for page in pages] == [404, 404, 404]
    assert ServiceDelivery.objects.count() == 1


def test_a_service_or_a_meeting_with_a_field_they_do_not_have_is_refused() -> None:
    service: dict[str, Any] = {
        "kind": ServiceKind.DENTIST,
        "delivered_on": date(2026, 2, 3),
        "paid_by": "NFZ",
    }
    meeting: dict[str, Any] = {"starts_at": None, "duration_minutes": 60, "kind": "", "worker": None}

    with pytest.raises(TypeError, match="paid_by"):
        services.ServiceData(**service)
    with pytest.raises(TypeError, match="worker"):
        services.MeetingData(**meeting)


def test_a_correction_of_a_service_saves_only_what_changed_and_a_worker_of_another_organisation_cannot(
    ours: Participant, caseworker: User, outsider: User
) -> None:
    service = a_dentist_visit(ours, caseworker)

    services.service_update(
        actor=caseworker, service=service, data=replace(services.ServiceData.of(service), cost=Decimal("99"))
    )
    with pytest.raises(PermissionDenied):
        services.service_update(
            actor=outsider, service=service, data=replace(services.ServiceData.of(service), notes="Cudze")
        )

    service.refresh_from_db()
    assert (service.cost, service.notes) == (Decimal("99.00"), "")
    [change] = AuditEntry.objects.get_for_object(service).filter(action=AuditEntry.Action.UPDATE)
    assert set(change.changes) == {"cost"}
