"""docs/api.md lists every operation of the API, so a new one cannot go undocumented."""

from __future__ import annotations

import re
from pathlib import Path

from reintegra.api import api

DOC = Path(__file__).resolve().parent.parent / "docs" / "api.md"
PREFIX = "/api/v1"


def _shape(path: str) -> str:
    """A path with its parameters unnamed: ``/plans/{plan_id}`` and ``/plans/{id}`` are one."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def documented() -> set[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return {
        (method, _shape(path)) for method, path in re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^`?]*)", text)
    }


def test_every_api_operation_is_listed_in_the_api_doc() -> None:
    operations = {
        (method.upper(), _shape(path.removeprefix(PREFIX)))
        for path, methods in api.get_openapi_schema()["paths"].items()
        for method in methods
    }

    missing = operations - documented()

    assert not missing, f"List these operations in docs/api.md: {sorted(missing)}"
