"""The EFS+ common indicators for participants as data, counted over plain facts (a pure core).

``docs/indicators.md`` defines every indicator in one paragraph; this module follows it exactly.
One ``Fact`` is one enrolment: a person's characteristics at entry (from the entry snapshot,
never the live record), the situation on leaving (the exit record) and the 6-month follow-up.
A person in two programmes is two facts and counts in each.

* Output indicators (``EECO``) count facts by their **entry date**.
* Result indicators (``EECR``) count facts by their **exit date** (the exit record's); the
  6-month ones also need the 6-month follow-up recorded.
* A fact counts in no indicator at all while an entry characteristic is missing
  (``ENTRY_REQUIRED``; "refused" is an answer). ``missing()`` says what is missing.
* A fact with several characteristics counts in each of their indicators.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from reintegra.outcomes.tables import MEN, NON_BINARY, WOMEN, Period


class Kind(StrEnum):
    OUTPUT = "output"
    RESULT = "result"


# The person's recorded sex → the column of the breakdown (Reg. 2021/1057, Annex I).
COLUMN_OF_SEX = {"woman": WOMEN, "man": MEN, "non_binary": NON_BINARY}
GENDER_COLUMNS = (WOMEN, MEN, NON_BINARY)
LABOUR_STATUSES = frozenset({"unemployed", "long_term_unemployed", "inactive", "employed"})
ANSWERS = frozenset({"yes", "no", "refused"})
ANSWER_FIELDS = ("disability", "third_country_national", "foreign_background", "minority", "homeless")
FOLLOW_UP_RECORDED = "done"
FOLLOW_UP_DUE = "due"

# What a fact must have for the person to count at all, in the order the completeness page lists it.
ENTRY_REQUIRED = (
    "entry_date",
    "sex",
    "age_at_entry",
    "education",
    "labour_status",
    *ANSWER_FIELDS,
    "residence",
)
# Missing later: the situation on leaving of a person who left, the 6-month follow-up once due.
EXIT_SITUATION = "exit_situation"
FOLLOW_UP_6 = "follow_up_6"


@dataclass(frozen=True)
class Exit:
    """The exit record: the situation on leaving (several may be true at once)."""

    left_on: date
    job_seeking: bool = False
    in_education: bool = False
    qualification_gained: bool = False
    employed: bool = False


@dataclass(frozen=True)
class SixMonths:
    """The 6-month follow-up: ``status`` is due, done (recorded) or unreachable."""

    status: str
    employed: bool = False
    improvement: str = ""


@dataclass(frozen=True)
class Fact:
    """One enrolment, as the indicators see it."""

    enrolment_id: int
    programme_id: int
    entered_on: date | None
    sex: str = ""
    age_at_entry: int | None = None
    education: int | None = None
    labour_status: str = ""
    pup_registration_date: date | None = None
    disability: str = ""
    third_country_national: str = ""
    foreign_background: str = ""
    minority: str = ""
    homeless: str = ""
    rural: bool | None = None
    # The enrolment's own leaving date: set once the person left, with or without an exit record.
    left_on: date | None = None
    exit: Exit | None = None
    six_months: SixMonths | None = None

    @classmethod
    def from_snapshot(
        cls,
        *,
        enrolment_id: int,
        programme_id: int,
        entered_on: date | None,
        data: Mapping[str, Any],
        left_on: date | None = None,
        exit: Exit | None = None,
        six_months: SixMonths | None = None,
    ) -> Fact:
        """A fact from the entry snapshot's JSON; a key an older snapshot lacks is missing."""
        registered = data.get("pup_registration_date")
        return cls(
            enrolment_id=enrolment_id,
            programme_id=programme_id,
            entered_on=entered_on,
            sex=data.get("sex") or "",
            age_at_entry=data.get("age_at_entry"),
            education=data.get("education"),
            labour_status=data.get("labour_status") or "",
            pup_registration_date=date.fromisoformat(registered) if registered else None,
            disability=data.get("disability") or "",
            third_country_national=data.get("third_country_national") or "",
            foreign_background=data.get("foreign_background") or "",
            minority=data.get("minority") or "",
            homeless=data.get("homeless") or "",
            rural=data.get("rural"),
            left_on=left_on,
            exit=exit,
            six_months=six_months,
        )


