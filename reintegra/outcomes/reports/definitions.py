"""The indicators' definitions as docs/indicators.md states them, one paragraph each, read from
that file so the page shows the very words the code follows (``**EECO01** — *Polish name* /
*English name*. Definition…``). The file is in English; the names come in both languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

PARAGRAPH = re.compile(
    r"^\*\*(?P<code>[A-Z]{2,}[A-Z0-9]*\d)\*\* — "
    r"\*(?P<pl>[^*]+)\*\s*/\s*\*(?P<en>[^*]+)\*\.\s*"
    r"(?P<text>.*?)(?:\n\n|\Z)",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Definition:
    code: str
    name_pl: str
    name_en: str
    text: str


def doc() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "indicators.md"


@cache
def definitions() -> tuple[Definition, ...]:
    """Every indicator paragraph of the file, in its order; none when the file is not deployed."""
    try:
        source = doc().read_text(encoding="utf-8")
    except OSError:
        return ()
    return tuple(
        Definition(
            match["code"],
            " ".join(match["pl"].split()),
            " ".join(match["en"].split()),
            " ".join(match["text"].replace("*", "").split()),
        )
        for match in PARAGRAPH.finditer(source)
    )


def codes() -> frozenset[str]:
    return frozenset(definition.code for definition in definitions())
