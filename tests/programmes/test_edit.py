"""A coordinator changes a running programme: its period, places, staff and contact interval."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from django.urls import reverse

from reintegra.accounts.models import User
from reintegra.audit.models import AuditEntry
from reintegra.programmes import services
from reintegra.programmes.models import EnrolmentStatus as S
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.programmes.conftest import eligible

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def form_data(programme: Programme, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": programme.name,
        "code": programme.code,
        "start_date": programme.start_date.isoformat(),
        "end_date": programme.end_date.isoformat(),
        "places": programme.places,
        "venues": programme.venues,
        "funding_source": programme.funding_source,
        "contact_interval_days": "",
    }
    return {**data, **changes}


def test_a_coordinator_sets_the_contact_interval_and_the_change_is_audited(
    mobile_programme: Programme, coordinator: User
) -> None:
    url = reverse("programmes:edit", args=[mobile_programme.pk])
    client = client_for(coordinator)

    assert client.get(url).status_code == 200
    saved = client.post(url, form_data(mobile_programme, contact_interval_days="14"))

    assert saved.status_code == 302
    mobile_programme.refresh_from_db()
    assert mobile_programme.contact_interval_days == 14
    change = AuditEntry.objects.get_for_object(mobile_programme).filter(action=AuditEntry.Action.UPDATE).get()
    assert change.changes_dict["contact_interval_days"] == ["None", "14"]
    assert change.actor == coordinator


def test_more_places_go_at_once_to_the_first_on_the_reserve_list(
    mobile_programme: Programme, coordinator: User
) -> None:
    enrolments = [eligible(mobile_programme, coordinator) for _ in range(3)]
    for enrolment in enrolments:
        services.enrolment_enrol(actor=coordinator, enrolment=enrolment)

    services.programme_update(
        actor=coordinator,
        programme=mobile_programme,
        data=replace(services.ProgrammeData.of(mobile_programme), places=3),
    )

    enrolments[2].refresh_from_db()
    assert enrolments[2].status == S.OFFERED


def test_places_cannot_drop_below_the_places_taken_and_the_field_is_named(
    mobile_programme: Programme, coordinator: User
) -> None:
    for _ in range(2):
        services.enrolment_enrol(actor=coordinator, enrolment=eligible(mobile_programme, coordinator))

    refused = client_for(coordinator).post(
        reverse("programmes:edit", args=[mobile_programme.pk]), form_data(mobile_programme, places="1")
    )

    assert refused.status_code == 200
    assert refused.context["form"].errors["places"] == [
        "2 places are already taken; the programme cannot have fewer."
    ]
    mobile_programme.refresh_from_db()
    assert mobile_programme.places == 2


def test_a_case_worker_or_another_organisation_cannot_change_the_programme(
    mobile_programme: Programme, caseworker: User, outsider_admin: User
) -> None:
    url = reverse("programmes:edit", args=[mobile_programme.pk])

    assert client_for(caseworker).get(url).status_code == 403
    assert client_for(outsider_admin).post(url, form_data(mobile_programme, places="9")).status_code == 404
    mobile_programme.refresh_from_db()
    assert mobile_programme.places == 2


def test_a_programme_with_a_field_it_does_not_have_is_refused(mobile_programme: Programme) -> None:
    fields: dict[str, Any] = {
        **{name: getattr(mobile_programme, name) for name in services.PROGRAMME_FIELDS},
        "eligibility_rules": [],
    }

    with pytest.raises(TypeError, match="eligibility_rules"):
        services.ProgrammeData(**fields)


def test_an_update_from_the_programme_keeps_its_staff_and_partners(
    mobile_programme: Programme, coordinator: User
) -> None:
    mobile_programme.staff.set([coordinator])

    services.programme_update(
        actor=coordinator,
        programme=mobile_programme,
        data=replace(services.ProgrammeData.of(mobile_programme), funding_source="Budżet gminy"),
    )

    mobile_programme.refresh_from_db()
    assert mobile_programme.funding_source == "Budżet gminy"
    assert list(mobile_programme.staff.all()) == [coordinator]