# --- Dates -------------------------------------------------------------------------------------


def months_later(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of that month when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_term_unemployed(fact: Fact) -> bool:
    """Recorded as long-term unemployed, or unemployed and registered at the PUP for more than
    12 months before the entry (more than 6 months when under 25 at entry)."""
    if fact.labour_status == "long_term_unemployed":
        return True
    if fact.labour_status != "unemployed" or fact.pup_registration_date is None or fact.entered_on is None:
        return False
    months = 6 if fact.age_at_entry is not None and fact.age_at_entry < 25 else 12
    return months_later(fact.pup_registration_date, months) < fact.entered_on


# --- Completeness ------------------------------------------------------------------------------


def _entry_missing(fact: Fact) -> list[str]:
    present = {
        "entry_date": fact.entered_on is not None,
        "sex": fact.sex in COLUMN_OF_SEX,
        "age_at_entry": fact.age_at_entry is not None,
        "education": fact.education is not None and 0 <= fact.education <= 8,
        "labour_status": fact.labour_status in LABOUR_STATUSES,
        **{name: getattr(fact, name) in ANSWERS for name in ANSWER_FIELDS},
        "residence": fact.rural is not None,
    }
    return [name for name in ENTRY_REQUIRED if not present[name]]


def is_counted(fact: Fact) -> bool:
    """True when every entry characteristic is recorded: only then does the person count."""
    return not _entry_missing(fact)


def missing(fact: Fact, on: date | None = None) -> list[str]:
    """What is missing for the fact to count fully, as keys: the entry characteristics of
    ``ENTRY_REQUIRED``, then ``exit_situation`` (left without an exit record) and ``follow_up_6``
    (on ``on``, 6 months after the exit have passed and the follow-up is neither recorded nor
    marked unreachable)."""
    found = _entry_missing(fact)
    if fact.exit is None and fact.left_on is not None:
        found.append(EXIT_SITUATION)
    if (
        fact.exit is not None
        and on is not None
        and months_later(fact.exit.left_on, 6) <= on
        and (fact.six_months is None or fact.six_months.status == FOLLOW_UP_DUE)
    ):
        found.append(FOLLOW_UP_6)
    return found


# --- The indicators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    code: str
    name_pl: str
    name_en: str
    kind: Kind
    rule: Callable[[Fact], bool]
    # A longer-term result: counted only with the 6-month follow-up recorded.
    after_six_months: bool = False

    def date_of(self, fact: Fact) -> date | None:
        """The day that puts the fact in a period: the entry for outputs, the exit for results."""
        if self.kind == Kind.OUTPUT:
            return fact.entered_on
        return fact.exit.left_on if fact.exit is not None else None

    def name(self, language: str) -> str:
        return self.name_pl if language.startswith("pl") else self.name_en


def _age(low: int, high: int | None = None) -> Callable[[Fact], bool]:
    def rule(fact: Fact) -> bool:
        age = fact.age_at_entry
        return age is not None and low <= age and (high is None or age <= high)

    return rule


def _education(low: int, high: int) -> Callable[[Fact], bool]:
    return lambda fact: fact.education is not None and low <= fact.education <= high


def _yes(field: str) -> Callable[[Fact], bool]:
    return lambda fact: getattr(fact, field) == "yes"


def _recorded_six_months(fact: Fact) -> SixMonths | None:
    return fact.six_months if fact.six_months and fact.six_months.status == FOLLOW_UP_RECORDED else None


def _employed_six_months(fact: Fact) -> bool:
    six = _recorded_six_months(fact)
    return six is not None and six.employed


def _improved_six_months(fact: Fact) -> bool:
    six = _recorded_six_months(fact)
    return six is not None and fact.labour_status == "employed" and bool(six.improvement)


def _on_leaving(flag: str) -> Callable[[Fact], bool]:
    return lambda fact: fact.exit is not None and bool(getattr(fact.exit, flag))


_PARTICIPANTS = "objętych wsparciem w programie"

OUTPUTS = (
    Indicator(
        "EECO01",
        f"Całkowita liczba osób {_PARTICIPANTS}",
        "Total number of participants",
        Kind.OUTPUT,
        lambda fact: True,
    ),
    Indicator(
        "EECO02",
        f"Liczba osób bezrobotnych, w tym długotrwale bezrobotnych, {_PARTICIPANTS}",
        "Unemployed, including long-term unemployed",
        Kind.OUTPUT,
        lambda fact: fact.labour_status in {"unemployed", "long_term_unemployed"},
    ),
    Indicator(
        "EECO03",
        f"Liczba osób długotrwale bezrobotnych {_PARTICIPANTS}",
        "Long-term unemployed",
        Kind.OUTPUT,
        long_term_unemployed,
    ),
    Indicator(
        "EECO04",
        f"Liczba osób biernych zawodowo {_PARTICIPANTS}",
        "Inactive",
        Kind.OUTPUT,
        lambda fact: fact.labour_status == "inactive",
    ),
    Indicator(
        "EECO05",
        f"Liczba osób pracujących, łącznie z prowadzącymi działalność na własny rachunek, {_PARTICIPANTS}",
        "Employed, including self-employed",
        Kind.OUTPUT,
        lambda fact: fact.labour_status == "employed",
    ),
    Indicator(
        "EECO06",
        f"Liczba dzieci poniżej 18 lat {_PARTICIPANTS}",
        "Children below 18 years of age",
        Kind.OUTPUT,
        _age(0, 17),
    ),
    Indicator(
        "EECO07",
        f"Liczba osób w wieku 18–29 lat {_PARTICIPANTS}",
        "Young people aged 18–29",
        Kind.OUTPUT,
        _age(18, 29),
    ),
    Indicator(
        "EECO08",
        f"Liczba osób w wieku 55 lat i więcej {_PARTICIPANTS}",
        "Participants aged 55 and over",
        Kind.OUTPUT,
        _age(55),
    ),
    Indicator(
        "EECO09",
        f"Liczba osób z wykształceniem na poziomie ISCED 0–2 {_PARTICIPANTS}",
        "With lower secondary education or less (ISCED 0–2)",
        Kind.OUTPUT,
        _education(0, 2),
    ),
    Indicator(
        "EECO10",
        f"Liczba osób z wykształceniem na poziomie ISCED 3–4 {_PARTICIPANTS}",
        "With upper secondary or post-secondary education (ISCED 3–4)",
        Kind.OUTPUT,
        _education(3, 4),
    ),
    Indicator(
        "EECO11",
        f"Liczba osób z wykształceniem na poziomie ISCED 5–8 {_PARTICIPANTS}",
        "With tertiary education (ISCED 5–8)",
        Kind.OUTPUT,
        _education(5, 8),
    ),
    Indicator(
        "EECO12",
        f"Liczba osób z niepełnosprawnościami {_PARTICIPANTS}",
        "Participants with disabilities",
        Kind.OUTPUT,
        _yes("disability"),
    ),
    Indicator(
        "EECO13",
        f"Liczba obywateli państw trzecich {_PARTICIPANTS}",
        "Third-country nationals",
        Kind.OUTPUT,
        _yes("third_country_national"),
    ),
    Indicator(
        "EECO14",
        f"Liczba osób obcego pochodzenia {_PARTICIPANTS}",
        "Participants with a foreign background",
        Kind.OUTPUT,
        _yes("foreign_background"),
    ),
    Indicator(
        "EECO15",
        f"Liczba osób należących do mniejszości, w tym społeczności marginalizowanych, {_PARTICIPANTS}",
        "Minorities (including marginalised communities such as the Roma)",
        Kind.OUTPUT,
        _yes("minority"),
    ),
    Indicator(
        "EECO16",
        "Liczba osób w kryzysie bezdomności lub dotkniętych wykluczeniem z dostępu do mieszkań "
        f"{_PARTICIPANTS}",
        "Homeless or affected by housing exclusion",
        Kind.OUTPUT,
        _yes("homeless"),
    ),
    Indicator(
        "EECO17",
        f"Liczba osób z obszarów wiejskich {_PARTICIPANTS}",
        "Participants from rural areas",
        Kind.OUTPUT,
        lambda fact: fact.rural is True,
    ),
)

RESULTS = (
    Indicator(
        "EECR01",
        "Liczba osób poszukujących pracy po opuszczeniu programu",
        "Participants engaged in job searching upon leaving",
        Kind.RESULT,
        _on_leaving("job_seeking"),
    ),
    Indicator(
        "EECR02",
        "Liczba osób kształcących się lub szkolących po opuszczeniu programu",
        "Participants in education or training upon leaving",
        Kind.RESULT,
        _on_leaving("in_education"),
    ),
    Indicator(
        "EECR03",
        "Liczba osób, które uzyskały kwalifikacje po opuszczeniu programu",
        "Participants gaining a qualification upon leaving",
        Kind.RESULT,
        _on_leaving("qualification_gained"),
    ),
    Indicator(
        "EECR04",
        "Liczba osób pracujących, łącznie z prowadzącymi działalność na własny rachunek, "
        "po opuszczeniu programu",
        "Participants in employment, including self-employment, upon leaving",
        Kind.RESULT,
        _on_leaving("employed"),
    ),
    Indicator(
        "EECR05",
        "Liczba osób pracujących, łącznie z prowadzącymi działalność na własny rachunek, "
        "sześć miesięcy po opuszczeniu programu",
        "Participants in employment, including self-employment, six months after leaving",
        Kind.RESULT,
        _employed_six_months,
        after_six_months=True,
    ),
    Indicator(
        "EECR06",
        "Liczba osób znajdujących się w lepszej sytuacji na rynku pracy "
        "sześć miesięcy po opuszczeniu programu",
        "Participants with an improved labour market situation six months after leaving",
        Kind.RESULT,
        _improved_six_months,
        after_six_months=True,
    ),
)

INDICATORS = OUTPUTS + RESULTS
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}

