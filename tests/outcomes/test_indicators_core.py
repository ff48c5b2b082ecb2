"""The pure indicator core: dates, completeness, several characteristics, sums that hold."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reintegra.outcomes import indicators as i
from reintegra.outcomes.tables import Period

ENTRY = {
    "sex": "woman",
    "age_at_entry": 40,
    "education": 3,
    "labour_status": "inactive",
    "disability": "no",
    "third_country_national": "no",
    "foreign_background": "no",
    "minority": "no",
    "homeless": "no",
    "rural": False,
}


def fact(n: int = 1, entered_on: date = date(2026, 3, 10), **changes: object) -> i.Fact:
    data = {**ENTRY, **{k: v for k, v in changes.items() if k in ENTRY or k == "pup_registration_date"}}
    rest = {k: v for k, v in changes.items() if k not in data}
    return i.Fact.from_snapshot(enrolment_id=n, programme_id=1, entered_on=entered_on, data=data, **rest)


def test_a_refused_answer_is_an_answer_but_an_empty_one_is_missing() -> None:
    assert i.missing(fact(disability="refused", homeless="refused")) == []
    assert i.missing(fact(disability="", education=None, rural=None)) == [
        "education",
        "disability",
        "residence",
    ]


def test_a_person_with_missing_data_counts_in_no_indicator() -> None:
    counts = i.count([fact(education=None, exit=i.Exit(date(2026, 4, 1), employed=True))])

    assert all(sum(cells.values()) == 0 for cells in counts.values())


def test_a_person_with_several_characteristics_counts_in_each() -> None:
    counts = i.count([fact(age_at_entry=19, disability="yes", homeless="yes", rural=True, sex="man")])

    for code in ("EECO01", "EECO04", "EECO07", "EECO10", "EECO12", "EECO16", "EECO17"):
        assert counts[code] == {"women": 0, "men": 1, "non_binary": 0}, code
    assert counts["EECO13"]["men"] == 0


def test_outputs_count_by_entry_and_results_by_exit() -> None:
    left = fact(entered_on=date(2026, 1, 20), exit=i.Exit(date(2026, 3, 5), employed=True))

    march = i.count([left], Period(date(2026, 3, 1), date(2026, 3, 31)))
    january = i.count([left], Period(date(2026, 1, 1), date(2026, 1, 31)))

    assert (march["EECO01"]["women"], march["EECR04"]["women"]) == (0, 1)
    assert (january["EECO01"]["women"], january["EECR04"]["women"]) == (1, 0)


def test_six_month_results_need_the_follow_up_recorded() -> None:
    exit = i.Exit(date(2026, 1, 5))
    done = i.SixMonths("done", employed=True, improvement="promotion")
    due = i.SixMonths("due", employed=True, improvement="promotion")

    employed_at_entry = i.count([fact(labour_status="employed", exit=exit, six_months=done)])
    not_recorded = i.count([fact(labour_status="employed", exit=exit, six_months=due)])
    inactive_at_entry = i.count([fact(exit=exit, six_months=done)])

    assert (employed_at_entry["EECR05"]["women"], employed_at_entry["EECR06"]["women"]) == (1, 1)
    assert (not_recorded["EECR05"]["women"], not_recorded["EECR06"]["women"]) == (0, 0)
    assert (inactive_at_entry["EECR05"]["women"], inactive_at_entry["EECR06"]["women"]) == (1, 0)


def test_unemployed_registered_over_a_year_is_long_term_and_six_months_under_25() -> None:
    def ltu(age: int, registered: date) -> bool:
        return i.long_term_unemployed(
            fact(labour_status="unemployed", age_at_entry=age, pup_registration_date=registered.isoformat())
        )

    assert ltu(40, date(2025, 3, 9))
    assert not ltu(40, date(2025, 3, 10))
    assert ltu(22, date(2025, 9, 9))
    assert not ltu(22, date(2025, 9, 10))
    assert i.long_term_unemployed(fact(labour_status="long_term_unemployed"))


def test_missing_lists_the_exit_situation_and_the_follow_up_once_due() -> None:
    left_without_record = fact(left_on=date(2026, 4, 1))
    exited = fact(exit=i.Exit(date(2026, 1, 31)))

    assert i.missing(left_without_record) == ["exit_situation"]
    assert i.missing(exited, on=date(2026, 7, 31)) == ["follow_up_6"]
    assert i.missing(exited, on=date(2026, 7, 30)) == []
    assert (
        i.missing(
            fact(exit=i.Exit(date(2026, 1, 31)), six_months=i.SixMonths("unreachable")), on=date(2027, 1, 1)
        )
        == []
    )


def test_months_later_keeps_the_day_or_the_end_of_a_shorter_month() -> None:
    assert i.months_later(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert i.months_later(date(2025, 12, 15), 1) == date(2026, 1, 15)


facts = st.builds(
    lambda n, sex, education, status, age: fact(
        n, sex=sex, education=education, labour_status=status, age_at_entry=age
    ),
    st.integers(1, 10**6),
    st.sampled_from(["woman", "man", "non_binary"]),
    st.integers(0, 8),
    st.sampled_from(sorted(i.LABOUR_STATUSES)),
    st.integers(15, 80),
)


@given(st.lists(facts, max_size=30))
def test_education_and_labour_status_partition_the_total(people: list[i.Fact]) -> None:
    counts = i.count(people)

    for parts in i.PARTITIONS_OF_TOTAL:
        for column in i.GENDER_COLUMNS:
            assert sum(counts[code][column] for code in parts) == counts["EECO01"][column]


DOCS = Path(__file__).parents[2] / "docs"


@pytest.mark.parametrize("name", ["indicators.md", "indicators.pl.md"])
def test_the_doc_defines_every_indicator_under_its_code_and_both_names(name: str) -> None:
    doc = " ".join((DOCS / name).read_text(encoding="utf-8").split())

    for indicator in i.INDICATORS:
        assert f"**{indicator.code}** — *{indicator.name_pl}* / *{indicator.name_en}*." in doc, indicator.code


def _defined_codes(name: str) -> list[str]:
    text = (DOCS / name).read_text(encoding="utf-8")
    return re.findall(r"^\*\*([A-Z]{2,}[A-Z0-9]*\d)\*\* — ", text, re.MULTILINE)


def _headings(name: str) -> list[str]:
    return [
        line.split(" ")[0]
        for line in (DOCS / name).read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    ]


def test_the_polish_doc_defines_the_same_indicators_in_the_same_order_under_the_same_headings() -> None:
    assert (
        _defined_codes("indicators.pl.md")
        == _defined_codes("indicators.md")
        == [x.code for x in i.INDICATORS]
    )
    assert _headings("indicators.pl.md") == _headings("indicators.md")


days = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))
dated_facts = st.builds(
    lambda n, entered, exit, employed: fact(
        n, entered_on=entered, exit=i.Exit(max(entered, exit), employed=employed)
    ),
    st.integers(1, 10**6),
    days,
    days,
    st.booleans(),
)


@given(st.lists(dated_facts, max_size=20), st.integers(1, 12), st.integers(0, 11))
def test_a_period_of_whole_months_is_the_sum_of_its_months(
    people: list[i.Fact], first: int, more: int
) -> None:
    start = date(2026, first, 1)
    end = i.months_later(start, more + 1) - timedelta(days=1)
    by_month = i.count_by_month(people)

    summed = i.zero_counts()
    for month, counts in by_month.items():
        if start <= month <= end:
            i.add(summed, counts)

    assert summed == i.count(people, Period(start, end))
