"""Strict parsing of configuration from environment variables.

Every variable the project reads is declared in ``docs/configuration.md``. A value that
cannot be parsed is an error that names the variable, never a silent default:
``DEBUG=yes`` stops the start-up instead of quietly meaning ``False``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = "true"
_FALSE = "false"


class Env:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ

    def text(self, name: str, default: str | None = None) -> str:
        value = self._environ.get(name)
        if value is None or value == "":
            if default is None:
                raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
            return default
        return value

    def optional_text(self, name: str) -> str | None:
        value = self._environ.get(name, "")
        return value or None

    def flag(self, name: str, default: bool) -> bool:
        value = self._environ.get(name, "")
        if value == "":
            return default
        if value.lower() == _TRUE:
            return True
        if value.lower() == _FALSE:
            return False
        raise ImproperlyConfigured(f"Environment variable {name} must be 'true' or 'false', got {value!r}.")

    def number(self, name: str, default: int) -> int:
        value = self._environ.get(name, "")
        if value == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise ImproperlyConfigured(
                f"Environment variable {name} must be a whole number, got {value!r}."
            ) from None

    def items(self, name: str, default: list[str]) -> list[str]:
        value = self._environ.get(name, "")
        if value == "":
            return list(default)
        items = [item.strip() for item in value.split(",")]
        if any(item == "" for item in items):
            raise ImproperlyConfigured(
                f"Environment variable {name} must be a comma-separated list without empty items, "
                f"got {value!r}."
            )
        return items

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self._environ.get(name, "") or default
        if value not in choices:
            raise ImproperlyConfigured(
                f"Environment variable {name} must be one of {', '.join(choices)}, got {value!r}."
            )
        return value
