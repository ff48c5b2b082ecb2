"""The layering of the apps is kept by import-linter's contracts (pyproject.toml, `make lint`).

These tests run the same contracts on a copy of the code with one bad import added, to show
each kind of breach is reported with the modules it names.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "reintegra", tmp_path / "reintegra", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def add_import(root: Path, module: str, line: str) -> None:
    path = root / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_apps_keep_their_layers() -> None:
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout


def test_an_import_from_people_into_accounts_is_reported(copy: Path) -> None:
    add_import(
        copy, "reintegra.accounts.selectors", "from reintegra.people.models import Participant  # noqa"
    )

    result = lint_imports(copy)

    assert result.returncode == 1
    assert "reintegra.accounts.selectors -> reintegra.people.models" in result.stdout


def test_two_apps_importing_each_other_are_reported(copy: Path) -> None:
    add_import(
        copy, "reintegra.programmes.models", "from reintegra.casework import models as casework  # noqa"
    )

    result = lint_imports(copy)

    assert result.returncode == 1
    assert "reintegra.programmes.models -> reintegra.casework.models" in result.stdout


def test_a_pure_core_importing_django_is_reported(copy: Path) -> None:
    add_import(copy, "reintegra.programmes.eligibility", "from django.utils import timezone  # noqa")

    result = lint_imports(copy)

    assert result.returncode == 1
    assert "Pure cores import no Django BROKEN" in result.stdout
    assert "reintegra.programmes.eligibility -> django (l." in result.stdout
