"""Polish identifiers, checked with python-stdnum (never a hand-written checksum).

Pure functions with no Django import apart from translatable messages, so imports, forms and
services share one set of rules.
"""

from __future__ import annotations

import re
from datetime import date

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.pl import pesel as stdnum_pesel

# A participant's name key (``Participant.search_key``) is the shared diacritics-free key.
from reintegra.text import search_key as search_key

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
TERC_GMINA = re.compile(r"^\d{7}$")


class InvalidPeselError(ValueError):
    pass


class PeselFromTheFutureError(InvalidPeselError):
    """The PESEL is well formed, but its birth date has not come yet."""


def pesel_compact(value: str) -> str:
    return str(stdnum_pesel.compact(value))


def pesel_validate(value: str) -> str:
    """The PESEL in compact form, or InvalidPeselError (checksum or impossible birth date,
    including one after today)."""
    try:
        number = str(stdnum_pesel.validate(value))
    except StdnumError as error:
        raise InvalidPeselError(str(error)) from None
    # The server's day, not Warsaw's: this module stays free of Django, and an hour either way
    # around midnight does not make a PESEL plausible.
    if stdnum_pesel.get_birth_date(number) > date.today():
        raise PeselFromTheFutureError(number)
    return number


def pesel_birth_date(value: str) -> date:
    return stdnum_pesel.get_birth_date(pesel_compact(value))


def pesel_sex_at_birth(value: str) -> str:
    """'M' or 'F' as encoded in the PESEL; distinct from the gender EFS+ asks for."""
    return str(stdnum_pesel.get_gender(pesel_compact(value)))
