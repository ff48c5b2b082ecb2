"""Settings come from the environment, strictly parsed, with messages an operator can act on."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from reintegra.database import database_config, describe
from reintegra.env import Env

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Only the basics of the shell: the test process has set its own Django variables.
    clean = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("value", ["yes", "1", "on", "False2"])
def test_a_boolean_that_is_not_true_or_false_is_an_error(value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be 'true' or 'false'"):
        Env({"DEBUG": value}).flag("DEBUG", default=False)


def test_booleans_are_case_insensitive_true_and_false() -> None:
    assert Env({"X": "TRUE"}).flag("X", default=False) is True
    assert Env({"X": "false"}).flag("X", default=True) is False
    assert Env({}).flag("X", default=True) is True


def test_a_number_that_is_not_a_number_names_the_variable() -> None:
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        Env({"EMAIL_PORT": "25a"}).number("EMAIL_PORT", default=25)


def test_a_list_with_an_empty_item_is_an_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        Env({"ALLOWED_HOSTS": "a.example.org,,b.example.org"}).items("ALLOWED_HOSTS", default=[])


def test_a_required_variable_that_is_missing_is_named() -> None:
    with pytest.raises(ImproperlyConfigured, match="EMAIL_HOST is required"):
        Env({}).text("EMAIL_HOST")


def test_an_unsupported_database_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must start with"):
        database_config("mysql://localhost/reintegra", tmp_path)


def test_a_relative_sqlite_path_lives_under_the_project(tmp_path: Path) -> None:
    config = database_config("sqlite:///var/app.sqlite3", tmp_path)

    assert config["NAME"] == str(tmp_path / "var" / "app.sqlite3")


def test_a_database_password_is_never_printed() -> None:
    assert (
        describe("postgres://reintegra:s3cret@db:5432/reintegra")
        == "postgres://reintegra:***@db:5432/reintegra"
    )


def test_debug_yes_stops_the_start_with_a_clear_message() -> None:
    result = manage("check", DEBUG="yes")

    assert result.returncode == 2
    assert "DEBUG must be 'true' or 'false', got 'yes'" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_needs_a_secret_key() -> None:
    result = manage("check", DEBUG="false")

    assert result.returncode == 2
    assert "SECRET_KEY is required" in result.stderr


def test_a_database_that_is_down_gets_a_message_not_a_traceback() -> None:
    result = manage("migrate", DEBUG="true", DATABASE_URL="postgres://reintegra:s3cret@127.0.0.1:9/reintegra")

    assert result.returncode == 2
    assert (
        "Database error: cannot use the database at postgres://reintegra:***@127.0.0.1:9/reintegra"
        in result.stderr
    )
    assert "s3cret" not in result.stderr
    assert "Traceback" not in result.stderr


def test_the_deployment_checklist_is_clean_with_production_values(tmp_path: Path) -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="reintegra.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path}/production.sqlite3",
        EMAIL_BACKEND="smtp",
        EMAIL_HOST="smtp.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
