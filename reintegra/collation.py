"""Polish alphabetical order on both databases: Dębosz before Dziadowicz, Łuckiewicz before Wojczuk.

Both databases compare text byte by byte unless told otherwise, which puts every name that
starts with Ł, Ś or Ż after Z. One collation named ``pl_icu`` says otherwise: on PostgreSQL an
ICU collation created by a migration (accounts' ``0003_polish_collation``), on SQLite a Python
comparison registered on every new connection (``register_sqlite_collation``). Every list
sorted by name orders by ``by_name(...)`` (the ORM) or ``collate(...)`` (hand-written SQL).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from django.db.models import F, OrderBy
from django.db.models.functions import Collate

COLLATION = "pl_icu"

# Polish letters in their order; q, v and x belong to the alphabet of foreign names.
_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}

# The classes of a character, in ICU's order: spaces and punctuation, digits, letters, the rest.
_PUNCTUATION, _DIGIT, _LETTER, _OTHER = range(4)


def by_name(*fields: str) -> list[OrderBy]:
    """``order_by(*by_name("last_name", "first_name"), "pk")``; a leading ``-`` sorts descending."""
    return [_ordering(field) for field in fields]


def _ordering(field: str) -> OrderBy:
    name = field.removeprefix("-")
    return OrderBy(Collate(F(name), COLLATION), descending=field.startswith("-"))


def collate(column: str) -> str:
    """A column of hand-written SQL in Polish order: ``ORDER BY {collate('p.last_name')}``."""
    return f'{column} COLLATE "{COLLATION}"'


def sort_key(text: str) -> tuple[Any, ...]:
    """Letters by the Polish alphabet whatever their case, then accents, then lower case first.

    The same levels as ICU's: 'Łuckiewicz' < 'Wojczuk', 'Dębosz' < 'Dziadowicz', 'zofia' <
    'Zofia' < 'Zośka'; a letter foreign to Polish ('é', 'ü') sorts with its base letter.
    """
    primary: list[tuple[int, int]] = []
    accents: list[int] = []
    cases: list[int] = []
    for char in text:
        lower = char.lower()
        if lower in _RANK:
            primary.append((_LETTER, _RANK[lower]))
            accents.append(0)
        else:
            base = unicodedata.normalize("NFD", lower)[:1]
            if base in _RANK:
                primary.append((_LETTER, _RANK[base]))
                accents.append(1)
            elif char.isdigit():
                primary.append((_DIGIT, ord(char)))
                accents.append(0)
            elif char.isspace() or unicodedata.category(char).startswith(("P", "S")):
                primary.append((_PUNCTUATION, ord(char)))
                accents.append(0)
            else:
                primary.append((_OTHER, ord(lower)))
                accents.append(0)
        cases.append(0 if char == lower else 1)
    return tuple(primary), tuple(accents), tuple(cases), text


def compare(left: str, right: str) -> int:
    """SQLite's collation callback: negative, zero or positive as ``left`` sorts before ``right``."""
    left_key, right_key = _cached_key(left), _cached_key(right)
    return (left_key > right_key) - (left_key < right_key)


@functools.lru_cache(maxsize=4096)
def _cached_key(text: str) -> tuple[Any, ...]:
    return sort_key(text)


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: SQLite learns ``pl_icu`` on every new connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
