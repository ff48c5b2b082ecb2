"""docs/configuration.md describes every environment variable the settings read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = ROOT / "reintegra" / "settings.py"
DOC = ROOT / "docs" / "configuration.md"


def variables_read_by_settings() -> set[str]:
    """Names in calls such as ``env.flag("DEBUG", ...)`` anywhere in settings.py."""
    names = set()
    for node in ast.walk(ast.parse(SETTINGS.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "env"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def variables_documented() -> set[str]:
    """Names with their own section: a heading line such as ``### `DEBUG` ``."""
    return set(re.findall(r"^#{2,4} `([A-Z][A-Z0-9_]*)`\s*$", DOC.read_text(encoding="utf-8"), re.MULTILINE))


def test_the_parser_finds_the_variables_the_settings_read() -> None:
    # Guards against a parser that finds nothing and so lets every doc pass.
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "EMAIL_HOST"} <= variables_read_by_settings()


def test_every_variable_the_settings_read_has_a_section_in_the_configuration_doc() -> None:
    missing = variables_read_by_settings() - variables_documented()
    assert not missing, f"Describe these variables in docs/configuration.md: {sorted(missing)}"


def test_the_configuration_doc_describes_no_variable_the_settings_no_longer_read() -> None:
    stale = variables_documented() - variables_read_by_settings()
    assert not stale, f"docs/configuration.md describes variables nothing reads: {sorted(stale)}"
