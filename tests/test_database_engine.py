"""The suite runs twice, on SQLite and on PostgreSQL: this proves each stage uses the engine it claims."""

from __future__ import annotations

import os

import pytest
from django.db import connection

SUPPORTED_VENDORS = {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_engine_the_stage_asked_for() -> None:
    # make test-sqlite sets TEST_DATABASE_VENDOR=sqlite, scripts/with-postgres.sh sets postgresql.
    expected = os.environ.get("TEST_DATABASE_VENDOR")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert connection.vendor in SUPPORTED_VENDORS
    if expected:
        assert connection.vendor == expected
    if connection.vendor == "postgresql":
        assert connection.pg_version >= 150000, "production runs PostgreSQL 15 or newer"
