"""The before/after report ("distance travelled"), as tables of the programme report.

For a programme and a period it counts the people who left in the period (their enrolment's
``left_on``): per skill of the self-assessment, those with a rating both at entry and at exit;
for the satisfaction, those who answered each question at exit. Counts and means only, never a
row about a person; each mean names the count it is computed over (``Row.over``), so the
funder's suppression hides a mean over fewer than 5 people together with that count. The
definitions are in docs/indicators.md, "Evaluation".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from reintegra.outcomes.evaluation import distance
from reintegra.outcomes.models import EVALUATION_CODE, EvaluationMoment, EvaluationResponse
from reintegra.outcomes.tables import CellRef, Period, Relation, Row, Table
from reintegra.programmes.models import Programme
from reintegra.questionnaires import engine
from reintegra.questionnaires.models import QuestionnaireVersion, VersionStatus

SKILLS_SECTION = "samoocena"
SATISFACTION_SECTION = "zadowolenie"
SKILLS_TABLE = "evaluation_skills"
SATISFACTION_TABLE = "evaluation_satisfaction_"  # + the question's key
PEOPLE, MEAN_ENTRY, MEAN_EXIT, MEAN_CHANGE = "people", "mean_entry", "mean_exit", "mean_change"
IMPROVED, SAME, WORSENED = "improved", "same", "worsened"
ANSWERED = "answered"
MEANS = (MEAN_ENTRY, MEAN_EXIT, MEAN_CHANGE)


def section_questions(definition: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    section = next((s for s in definition.get("sections", []) if s.get("key") == key), None)
    return list(section["questions"]) if section else []


def _answers_by_enrolment(programmes: Sequence[Programme], period: Period) -> dict[int, dict[str, Any]]:
    """Each enrolment that left in the period → its surveys' answers by moment."""
    surveys = EvaluationResponse.objects.filter(
        enrolment__programme__in=programmes,
        enrolment__left_on__gte=period.start,
        enrolment__left_on__lte=period.end,
    ).values_list("enrolment_id", "moment", "response__answers")
    found: dict[int, dict[str, Any]] = {}
    for enrolment_id, moment, answers in surveys:
        found.setdefault(enrolment_id, {})[moment] = answers
    return found


def skills_table(definition: Mapping[str, Any], pairs: list[tuple[Any, Any]]) -> Table:
    table = Table(
        SKILLS_TABLE,
        _("Self-assessment of soft skills at entry and at exit (scale 1–5)"),
        [
            (PEOPLE, _("People")),
            (MEAN_ENTRY, _("Mean at entry")),
            (MEAN_EXIT, _("Mean at exit")),
            (MEAN_CHANGE, _("Mean change")),
            (IMPROVED, _("Improved")),
            (SAME, _("Stayed the same")),
            (WORSENED, _("Worsened")),
        ],
    )
    for question in section_questions(definition, SKILLS_SECTION):
        change = distance.skill_change(pairs, question["key"])
        table.rows.append(
            Row(
                question["key"],
                str(question["label"]).split(":")[0],
                {
                    PEOPLE: change.people,
                    MEAN_ENTRY: change.mean_entry,
                    MEAN_EXIT: change.mean_exit,
                    MEAN_CHANGE: change.mean_change,
                    IMPROVED: change.improved,
                    SAME: change.same,
                    WORSENED: change.worsened,
                },
                over=dict.fromkeys(MEANS, PEOPLE),
            )
        )
    return table


def _options(question: Mapping[str, Any]) -> list[tuple[str, str]]:
    if question["kind"] == engine.SCALE:
        return [(str(n), str(n)) for n in range(int(question["min"]), int(question["max"]) + 1)]
    return [(choice["value"], str(choice["label"])) for choice in question["choices"]]


def satisfaction_tables(definition: Mapping[str, Any], exits: list[Any]) -> list[Table]:
    tables = []
    for question in section_questions(definition, SATISFACTION_SECTION):
        if question["kind"] not in (engine.SCALE, engine.SINGLE_CHOICE):
            continue  # a free text is read, not counted
        options = _options(question)
        counts = distance.distribution(exits, question["key"], [value for value, _label in options])
        table = Table(
            SATISFACTION_TABLE + question["key"],
            _("Satisfaction at exit: %(question)s") % {"question": question["label"]},
            [(PEOPLE, _("People"))],
        )
        table.rows = [Row(value, label, {PEOPLE: counts[value]}) for value, label in options]
        table.rows.append(Row(ANSWERED, _("Answered"), {PEOPLE: sum(counts.values())}))
        tables.append(table)
    return tables


def _relations(tables: list[Table]) -> list[Relation]:
    relations = []
    for table in tables:
        if table.key == SKILLS_TABLE:
            relations += [
                Relation(
                    CellRef(table.key, row.code, PEOPLE),
                    tuple(CellRef(table.key, row.code, column) for column in (IMPROVED, SAME, WORSENED)),
                )
                for row in table.rows
            ]
        else:
            parts = tuple(CellRef(table.key, row.code, PEOPLE) for row in table.rows if row.code != ANSWERED)
            relations.append(Relation(CellRef(table.key, ANSWERED, PEOPLE), parts))
    return relations


def evaluation_tables(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
    """The report section: the skills before and after, and the satisfaction at exit."""
    version = (
        QuestionnaireVersion.objects.filter(
            questionnaire__organisation__isnull=True, questionnaire__code=EVALUATION_CODE
        )
        .exclude(status=VersionStatus.DRAFT)
        .order_by("-number")
        .first()
    )
    if version is None:
        return [], []
    found = _answers_by_enrolment(programmes, period).values()
    pairs = [
        (moments[EvaluationMoment.ENTRY], moments[EvaluationMoment.EXIT])
        for moments in found
        if EvaluationMoment.ENTRY in moments and EvaluationMoment.EXIT in moments
    ]
    exits = [moments[EvaluationMoment.EXIT] for moments in found if EvaluationMoment.EXIT in moments]
    tables = [skills_table(version.definition, pairs), *satisfaction_tables(version.definition, exits)]
    return tables, _relations(tables)
