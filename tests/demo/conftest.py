"""The demo, seeded once per test module: most demo tests only read what it made.

Seeding takes a second or two (longer on PostgreSQL); done for each of some thirty tests it was
a good part of the suite. Here a module seeds it once in a transaction of its own; each test runs
inside it (pytest-django's per-test transaction becomes a savepoint) and is rolled back to it,
and the module's transaction is rolled back at its end, so no other module sees the demo.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from pytest_django import DjangoDbBlocker


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """The demo partnership, as ``manage.py seed_demo`` makes it; the value is what it printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = StringIO()
        call_command("seed_demo", stdout=output)
        yield output.getvalue()
        transaction.set_rollback(True)
