"""Individual plan types as data (``data/plan_types.json``): their own fields and signatories.

Who drafts, who signs and how often a plan is reviewed differ between the IPD, the IPZS, the
IPU, the IPWzB and the rest; several of these facts are not yet confirmed in the law (marked
``unverified`` in the file), so they live in data that can be corrected without a code change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

DATA = Path(__file__).parent / "data" / "plan_types.json"
FIELD_KINDS = ("text", "date", "choice")
MAX_TEXT = 5000


@dataclass(frozen=True)
class ExtraField:
    key: str
    label: str
    kind: str
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Signatory:
    role: str
    label: str


@dataclass(frozen=True)
class PlanType:
    code: str
    name: str
    legal_basis: str
    drafted_by: str
    applies_to: str  # "person" or "group"
    review_interval_days: int
    fields: tuple[ExtraField, ...]
    signatories: tuple[Signatory, ...]
    unverified: tuple[str, ...]

    @property
    def signatory_roles(self) -> tuple[str, ...]:
        return tuple(signatory.role for signatory in self.signatories)

    def signatory_label(self, role: str) -> str:
        return next((s.label for s in self.signatories if s.role == role), role)

    def field_values(self, extra: dict[str, Any]) -> list[tuple[ExtraField, str]]:
        """Each field with its value as shown (a choice's label, a date as written)."""
        shown = []
        for extra_field in self.fields:
            value = extra.get(extra_field.key, "")
            if extra_field.kind == "choice":
                value = dict(extra_field.choices).get(value, value)
            shown.append((extra_field, value))
        return shown


def _parse(entry: dict[str, Any]) -> PlanType:
    return PlanType(
        code=entry["code"],
        name=entry["name"],
        legal_basis=entry.get("legal_basis", ""),
        drafted_by=entry.get("drafted_by", ""),
        applies_to=entry.get("applies_to", "person"),
        review_interval_days=int(entry["review_interval_days"]),
        fields=tuple(
            ExtraField(
                key=item["key"],
                label=item["label"],
                kind=item["kind"],
                choices=tuple((value, label) for value, label in item.get("choices", [])),
            )
            for item in entry.get("fields", [])
        ),
        signatories=tuple(Signatory(role=item["role"], label=item["label"]) for item in entry["signatories"]),
        unverified=tuple(entry.get("unverified", [])),
    )


@cache
def plan_types() -> dict[str, PlanType]:
    with DATA.open(encoding="utf-8") as file:
        return {entry["code"]: _parse(entry) for entry in json.load(file)["types"]}


def plan_type(code: str) -> PlanType:
    """The type of that code; ``KeyError`` for an unknown one."""
    return plan_types()[code]


def choices(applies_to: str = "person") -> list[tuple[str, str]]:
    return [(t.code, t.name) for t in plan_types().values() if t.applies_to == applies_to]


def extra_problems(plan_type: PlanType, values: Any) -> dict[str, str]:
    """What is wrong with a plan's own field values, by field key (empty: all fine)."""
    if not isinstance(values, dict):
        return {"": _("The plan's own fields must be a mapping of field to value.")}
    known = {extra_field.key: extra_field for extra_field in plan_type.fields}
    problems = {
        key: _("This plan type has no field “%(key)s”.") % {"key": key} for key in values if key not in known
    }
    for key, value in values.items():
        if key in known and (problem := _value_problem(known[key], value)):
            problems[key] = problem
    return problems


def _value_problem(extra_field: ExtraField, value: Any) -> str:
    if not isinstance(value, str):
        return _("%(label)s: the value must be text.") % {"label": extra_field.label}
    if value == "":
        return ""
    if extra_field.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return _("%(label)s: enter a date as YYYY-MM-DD.") % {"label": extra_field.label}
    if extra_field.kind == "choice" and value not in dict(extra_field.choices):
        return _("%(label)s: choose one of the listed options.") % {"label": extra_field.label}
    if len(value) > MAX_TEXT:
        return _("%(label)s: at most %(max)s characters.") % {"label": extra_field.label, "max": MAX_TEXT}
    return ""
