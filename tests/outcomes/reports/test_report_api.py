"""GET /api/v1/…/report: the report JSON for a programme, an organisation or a partnership, with
the page's access rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reintegra.accounts.models import Organisation, Role, User
from reintegra.outcomes.reports import compose, export, scopes
from reintegra.outcomes.tables import Period
from reintegra.partnership import services as partnership_services
from reintegra.partnership.models import MemberRole
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import member

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-01-01", "end": "2026-06-30"}


def url(programme: Programme) -> str:
    return f"/api/v1/programmes/{programme.pk}/report"


def test_a_coordinator_gets_her_programmes_report_as_the_json_export(
    coordinator: User, programme: Programme, counted_section: list[Any]
) -> None:
    answer = client_for(coordinator).get(url(programme), PERIOD)

    assert answer.status_code == 200
    scope = scopes.of_programme(programme)
    expected = export.as_dict(compose.report_for(scope, Period(date(2026, 1, 1), date(2026, 6, 30))), scope)
    assert answer.json() == expected
    assert answer.json()["scope"] == {"kind": "programme", "id": programme.pk, "name": "Aktywni razem"}


def test_an_organisations_and_a_partnerships_report(
    coordinator: User,
    organisation: Organisation,
    programme: Programme,
    foreign_programme: Programme,
    counted_section: list[Any],
) -> None:
    partnership = partnership_services.partnership_create(
        actor=None, organisation=organisation, name="Partnerstwo Lokalne", area_description=""
    )
    partnership_services.partnership_member_add(
        actor=None,
        partnership=partnership,
        organisation=foreign_programme.organisation,
        role=MemberRole.PARTNER,
    )
    client = client_for(coordinator)

    whole = client.get(f"/api/v1/organisations/{organisation.pk}/report", PERIOD)
    shared = client.get(f"/api/v1/partnerships/{partnership.pk}/report", PERIOD)

    assert (whole.status_code, shared.status_code) == (200, 200)
    assert counted_section[0][0] == [programme.pk]
    assert sorted(counted_section[1][0]) == sorted([programme.pk, foreign_programme.pk])


def test_another_organisations_coordinator_gets_404_as_for_a_programme_that_does_not_exist(
    other_organisation: Organisation, programme: Programme, organisation: Organisation
) -> None:
    client = client_for(member(other_organisation, Role.COORDINATOR))

    answers = [
        client.get(url(programme), PERIOD),
        client.get(f"/api/v1/organisations/{organisation.pk}/report", PERIOD),
        client.get("/api/v1/programmes/999999/report", PERIOD),
    ]

    assert [(answer.status_code, answer.json()["code"]) for answer in answers] == [(404, "not_found")] * 3


def test_an_end_before_the_start_is_400_naming_the_end(
    coordinator: User, programme: Programme, in_english: None
) -> None:
    answer = client_for(coordinator).get(url(programme), {"start": "2026-06-30", "end": "2026-01-01"})

    assert answer.status_code == 400
    assert answer.json()["fields"] == {
        "end": ["The end of the period (1.1.2026) is before its start (30.6.2026)."]
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "2026-13-01", "end": "2026-06-30"}, "start"),
        ({"start": "2026-01-01"}, "end"),
        ({"start": "1950-01-01", "end": "2026-06-30"}, "start"),
    ],
)
def test_an_absurd_or_missing_day_is_refused_naming_it(
    coordinator: User, programme: Programme, query: dict[str, str], field: str
) -> None:
    answer = client_for(coordinator).get(url(programme), query)

    assert answer.status_code in {400, 422}
    assert list(answer.json()["fields"]) == [field]


def test_an_employer_contact_may_not_read_reports(employer_contact: User, programme: Programme) -> None:
    assert client_for(employer_contact).get(url(programme), PERIOD).status_code == 403
