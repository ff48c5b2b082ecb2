"""The pure eligibility core: rules as data, a reason per rule, "no data" never passes."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from reintegra.programmes import eligibility as e

ON = date(2026, 6, 15)
dates = st.dates(min_value=date(1920, 1, 1), max_value=date(2026, 6, 15))


def test_age_between_counts_whole_years_and_admits_on_the_birthday() -> None:
    rule = {"kind": "age_between", "min": 15, "max": 25}

    [on_birthday] = e.evaluate([rule], {"birth_date": date(2011, 6, 15)}, ON)
    [day_before] = e.evaluate([rule], {"birth_date": date(2011, 6, 16)}, ON)

    assert (on_birthday.passed, on_birthday.params["age"]) == (True, 15)
    assert (day_before.passed, day_before.params["age"]) == (False, 14)


@given(birth_date=dates, low=st.integers(0, 100), span=st.integers(0, 30))
def test_age_between_passes_exactly_when_the_age_is_in_range(birth_date: date, low: int, span: int) -> None:
    rule = {"kind": "age_between", "min": low, "max": low + span}

    [result] = e.evaluate([rule], {"birth_date": birth_date}, ON)

    assert result.passed == (low <= e.age_on(birth_date, ON) <= low + span)
    assert result.code == "age"


@given(birth_date=dates, on_date=dates)
def test_age_never_decreases_with_time(birth_date: date, on_date: date) -> None:
    if on_date >= birth_date:
        assert e.age_on(birth_date, on_date + timedelta(days=1)) >= e.age_on(birth_date, on_date) >= 0


@given(
    rules=st.lists(
        st.sampled_from(
            [
                {"kind": "age_between", "min": 15, "max": 25},
                {"kind": "sex_in", "values": ["woman"]},
                {"kind": "labour_status_in", "values": ["unemployed"]},
                {"kind": "rural_residence"},
                {"kind": "answer_is", "field": "homeless", "value": "yes"},
                {"kind": "education_at_most", "max": 2},
                {"kind": "registered_at_pup_for_days", "min": 365},
            ]
        ),
        max_size=7,
    )
)
def test_a_rule_whose_fact_is_missing_does_not_pass_and_says_no_data(rules: list[dict[str, object]]) -> None:
    results = e.evaluate(rules, {}, ON)

    assert len(results) == len(rules)
    assert all(not r.passed and r.code == e.NO_DATA for r in results)
    assert e.is_eligible(results) == (rules == [])


def test_a_refused_answer_is_no_data() -> None:
    [result] = e.evaluate(
        [{"kind": "answer_is", "field": "homeless", "value": "yes"}], {"homeless": "refused"}, ON
    )

    assert (result.passed, result.code) == (False, e.NO_DATA)


@given(
    code=st.from_regex(r"\A\d{6}[1-9]\Z"),
    degurba=st.sampled_from([None, 1, 2, 3]),
)
def test_rural_residence_follows_the_terc_type_or_degurba(code: str, degurba: int | None) -> None:
    [result] = e.evaluate([{"kind": "rural_residence"}], {"gmina_code": code, "degurba": degurba}, ON)

    assert result.passed == (code[6] in {"2", "5"} or degurba == 3)


def test_rural_residence_without_a_gmina_uses_degurba() -> None:
    facts = {"gmina_code": None, "degurba": 3}

    assert e.evaluate([{"kind": "rural_residence"}], facts, ON)[0].passed


def test_registered_at_pup_for_days_counts_from_the_registration() -> None:
    rule = {"kind": "registered_at_pup_for_days", "min": 365}

    assert e.evaluate([rule], {"pup_registration_date": ON - timedelta(days=365)}, ON)[0].passed
    assert not e.evaluate([rule], {"pup_registration_date": ON - timedelta(days=364)}, ON)[0].passed


def test_priority_points_add_up_the_rules_met() -> None:
    rules = [
        {"kind": "sex_in", "values": ["woman"], "points": 2},
        {"kind": "education_at_most", "max": 2},
        {"kind": "rural_residence", "points": 5},
    ]

    assert e.priority_points(rules, {"sex": "woman", "education": 1, "degurba": 1}, ON) == 3


@given(ages=st.lists(st.integers(10, 70), max_size=30), low=st.integers(10, 40), high=st.integers(20, 70))
def test_the_preview_balances_admitted_and_excluded(ages: list[int], low: int, high: int) -> None:
    people = [{"birth_date": date(ON.year - age, 1, 1)} for age in ages]
    current = [{"kind": "age_between", "min": 15, "max": 25}]
    proposed = [{"kind": "age_between", "min": low, "max": high}]

    counts = e.preview(current, proposed, people, ON)

    assert counts.admitted_after - counts.admitted_now == counts.newly_admitted - counts.newly_excluded
    assert counts.admitted_now == sum(15 <= age <= 25 for age in ages)


def test_an_unknown_rule_kind_is_refused() -> None:
    try:
        e.evaluate([{"kind": "astrology"}], {}, ON)
    except e.UnknownRuleError:
        return
    raise AssertionError("an unknown rule kind was accepted")
