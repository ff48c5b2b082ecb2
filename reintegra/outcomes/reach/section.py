"""The report's "reach" section: how far the participants' word went, and the outreach before
recruitment (seed 004). Counts only, never a person. The definitions are docs/indicators.md's
"Reach"; this module follows them.

The interviews before recruitment are the mobile centre's questionnaire interviews
(wywiady kwestionariuszowe): responses to the diagnostic interview questionnaire
(``INTERVIEW_QUESTIONNAIRE``, shipped with the mobile-activation template, or an organisation's
own questionnaire of that code) filled in on or before the day the person applied to the
programme. That is where a PUP team records them, so nothing new is kept for them.

The recruitment the word led to is counted from the applicants the staff linked to the
participant who told them (``HeardFrom``): the applications received and the people enrolled in
the period, by word of mouth and otherwise, with the share by word of mouth. The relations
published with the tables (all = by word of mouth + otherwise; the participants who recorded
their reach, shown in two tables) let the funder's suppression hide enough that no hidden cell
can be recomputed; the share goes with the count by word of mouth (``Row.over``), and that count
is never larger than the whole, so it is the one hidden when the whole would give a part away.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from reintegra.outcomes import sections
from reintegra.outcomes.models import HeardFrom, ReachRecord
from reintegra.outcomes.reach.selectors import REACHED_AT_LEAST
from reintegra.outcomes.reach.services import TOOK_PART
from reintegra.outcomes.tables import TOTAL, CellRef, Period, Relation, Row, Table
from reintegra.programmes.models import Enrolment, Programme
from reintegra.questionnaires.models import Response

INTERVIEW_QUESTIONNAIRE = "diagnostic_interview"
MOBILE_TEMPLATE = "mobile-activation"


REACH, REACH_MEAN, WORD_OF_MOUTH = "reach", "reach_mean", "reach_word_of_mouth"
PARTICIPANTS, MEAN = "participants", "mean"
# Column keys sort so that, between two published cells of equal value, the suppression hides
# the count by word of mouth (which carries the share) before the whole.
BY_WORD, OTHERWISE, ALL, SHARE = "by_word_of_mouth", "otherwise", "total", "share"


def register_reach_section() -> None:
    # After the model counts (50) and the evaluation (60): the outreach and reach of the participants.
    sections.register("reach", 70, reach_section)


def reach_section(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
    """The reach tables (the counts, and the mean with the people it is over), for programmes that
    record reach or run the mobile model; else nothing."""
    ids = [programme.pk for programme in programmes]
    records = ReachRecord.objects.filter(
        enrolment__programme_id__in=ids, recorded_on__range=(period.start, period.end)
    )
    mobile = any(programme.template.code == MOBILE_TEMPLATE for programme in programmes if programme.template)
    linked = HeardFrom.objects.filter(enrolment__programme_id__in=ids)
    if not mobile and not records.exists() and not linked.exists():
        return [], []
    per_person = list(records.values("enrolment__participant_id").annotate(told=Sum("people_told")))
    told = sum(row["told"] for row in per_person)
    applied = records.aggregate(applied=Sum("applied"))["applied"] or 0
    rows = [
        Row(
            "reach_participants",
            _("Participants who recorded their reach"),
            {TOTAL: len(per_person)},
        ),
        Row("reach_people_told", _("People reached by the participants"), {TOTAL: told}),
        Row(
            "reach_at_least",
            _("Participants who reached at least %(count)s people") % {"count": REACHED_AT_LEAST},
            {TOTAL: sum(1 for row in per_person if row["told"] >= REACHED_AT_LEAST)},
        ),
        Row("reach_applied", _("Applications the participants' word led to"), {TOTAL: applied}),
    ]
    if mobile:
        rows.insert(
            0,
            Row(
                "outreach_interviews",
                _("Outreach contacts: candidates interviewed before they applied"),
                {TOTAL: interviewed_before_applying(ids, period)},
            ),
        )
    table = Table(REACH, _("Outreach and reach"), [(TOTAL, _("Total"))], rows)
    recruitment = word_of_mouth_table(ids, period)
    same_participants = Relation(
        CellRef(REACH_MEAN, "reach_mean", PARTICIPANTS), (CellRef(REACH, "reach_participants", TOTAL),)
    )
    relations = [same_participants, *whole_relations(recruitment)]
    return [table, mean_table(told, len(per_person)), recruitment], relations


def mean_table(told: int, participants: int) -> Table:
    """The mean reach beside the people it is computed over, so the funder's suppression hides
    the mean whenever it hides that count (``Row.over``)."""
    mean = Decimal(told) / participants if participants else Decimal(0)
    row = Row(
        "reach_mean",
        _("Mean number of people reached per participant who recorded reach"),
        {PARTICIPANTS: participants, MEAN: float(mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))},
        over={MEAN: PARTICIPANTS},
    )
    columns = [(PARTICIPANTS, _("Participants who recorded their reach")), (MEAN, _("Mean"))]
    return Table(REACH_MEAN, _("Mean reach per participant"), columns, [row])


def word_of_mouth_table(programme_ids: list[int], period: Period) -> Table:
    """The applications received and the people enrolled in the period, by word of mouth (an
    applicant linked to the participant who told her) and otherwise, and the share by word of
    mouth in per cent."""
    enrolments = Enrolment.objects.filter(programme_id__in=programme_ids)
    applications = enrolments.annotate(applied_on=TruncDate("applied_at")).filter(
        applied_on__gte=period.start, applied_on__lte=period.end
    )
    enrolled = enrolments.filter(status__in=TOOK_PART, enrolled_on__range=(period.start, period.end))
    rows = [
        _recruitment_row("reach_applications", _("Applications received in the period"), applications),
        _recruitment_row("reach_enrolments", _("People enrolled in the period"), enrolled),
    ]
    columns = [
        (BY_WORD, _("By word of mouth")),
        (OTHERWISE, _("Otherwise")),
        (ALL, _("In all")),
        (SHARE, _("Share by word of mouth, %")),
    ]
    return Table(WORD_OF_MOUTH, _("Recruitment by word of mouth"), columns, rows)


def _recruitment_row(code: str, name: str, enrolments: QuerySet[Enrolment]) -> Row:
    counts = enrolments.aggregate(every=Count("pk"), by_word=Count("pk", filter=Q(heard_from__isnull=False)))
    every, by_word = counts["every"], counts["by_word"]
    share = Decimal(100 * by_word) / every if every else Decimal(0)
    cells: dict[str, int | float | None] = {
        BY_WORD: by_word,
        OTHERWISE: every - by_word,
        ALL: every,
        SHARE: float(share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)),
    }
    return Row(code, name, cells, over={SHARE: BY_WORD})


def whole_relations(table: Table) -> list[Relation]:
    """In each row, all = by word of mouth + otherwise."""
    return [
        Relation(
            CellRef(table.key, row.code, ALL),
            (CellRef(table.key, row.code, BY_WORD), CellRef(table.key, row.code, OTHERWISE)),
        )
        for row in table.rows
    ]


def interviewed_before_applying(programme_ids: list[int], period: Period) -> int:
    """Distinct applicants to the programmes with a diagnostic interview filled in within the
    period, on or before the day they applied (whatever became of the application)."""
    applied_after = (
        Enrolment.objects.filter(programme_id__in=programme_ids, participant_id=OuterRef("participant_id"))
        .annotate(applied_on=TruncDate("applied_at"))
        .filter(applied_on__gte=OuterRef("filled_on"))
    )
    return (
        Response.objects.filter(
            version__questionnaire__code=INTERVIEW_QUESTIONNAIRE, filled_on__range=(period.start, period.end)
        )
        .filter(Exists(applied_after))
        .values("participant_id")
        .distinct()
        .count()
    )
