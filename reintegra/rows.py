"""Rows of a long list, prepared for a template that only prints them.

A list page is rendered on every search and every page turn. Per row, a template's ``{% url %}``,
filters and translated choice labels cost more than reading the row, so they are worked out here
once a page: each row's address from one ``reverse()``, each label from one dictionary. The
template then prints plain values, escaped as always.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Choices
from django.urls import reverse

KEY = 987654321  # stands for a row's key in an address reversed once a page


def address_of(name: str, *args: object) -> Callable[[object], str]:
    """A row's address from its key (the route's last argument), reversing the route once."""
    pattern = reverse(name, args=[*args, KEY])
    head, _, tail = pattern.rpartition(str(KEY))
    return lambda key: f"{head}{key}{tail}"


def labels(choices: type[Choices] | Iterable[tuple[object, object]]) -> dict[object, str]:
    """Each choice's label in the reader's language, translated once a page."""
    pairs = choices.choices if isinstance(choices, type) else choices
    return {value: str(label) for value, label in pairs}
