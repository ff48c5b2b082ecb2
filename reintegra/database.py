"""DATABASE_URL → Django's DATABASES entry, with messages an operator can act on."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_SCHEMES = ("sqlite", "postgres", "postgresql")


def database_config(url: str, base_dir: Path) -> dict[str, Any]:
    scheme = urlsplit(url).scheme
    if scheme not in SUPPORTED_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with sqlite:/// or postgres://, got scheme {scheme!r}."
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be parsed: {exc}") from None
    if scheme == "sqlite":
        name = str(config["NAME"])
        if name != ":memory:" and not Path(name).is_absolute():
            config["NAME"] = str(base_dir / name)
        config["OPTIONS"] = {
            "init_command": "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        }
        config["CONN_MAX_AGE"] = 0
    else:
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL must name a database.")
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config


def describe(url: str) -> str:
    """The URL with its password hidden, safe to print on a console."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url
