"""The demo seeded on an empty database: the same names every time, and ``--once`` seeds it.

Apart from ``test_seed_demo.py``, whose tests share one seeded demo per module.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from reintegra.accounts.models import Organisation, User
from tests.demo.test_seed_demo import seed_demo

pytestmark = pytest.mark.django_db


def test_it_is_reproducible_with_the_same_names() -> None:
    def snapshot() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        return (
            sorted(User.objects.values_list("username", "first_name", "last_name")),
            sorted(Organisation.objects.values_list("name", "nip", "regon")),
        )

    with transaction.atomic():
        seed_demo()
        first = snapshot()
        transaction.set_rollback(True)
    assert not User.objects.exists()
    seed_demo()
    assert snapshot() == first


def test_once_on_an_empty_database_seeds_it() -> None:
    seed_demo("--once")
    assert User.objects.filter(username="pracownik.mops").exists()
