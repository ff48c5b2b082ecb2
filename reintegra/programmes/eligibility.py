"""Eligibility and priority rules as data, evaluated over plain facts about one person.

A pure core: no Django import. A rule is a dict with a ``kind`` and its parameters, e.g.
``{"kind": "age_between", "min": 15, "max": 25}``; a priority rule adds ``points``. Facts are a
dict of plain values (see ``FACT_KEYS``). Each result carries a stable ``code`` and ``params``;
the service layer turns them into a translated sentence. A fact that is missing (or refused)
never passes: the result says "no data" rather than guessing.

Rule kinds:

* ``age_between`` (``min``, ``max``): age in whole years on the reference date, inclusive;
* ``sex_in`` (``values``);
* ``labour_status_in`` (``values``);
* ``rural_residence``: the gmina's TERC RODZ digit is 2 or 5 (rural), or DEGURBA is 3;
* ``answer_is`` (``field``, ``value``): a yes/no/refused answer such as ``homeless``;
* ``education_at_most`` (``max``): ISCED level at most ``max``;
* ``registered_at_pup_for_days`` (``min``): registered as unemployed for at least that many days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Rule = Mapping[str, Any]
Facts = Mapping[str, Any]

FACT_KEYS = (
    "birth_date",
    "sex",
    "labour_status",
    "gmina_code",
    "degurba",
    "education",
    "pup_registration_date",
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless",
)
ANSWER_FIELDS = frozenset(
    {"disability", "third_country_national", "foreign_background", "minority", "homeless"}
)
RURAL_RODZ = frozenset({"2", "5"})
NO_DATA = "no_data"


class UnknownRuleError(ValueError):
    pass


@dataclass(frozen=True)
class RuleResult:
    rule: dict[str, Any]
    passed: bool
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def age_on(birth_date: date, on_date: date) -> int:
    """Whole years completed on ``on_date`` (a birthday counts on the day itself)."""
    before_birthday = (on_date.month, on_date.day) < (birth_date.month, birth_date.day)
    return on_date.year - birth_date.year - int(before_birthday)


def is_rural(gmina_code: str | None, degurba: int | None) -> bool | None:
    """True/False when known; None when neither the gmina nor DEGURBA is recorded."""
    if gmina_code and len(gmina_code) == 7:
        return gmina_code[6] in RURAL_RODZ or degurba == 3
    if degurba is not None:
        return degurba == 3
    return None


def _missing(rule: Rule, fact: str) -> RuleResult:
    return RuleResult(dict(rule), False, NO_DATA, {"fact": fact})


def _age_between(rule: Rule, facts: Facts, on_date: date) -> RuleResult:
    birth_date = facts.get("birth_date")
    if birth_date is None:
        return _missing(rule, "birth_date")
    age = age_on(birth_date, on_date)
    passed = int(rule["min"]) <= age <= int(rule["max"])
    return RuleResult(dict(rule), passed, "age", {"age": age, "min": rule["min"], "max": rule["max"]})


def _value_in(fact: str, code: str) -> Callable[[Rule, Facts, date], RuleResult]:
    def check(rule: Rule, facts: Facts, on_date: date) -> RuleResult:
        value = facts.get(fact)
        if not value:
            return _missing(rule, fact)
        return RuleResult(
            dict(rule), value in rule["values"], code, {"value": value, "values": list(rule["values"])}
        )

    return check


def _rural_residence(rule: Rule, facts: Facts, on_date: date) -> RuleResult:
    rural = is_rural(facts.get("gmina_code"), facts.get("degurba"))
    if rural is None:
        return _missing(rule, "gmina_code")
    return RuleResult(dict(rule), rural, "rural", {"gmina_code": facts.get("gmina_code") or ""})


def _answer_is(rule: Rule, facts: Facts, on_date: date) -> RuleResult:
    name = rule["field"]
    if name not in ANSWER_FIELDS:
        raise UnknownRuleError(f"answer_is cannot check {name!r}")
    value = facts.get(name)
    if not value or value == "refused":
        return _missing(rule, name)
    return RuleResult(dict(rule), value == rule["value"], "answer", {"field": name, "value": value})


def _education_at_most(rule: Rule, facts: Facts, on_date: date) -> RuleResult:
    level = facts.get("education")
    if level is None:
        return _missing(rule, "education")
    return RuleResult(
        dict(rule), int(level) <= int(rule["max"]), "education", {"level": level, "max": rule["max"]}
    )


def _registered_at_pup_for_days(rule: Rule, facts: Facts, on_date: date) -> RuleResult:
    since = facts.get("pup_registration_date")
    if since is None:
        return _missing(rule, "pup_registration_date")
    days = (on_date - since).days
    return RuleResult(dict(rule), days >= int(rule["min"]), "pup_days", {"days": days, "min": rule["min"]})


CHECKS: dict[str, Callable[[Rule, Facts, date], RuleResult]] = {
    "age_between": _age_between,
    "sex_in": _value_in("sex", "sex"),
    "labour_status_in": _value_in("labour_status", "labour_status"),
    "rural_residence": _rural_residence,
    "answer_is": _answer_is,
    "education_at_most": _education_at_most,
    "registered_at_pup_for_days": _registered_at_pup_for_days,
}


def evaluate_rule(rule: Rule, facts: Facts, on_date: date) -> RuleResult:
    try:
        check = CHECKS[rule["kind"]]
    except KeyError:
        raise UnknownRuleError(f"Unknown rule kind {rule.get('kind')!r}") from None
    return check(rule, facts, on_date)


def evaluate(rules: Iterable[Rule], facts: Facts, on_date: date) -> list[RuleResult]:
    """One result per rule, in the rules' order."""
    return [evaluate_rule(rule, facts, on_date) for rule in rules]


def is_eligible(results: Iterable[RuleResult]) -> bool:
    """Every rule must pass; an empty rule set admits everyone."""
    return all(result.passed for result in results)


def priority_points(rules: Iterable[Rule], facts: Facts, on_date: date) -> int:
    """The sum of the points of the priority rules the person meets (1 point when not given)."""
    return sum(int(rule.get("points", 1)) for rule in rules if evaluate_rule(rule, facts, on_date).passed)


@dataclass(frozen=True)
class PreviewCounts:
    admitted_now: int
    admitted_after: int
    newly_admitted: int
    newly_excluded: int


def preview(
    current: Iterable[Rule], proposed: Iterable[Rule], people: Iterable[Facts], on_date: date
) -> PreviewCounts:
    """How a change of rules would change who among ``people`` is eligible."""
    current, proposed = list(current), list(proposed)
    now = after = gained = lost = 0
    for facts in people:
        before_ok = is_eligible(evaluate(current, facts, on_date))
        after_ok = is_eligible(evaluate(proposed, facts, on_date))
        now += before_ok
        after += after_ok
        gained += after_ok and not before_ok
        lost += before_ok and not after_ok
    return PreviewCounts(now, after, gained, lost)
