"""The funder's API: her funded programmes and one's suppressed report, nothing else."""

from __future__ import annotations

import pytest

from reintegra.accounts.models import User
from reintegra.programmes.models import Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2026-01-01", "end": "2026-06-30"}


@pytest.fixture(autouse=True)
def _english(in_english: None) -> None:
    pass


def test_she_lists_the_programmes_her_body_funds(
    funded: Programme, not_funded: Programme, funder: User
) -> None:
    response = client_for(funder).get("/api/v1/funder/programmes")

    assert response.status_code == 200
    assert [row["name"] for row in response.json()] == [funded.name]


def test_the_report_comes_suppressed_with_null_cells(funded: Programme, funder: User, counted: None) -> None:
    response = client_for(funder).get(f"/api/v1/funder/programmes/{funded.pk}/report", PERIOD)

    body = response.json()
    [probe] = [table for table in body["tables"] if table["key"] == "probe"]
    assert response.status_code == 200
    assert body["suppressed"] is True
    assert probe["rows"][0]["cells"] == {"women": None, "men": 9, "non_binary": None, "total": 12}


def test_a_programme_her_body_does_not_fund_is_404(not_funded: Programme, funder: User) -> None:
    response = client_for(funder).get(f"/api/v1/funder/programmes/{not_funded.pk}/report", PERIOD)

    assert response.status_code == 404


def test_a_period_ending_before_it_starts_is_400_naming_end(funded: Programme, funder: User) -> None:
    response = client_for(funder).get(
        f"/api/v1/funder/programmes/{funded.pk}/report", {"start": "2026-06-30", "end": "2026-01-01"}
    )

    assert response.status_code == 400
    assert "end" in response.json()["fields"]


def test_staff_cannot_use_the_funders_api(funded: Programme, coordinator: User) -> None:
    assert client_for(coordinator).get("/api/v1/funder/programmes").status_code == 403
