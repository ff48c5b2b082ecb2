"""Local work hashes passwords with fewer rounds; production accepts such a hash and upgrades it."""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher

from reintegra.accounts.hashers import LocalPBKDF2PasswordHasher
from tests.test_settings import manage


def test_a_password_hashed_for_local_work_is_checked_and_upgraded_by_production() -> None:
    local = LocalPBKDF2PasswordHasher().encode("Zielona-herbata-2026", "s0meSalt")
    production = PBKDF2PasswordHasher()

    assert production.verify("Zielona-herbata-2026", local)
    assert not production.verify("Czarna-kawa-2026", local)
    assert production.must_update(local)


def test_only_debug_hashes_with_fewer_rounds() -> None:
    probe = "from django.contrib.auth.hashers import get_hasher; print(get_hasher().iterations)"
    local = manage("shell", "-c", probe, DEBUG="true")
    production = manage("shell", "-c", probe, DEBUG="false", SECRET_KEY="x" * 50)

    assert local.stdout.split()[-1] == str(LocalPBKDF2PasswordHasher.iterations), local.stderr
    assert production.stdout.split()[-1] == str(PBKDF2PasswordHasher.iterations), production.stderr
