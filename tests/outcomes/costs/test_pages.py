"""The costs pages: a coordinator records, corrects and removes a programme's costs (an amount
typed the Polish way), the staff see them filtered with their totals and export them; bad input
names its field; another organisation's worker gets 404."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reintegra.accounts.context_processors import nav_links, navigation
from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.outcomes.costs.services import CostData, cost_record
from reintegra.outcomes.models import CostCategory, FundingSource, ProgrammeCost
from reintegra.programmes.models import Programme
from tests.conftest import client_for
from tests.factories import ProgrammeFactory

TODAY = timezone.localdate()


@pytest.fixture
def programme(organisation: Organisation) -> Programme:
    return ProgrammeFactory(
        organisation=organisation,
        code="animatorzy-test",
        start_date=TODAY - timedelta(days=90),
        end_date=TODAY + timedelta(days=270),
    )


@pytest.fixture
def as_coordinator(coordinator: User) -> Client:
    return client_for(coordinator)


def spend(
    programme: Programme,
    amount: str,
    *,
    category: str = CostCategory.SALARIES,
    source: str = FundingSource.EU,
    days_ago: int = 0,
) -> ProgrammeCost:
    return cost_record(
        actor=None,
        programme=programme,
        data=CostData(
            category=category,
            source=source,
            amount=Decimal(amount),
            incurred_on=TODAY - timedelta(days=days_ago),
            description="Wydatek",
        ),
    )


def form(**changes: str) -> dict[str, str]:
    data = {
        "category": CostCategory.COURSES,
        "source": FundingSource.PUBLIC,
        "amount": "1 234,56",
        "incurred_on": TODAY.isoformat(),
        "description": "Kurs obsługi wózka widłowego",
    }
    data.update(changes)
    return data


def test_a_coordinator_records_a_cost_typed_the_polish_way(
    as_coordinator: Client, coordinator: User, programme: Programme
) -> None:
    answer = as_coordinator.post(reverse("outcomes:costs:record", args=[programme.pk]), form())

    assert answer.status_code == 302
    cost = ProgrammeCost.objects.get()
    assert (cost.amount, cost.category, cost.source, cost.recorded_by) == (
        Decimal("1234.56"),
        CostCategory.COURSES,
        FundingSource.PUBLIC,
        coordinator,
    )
    assert AuditEntry.objects.filter(content_type__model="programmecost", object_pk=str(cost.pk)).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"amount": "-50"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "99 000 000"}, "amount"),
        ({"amount": "tysiąc"}, "amount"),
        ({"incurred_on": (TODAY + timedelta(days=3)).isoformat()}, "incurred_on"),
        ({"incurred_on": "2001-01-01"}, "incurred_on"),
        ({"category": "lunch"}, "category"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    as_coordinator: Client, programme: Programme, changes: dict[str, str], field: str
) -> None:
    page = as_coordinator.post(reverse("outcomes:costs:record", args=[programme.pk]), form(**changes))

    assert page.status_code == 200
    assert field in page.context["form"].errors
    assert not ProgrammeCost.objects.exists()


def test_a_coordinator_corrects_and_removes_a_cost(as_coordinator: Client, programme: Programme) -> None:
    cost = spend(programme, "100.00")

    as_coordinator.post(reverse("outcomes:costs:correct", args=[cost.pk]), form(amount="150,50"))
    cost.refresh_from_db()
    assert cost.amount == Decimal("150.50")

    asked = as_coordinator.get(reverse("outcomes:costs:remove", args=[cost.pk]))
    assert asked.status_code == 200
    as_coordinator.post(reverse("outcomes:costs:remove", args=[cost.pk]))
    assert not ProgrammeCost.objects.exists()
    assert AuditEntry.objects.filter(
        content_type__model="programmecost", object_pk=str(cost.pk), action=AuditEntry.Action.DELETE
    ).exists()


def test_a_case_worker_sees_the_costs_but_cannot_record_them(
    as_caseworker: Client, caseworker: User, programme: Programme
) -> None:
    spend(programme, "10.00")

    assert as_caseworker.get(reverse("outcomes:costs:list", args=[programme.pk])).status_code == 200
    assert as_caseworker.get(reverse("outcomes:costs:record", args=[programme.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        spend_as(caseworker, programme)


def spend_as(actor: User, programme: Programme) -> None:
    cost_record(
        actor=actor,
        programme=programme,
        data=CostData(
            category=CostCategory.VENUES,
            source=FundingSource.SPONSORS,
            amount=Decimal("1.00"),
            incurred_on=TODAY,
            description="Czynsz",
        ),
    )


def test_another_organisations_staff_cannot_see_or_touch_the_costs(
    outsider_admin: User, programme: Programme
) -> None:
    cost = spend(programme, "10.00")
    client = client_for(outsider_admin)

    for name, pk in [
        ("outcomes:costs:list", programme.pk),
        ("outcomes:costs:record", programme.pk),
        ("outcomes:costs:correct", cost.pk),
        ("outcomes:costs:remove", cost.pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404, name
    assert client.post(reverse("outcomes:costs:remove", args=[cost.pk])).status_code == 404
    assert client.get(reverse("outcomes:costs:export", args=[programme.pk, "csv"])).status_code == 404
    assert programme not in client.get(reverse("outcomes:costs:programmes")).context["programmes"]
    with pytest.raises(PermissionDenied):
        spend_as(outsider_admin, programme)
    assert ProgrammeCost.objects.count() == 1


def test_the_page_filters_by_category_source_and_period_and_totals_them(
    as_caseworker: Client, programme: Programme
) -> None:
    spend(programme, "1000.00", category=CostCategory.SALARIES, source=FundingSource.EU, days_ago=40)
    spend(programme, "250.00", category=CostCategory.SALARIES, source=FundingSource.PUBLIC, days_ago=10)
    spend(programme, "80.50", category=CostCategory.COURSES, source=FundingSource.FEES, days_ago=5)
    url = reverse("outcomes:costs:list", args=[programme.pk])

    everything = as_caseworker.get(url).context
    assert everything["grid"].total == Decimal("1330.50")
    assert everything["grid"].row_total(CostCategory.SALARIES) == Decimal("1250.00")
    assert everything["grid"].column_total(FundingSource.FEES) == Decimal("80.50")
    assert everything["totals"][-1].total == Decimal("1330.50")

    salaries = as_caseworker.get(url, {"category": CostCategory.SALARIES}).context
    assert [cost.amount for cost in salaries["costs"]] == [Decimal("250.00"), Decimal("1000.00")]
    public = as_caseworker.get(url, {"source": FundingSource.PUBLIC}).context
    assert public["grid"].total == Decimal("250.00")
    recent = as_caseworker.get(url, {"start": (TODAY - timedelta(days=20)).isoformat()}).context
    assert recent["grid"].total == Decimal("330.50")


def test_a_period_ending_before_it_starts_is_refused_naming_the_end(
    as_caseworker: Client, programme: Programme
) -> None:
    page = as_caseworker.get(
        reverse("outcomes:costs:list", args=[programme.pk]),
        {"start": TODAY.isoformat(), "end": (TODAY - timedelta(days=1)).isoformat()},
    )

    assert page.status_code == 200
    assert "end" in page.context["form"].errors


def test_the_costs_export_as_csv_and_xlsx_with_the_filter(
    as_caseworker: Client, programme: Programme
) -> None:
    spend(programme, "1234.56", category=CostCategory.COURSES)
    spend(programme, "10.00", category=CostCategory.VENUES)
    url = reverse("outcomes:costs:export", args=[programme.pk, "csv"])

    rows = list(csv.reader(io.StringIO(as_caseworker.get(url).content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    assert "1234,56" in rows[1] + rows[2]

    xlsx = as_caseworker.get(
        reverse("outcomes:costs:export", args=[programme.pk, "xlsx"]), {"category": CostCategory.VENUES}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["10,00"]


def test_costs_is_a_link_of_the_outcomes_group_not_a_new_item(coordinator: User) -> None:
    request = client_for(coordinator).get(reverse("outcomes:costs:programmes")).wsgi_request
    items = navigation(request)["nav_items"]

    group = next(item for item in items if getattr(item, "key", "") == "outcomes")
    assert reverse("outcomes:costs:programmes") in [link.url for link in group.links]
    assert reverse("outcomes:costs:programmes") in [link.url for link in nav_links(items)]
