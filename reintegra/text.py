"""Text helpers shared by every app: plain functions, no Django and no app imports."""

from __future__ import annotations

import unicodedata


def search_key(*parts: str) -> str:
    """Lower-case text without Polish diacritics: 'Żółkiewska' and 'zolkiewska' meet here."""
    text = " ".join(part for part in parts if part)
    text = text.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().split())


# How much a person may type into one free-text field: notes of a meeting run long (a page is
# ~2,000 characters), a reason or description is a paragraph or a few. The limit is the model
# field's ``max_length`` (the form's) and its validator (every other way in).
LONG_TEXT = 20_000
SHORT_TEXT = 5_000
