"""The plan types shipped as data: the codes the programme models use, each with its signatories."""

from __future__ import annotations

import json
from pathlib import Path

from reintegra.plans.plan_types import FIELD_KINDS, extra_problems, plan_type, plan_types

TEMPLATES = Path(__file__).parents[2] / "reintegra" / "programmes" / "data" / "templates.json"


def test_every_plan_type_a_programme_model_names_is_shipped() -> None:
    named = {
        plan["code"]
        for template in json.loads(TEMPLATES.read_text(encoding="utf-8"))
        for plan in template["definition"]["plan_types"]
    }

    assert named | {"ipu", "generic"} <= set(plan_types())


def test_each_type_has_signatories_a_review_interval_and_well_formed_fields() -> None:
    for code, kind in plan_types().items():
        assert kind.signatories, code
        assert len(set(kind.signatory_roles)) == len(kind.signatories), code
        assert kind.review_interval_days > 0, code
        assert all(field.kind in FIELD_KINDS for field in kind.fields), code
        assert all(field.choices for field in kind.fields if field.kind == "choice"), code


def test_an_ipu_is_signed_by_the_young_person_the_guardian_and_the_pcpr_director() -> None:
    assert plan_type("ipu").signatory_roles == ("participant", "independence_guardian", "pcpr_director")
    assert "cis_director" in plan_type("ipzs").signatory_roles


def test_field_values_of_the_wrong_kind_are_refused_naming_the_field() -> None:
    ipzs = plan_type("ipzs")

    problems = extra_problems(ipzs, {"referred_on": "31.02.2026", "unknown": "x", "workshop": 5})

    assert set(problems) == {"referred_on", "unknown", "workshop"}
    assert "Data skierowania" in problems["referred_on"]
    assert extra_problems(ipzs, {"referred_on": "2026-02-03", "workshop": "Gastronomia"}) == {}
    assert "health_insurance_needed" in extra_problems(
        plan_type("ipwzb"), {"health_insurance_needed": "maybe"}
    )
