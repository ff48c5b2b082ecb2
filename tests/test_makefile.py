"""`make help` lists every target of the Makefile, each with what it does."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

MAKEFILE = Path(__file__).resolve().parent.parent / "Makefile"


def targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z0-9-]*):", MAKEFILE.read_text(), flags=re.MULTILINE))


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_help_lists_every_target_with_a_description() -> None:
    listed = subprocess.run(
        [shutil.which("make") or "make", "--no-print-directory", "-f", str(MAKEFILE), "help"],
        cwd=MAKEFILE.parent,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    described = dict(re.findall(r"^make (\S+)\s+– (.+)$", listed, flags=re.MULTILINE))

    assert set(described) == targets()
    assert all(text.strip() for text in described.values())


def test_every_target_is_phony() -> None:
    phony = re.search(r"^\.PHONY: (.+)$", MAKEFILE.read_text(), flags=re.MULTILINE)

    assert phony is not None
    assert set(phony.group(1).split()) == targets()
