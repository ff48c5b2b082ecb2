"""PESEL and name rules, on plain data."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.people import identifiers

VALID_PESEL = "02270803624"  # born 2002-07-08 (month + 20 for the 2000s), female


def test_a_valid_pesel_gives_its_birth_date_and_sex_at_birth() -> None:
    assert identifiers.pesel_validate(VALID_PESEL) == VALID_PESEL
    assert identifiers.pesel_birth_date(VALID_PESEL) == date(2002, 7, 8)
    assert identifiers.pesel_sex_at_birth(VALID_PESEL) == "F"


@pytest.mark.parametrize("value", ["02270803625", "0207080362", "02273303625", "abcdefghijk"])
def test_a_wrong_checksum_length_or_date_is_refused(value: str) -> None:
    with pytest.raises(identifiers.InvalidPeselError):
        identifiers.pesel_validate(value)


def test_the_search_key_ignores_polish_diacritics_and_case() -> None:
    assert identifiers.search_key("Żółkiewska", "Łucja") == "zolkiewska lucja"
    assert identifiers.search_key("ZOLKIEWSKA") == identifiers.search_key("żółkiewska")


@given(st.text(alphabet="aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻ ", max_size=30))
def test_the_search_key_is_plain_lower_ascii_letters(text: str) -> None:
    key = identifiers.search_key(text)

    assert key == key.lower()
    assert all(char.isascii() for char in key)