# Sums that hold exactly under the completeness rule (every counted fact has one recorded
# education level and one labour-market status): the total is the sum of the parts, column by column.
PARTITIONS_OF_TOTAL = (("EECO09", "EECO10", "EECO11"), ("EECO02", "EECO04", "EECO05"))

Counts = dict[str, dict[str, int]]


def zero_counts(indicators: Iterable[Indicator] = INDICATORS) -> Counts:
    return {indicator.code: dict.fromkeys(GENDER_COLUMNS, 0) for indicator in indicators}


def count(facts: Iterable[Fact], period: Period | None = None) -> Counts:
    """{code: {women, men, non_binary}}: every fact that counts, in every indicator whose rule it
    meets and whose date (``Indicator.date_of``) falls in the period (any date when None)."""

    def within(day: date) -> bool | None:
        return True if period is None or period.start <= day <= period.end else None

    return count_by(facts, within).get(True) or zero_counts()


def count_by_month(facts: Iterable[Fact]) -> dict[date, Counts]:
    """``count`` for every month at once: {first day of the month: counts of that month}."""
    return count_by(facts, lambda day: day.replace(day=1))


def count_by[K](facts: Iterable[Fact], key: Callable[[date], K | None]) -> dict[K, Counts]:
    """The counts grouped by ``key`` of each indicator's date (None leaves the fact out of it)."""
    grouped: dict[K, Counts] = {}
    for fact in facts:
        if not is_counted(fact):
            continue
        column = COLUMN_OF_SEX[fact.sex]
        for indicator in INDICATORS:
            day = indicator.date_of(fact)
            group = None if day is None else key(day)
            if group is not None and indicator.rule(fact):
                counts = grouped.get(group)
                if counts is None:
                    counts = grouped[group] = zero_counts()
                counts[indicator.code][column] += 1
    return grouped


def add(into: Counts, more: Mapping[str, Mapping[str, int]]) -> Counts:
    """Adds ``more`` into ``into`` (the counts of two periods or programmes), returning ``into``."""
    for code, cells in more.items():
        target = into.setdefault(code, dict.fromkeys(GENDER_COLUMNS, 0))
        for column, value in cells.items():
            target[column] += value
    return into
