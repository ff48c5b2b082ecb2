"""Plans moved out of casework with their rows, tables and content types (the audit entries' link)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from reintegra.accounts.models import Organisation, User
from reintegra.audit.models import AuditEntry
from reintegra.plans import services as plan_services
from reintegra.plans.models import IndividualPlan
from tests.factories import ParticipantFactory

PLAN_MODELS = ["individualplan", "planaction", "plangoal", "plansignature"]


def app_label_of(model: str) -> list[str]:
    """Read past ContentType's cache: what the table says."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT app_label FROM django_content_type WHERE model = %s", [model])
        return [row[0] for row in cursor.fetchall()]


def migrate(*targets: tuple[str, str | None]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_migrating_back_and_forth_keeps_the_plans_and_their_audit_entries(
    organisation: Organisation, caseworker: User
) -> None:
    person = ParticipantFactory(organisation=organisation)
    plan = plan_services.plan_create(
        actor=caseworker, participant=person, plan_type_code="ipd", starts_on=date(2026, 3, 2)
    )
    entries = set(AuditEntry.objects.get_for_object(plan).values_list("pk", flat=True))
    assert entries

    migrate(("plans", None))  # before the move: casework's tables and content types

    tables = set(connection.introspection.table_names())
    assert "casework_individualplan" in tables
    assert "plans_individualplan" not in tables
    assert [app_label_of(model) for model in PLAN_MODELS] == [["casework"]] * 4

    migrate()

    assert [app_label_of(model) for model in PLAN_MODELS] == [["plans"]] * 4
    ContentType.objects.clear_cache()
    assert IndividualPlan.objects.get(pk=plan.pk).participant == person
    assert set(AuditEntry.objects.get_for_object(plan).values_list("pk", flat=True)) == entries
