"""The indicators' definitions as the docs state them, one paragraph each, read from the file so
the page shows the very words the code follows (``**EECO01** — *Polish name* / *English name*.
Definition…``). docs/indicators.md is in English, docs/indicators.pl.md its Polish translation:
the same paragraphs, codes and names, in the same order; the reader gets the file of her language."""

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


# The file of each translated language; any other language reads the English original.
ENGLISH = "en"
FILES = {ENGLISH: "indicators.md", "pl": "indicators.pl.md"}


@dataclass(frozen=True)
class Definition:
    code: str
    name_pl: str
    name_en: str
    text: str
    # The language the text is written in.
    language: str = ENGLISH


def language_of(language: str | None) -> str:
    """The docs' language for an interface language ("pl", "pl-pl" → "pl"; others → English)."""
    base = (language or "").lower().split("-")[0]
    return base if base in FILES else ENGLISH


def doc(language: str = ENGLISH) -> Path:
    return Path(settings.BASE_DIR) / "docs" / FILES[language_of(language)]


def _read(language: str) -> tuple[Definition, ...]:
    try:
        source = doc(language).read_text(encoding="utf-8")
    except OSError:
        return ()
    return tuple(
        Definition(
            match["code"],
            " ".join(match["pl"].split()),
            " ".join(match["en"].split()),
            " ".join(match["text"].replace("*", "").split()),
            language,
        )
        for match in PARAGRAPH.finditer(source)
    )


@cache
def definitions(language: str | None = ENGLISH) -> tuple[Definition, ...]:
    """Every indicator paragraph of the file of ``language``, in its order; the English ones when
    that translation is not deployed, none when no file is."""
    language = language_of(language)
    return _read(language) or (_read(ENGLISH) if language != ENGLISH else ())


def codes(language: str | None = ENGLISH) -> frozenset[str]:
    return frozenset(definition.code for definition in definitions(language))
