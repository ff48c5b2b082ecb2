"""Fills a database with many fictional participants, fast, for benchmarks (`seed_demo --participants N`).

Bulk inserts skip django-auditlog's signals on purpose: these rows are synthetic load, not
records anyone created. Names, PESELs and birth dates are deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from django.db import connection, transaction
from stdnum.pl import pesel as stdnum_pesel

from reintegra.accounts.models import Organisation
from reintegra.people.identifiers import search_key
from reintegra.people.models import LabourStatus, Participant, Sex

FIRST_NAMES_F = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Łucja",
    "Żaneta",
    "Zofia",
]
FIRST_NAMES_M = [
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Łukasz",
    "Jakub",
    "Mateusz",
    "Józef",
]
# Surnames as diverse as real ones: the most common Polish surname (Nowak) is about 0.5 % of
# people; here 10 % share twenty common ones and the rest spread over about 5,000 built from
# two syllables and an ending, so a name search matches as few people as it would in life.
COMMON_F = [
    "Nowak",
    "Kowalska",
    "Wiśniewska",
    "Wójcik",
    "Kowalczyk",
    "Kamińska",
    "Lewandowska",
    "Zielińska",
    "Szymańska",
    "Woźniak",
    "Dąbrowska",
    "Kozłowska",
    "Jankowska",
    "Mazur",
    "Kwiatkowska",
    "Krawczyk",
    "Piotrowska",
    "Grabowska",
    "Pawłowska",
    "Michalska",
]
COMMON_M = [
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Pawłowski",
    "Michalski",
]
SYLLABLES_1 = [
    "Bo",
    "Cie",
    "Dzie",
    "Gra",
    "Ja",
    "Kli",
    "Ło",
    "Mro",
    "Nie",
    "Pio",
    "Ra",
    "Sło",
    "Szcze",
    "Trze",
    "Wo",
    "Zą",
    "Żó",
    "Bia",
    "Czar",
    "Dro",
    "Gó",
    "Kra",
    "Lip",
    "Mo",
    "Ostro",
    "Prze",
    "Roz",
    "Sta",
    "Wy",
    "Ża",
]
SYLLABLES_2 = [
    "bro",
    "cho",
    "dy",
    "gie",
    "jew",
    "kie",
    "lew",
    "ło",
    "mie",
    "ni",
    "pa",
    "ra",
    "sze",
    "to",
    "wi",
    "ze",
    "łkie",
    "rzy",
    "ści",
    "cza",
    "dzi",
    "ge",
    "ku",
    "le",
    "my",
    "no",
    "po",
    "re",
    "su",
    "wa",
]
ENDINGS_F = ["wska", "ńska", "cka", "k", "wicz", "ska"]
ENDINGS_M = ["wski", "ński", "cki", "k", "wicz", "ski"]
BATCH = 5_000


def pesel_for(birth: date, serial: int, female: bool) -> str:
    """A valid PESEL for the birth date: month +20 in the 2000s, sex in the tenth digit.

    Serials 0 to 4,999 give distinct PESELs for one birth date and sex (three serial digits
    and five sex digits)."""
    month = birth.month + (20 if birth.year >= 2000 else 0)
    sex_digit = (serial % 5) * 2 + (0 if female else 1)
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial // 5 % 1000:03d}{sex_digit}"
    return body + str(stdnum_pesel.calc_check_digit(body))


def _surname(rng: random.Random, female: bool) -> str:
    if rng.random() < 0.1:
        return rng.choice(COMMON_F if female else COMMON_M)
    ending = rng.choice(ENDINGS_F if female else ENDINGS_M)
    return rng.choice(SYLLABLES_1) + rng.choice(SYLLABLES_2) + ending


def _people(count: int, organisation: Organisation, seed: int) -> Iterator[Participant]:
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not secrets
    start = date(1960, 1, 1)
    # A PESEL is unique in an organisation: each birth date and sex counts its own serials
    # (5,000 distinct ones, about 90 times more than a million people spread over 48 years need).
    serials: Counter[tuple[date, bool]] = Counter()
    for _index in range(count):
        female = rng.random() < 0.6
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = _surname(rng, female)
        birth = start + timedelta(days=rng.randrange(0, 365 * 48))
        serial = serials[birth, female]
        serials[birth, female] += 1
        yield Participant(
            organisation=organisation,
            first_name=first,
            last_name=last,
            pesel=pesel_for(birth, serial, female),
            birth_date=birth,
            sex=Sex.WOMAN if female else Sex.MAN,
            labour_status=rng.choice(list(LabourStatus)),
            search_key=search_key(last, first),
        )


def fill_participants(count: int, organisations: list[Organisation], *, seed: int = 2026) -> int:
    """Inserts ``count`` participants spread over the organisations, in batches; returns the count."""
    created = 0
    per_organisation = count // len(organisations)
    for position, organisation in enumerate(organisations):
        share = per_organisation + (count % len(organisations) if position == 0 else 0)
        batch: list[Participant] = []
        for person in _people(share, organisation, seed + position):
            batch.append(person)
            if len(batch) == BATCH:
                created += _insert(batch)
                batch = []
        created += _insert(batch)
    _settle()
    return created


def _settle() -> None:
    """On PostgreSQL, finish a bulk load the way one finishes any: rebuild, then vacuum.

    A million inserts leave the trigram index grown entry by entry, with a list of entries not
    yet merged that every name search reads (a third of its time at 1,000,000 participants); a
    rebuilt index is compact. VACUUM does now what autovacuum would do minutes later, so the
    figures measured right after a fill do not depend on its timing. VACUUM cannot run inside a
    transaction: a fill inside one (a test) leaves both to the database's own maintenance.
    """
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("REINDEX INDEX people_participant_search_key_trgm")
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(Participant._meta.db_table)}")


def _insert(batch: list[Participant]) -> int:
    if not batch:
        return 0
    with transaction.atomic():
        Participant.objects.bulk_create(batch)
    return len(batch)
