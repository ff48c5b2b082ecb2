"""PESEL and name rules, on plain data."""

from __future__ import annotations

from datetime import date

import pytest

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
