"""The shared diacritics-free key, on plain data."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reintegra.people import identifiers
from reintegra.text import search_key


def test_the_search_key_ignores_polish_diacritics_and_case() -> None:
    assert search_key("Żółkiewska", "Łucja") == "zolkiewska lucja"
    assert search_key("ZOLKIEWSKA") == search_key("żółkiewska")


@given(st.text(alphabet="aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻ ", max_size=30))
def test_the_search_key_is_plain_lower_ascii_letters(text: str) -> None:
    key = search_key(text)

    assert key == key.lower()
    assert all(char.isascii() for char in key)


def test_a_participants_name_key_is_the_shared_key() -> None:
    assert identifiers.search_key is search_key
