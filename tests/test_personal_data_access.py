"""The one way to personal data (Zulip's lint tests, docs/architecture.md): views, API operations
and template helpers read people's data only through selectors, which log the reads themselves.

The check reads the source: in every ``views.py`` (or ``views/`` package), ``api.py`` and
``templatetags/`` module it reports, by file and line, a ``.objects`` of a model that holds
personal data, and any call that logs reads by hand (``log_reads``, ``reads_together``,
``log_export``, auditlog's ``accessed.send``). A model holds personal data when it is the
participant or points at a model that does (a meeting, its next steps, a plan's actions…), so a
new app's models are covered as soon as they point at a person.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import Model

from reintegra.people.models import Participant

ROOT = Path(__file__).resolve().parent.parent
LOGGING_BY_HAND = frozenset({"log_reads", "reads_together", "log_export"})


def personal_data_models() -> set[str]:
    """The participant and every model that points at one that holds personal data, by name."""
    personal: set[type[Model]] = {Participant}
    grown = True
    while grown:
        grown = False
        for model in apps.get_models():
            if model in personal:
                continue
            targets = {
                field.related_model
                for field in model._meta.get_fields()
                if (field.many_to_one or field.one_to_one) and field.concrete
            }
            if targets & personal:
                personal.add(model)
                grown = True
    return {model.__name__ for model in personal}


def entry_modules(root: Path) -> Iterator[Path]:
    """Where requests are answered: views, API operations and template helpers."""
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if "migrations" in parts:
            continue
        if path.name in {"views.py", "api.py"} or "views" in parts[:-1] or "templatetags" in parts[:-1]:
            yield path


def problems(paths: Iterable[Path], models: set[str]) -> list[str]:
    """Each way around the selectors, as ``file:line: what``."""
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            what = _bypass(node, models)
            if what:
                found.append(
                    f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{node.lineno}: {what}"
                )
    return found


def _bypass(node: ast.AST, models: set[str]) -> str | None:
    if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager", "_base_manager"}:
        name = _name(node.value)
        if name in models:
            return f"{name}.{node.attr} read outside a selector"
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in LOGGING_BY_HAND:
            return f"{name}() in a view: the selector logs its reads"
        if (
            isinstance(node.func, ast.Attribute)
            and node.func.attr == "send"
            and _name(node.func.value) == "accessed"
        ):
            return "accessed.send() in a view: the selector logs its reads"
    if (
        isinstance(node, ast.ImportFrom)
        and node.module == "auditlog.signals"
        and any(alias.name == "accessed" for alias in node.names)
    ):
        return "auditlog's accessed imported in a view"
    return None


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def test_views_api_and_template_helpers_reach_personal_data_only_through_selectors() -> None:
    found = problems(entry_modules(ROOT / "reintegra"), personal_data_models())

    assert not found, "Read personal data through a selector of its app:\n" + "\n".join(found)


def test_the_models_that_hold_personal_data_are_found_from_their_relations() -> None:
    models = personal_data_models()

    assert {"Participant", "Meeting", "NextStep", "Consent", "Referral", "Response", "Enrolment"} <= models
    assert {"PlanAction", "PlanGoal", "EntrySnapshot"} <= models  # through a plan, an enrolment
    assert not {"Organisation", "Programme", "Questionnaire", "TercUnit"} & models


@pytest.mark.parametrize(
    ("source", "reported"),
    [
        (
            "from reintegra.people.models import Participant\n\n"
            "def person(request, pk):\n"
            "    return Participant.objects.get(pk=pk)\n",
            "views.py:4: Participant.objects read outside a selector",
        ),
        (
            "from reintegra.audit.bulk import log_reads\n\n"
            "def meetings(request, rows):\n"
            "    log_reads(rows, actor=request.user)\n",
            "views.py:4: log_reads() in a view: the selector logs its reads",
        ),
        (
            "from auditlog import signals\n\n"
            "def meeting(request, meeting):\n"
            "    signals.accessed.send(sender=type(meeting), instance=meeting)\n",
            "views.py:4: accessed.send() in a view: the selector logs its reads",
        ),
    ],
)
def test_the_check_names_the_file_and_line_of_a_view_that_goes_around_the_selectors(
    tmp_path: Path, source: str, reported: str
) -> None:
    app = tmp_path / "throwaway"
    app.mkdir()
    (app / "views.py").write_text(source, encoding="utf-8")
    (app / "selectors.py").write_text(source, encoding="utf-8")  # selectors may

    found = problems(entry_modules(tmp_path), personal_data_models())

    assert [line.split("throwaway/", 1)[1] for line in found] == [reported]
