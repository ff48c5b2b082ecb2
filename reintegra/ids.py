"""Record ids in URLs, bounded by what the database can hold.

A primary key is a 64-bit integer. Django's ``<int:…>`` converter takes any run of digits, and
a 25-digit id then fails in the database driver (an overflow, not a missing row), which the
user would see as a 500. ``<id:…>`` matches only ids a row could have, so anything longer is
simply a page that does not exist (404). (The API's ids are looked up by the ORM, which answers
"no such row" for a number out of its column's range; tests/test_absurd_input.py tries both.)
"""

from __future__ import annotations

from django.urls import register_converter
from django.urls.converters import get_converters

MAX_ID = 2**63 - 1  # PostgreSQL's bigint, SQLite's INTEGER


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)  # the URL does not match: 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


def register() -> None:
    """Called by the root URL configuration, before any app's URLs are read."""
    if "id" not in get_converters():
        register_converter(IdConverter, "id")
