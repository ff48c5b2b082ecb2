"""The report's "reach" section: how far the participants' word went, and the outreach before
recruitment (seed 004). Counts only, never a person. The definitions are docs/indicators.md's
"Reach"; this module follows them.

The interviews before recruitment are the mobile centre's questionnaire interviews
(wywiady kwestionariuszowe): responses to the diagnostic interview questionnaire
(``INTERVIEW_QUESTIONNAIRE``, shipped with the mobile-activation template, or an organisation's
own questionnaire of that code) filled in on or before the day the person applied to the
programme. That is where a PUP team records them, so nothing new is kept for them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from reintegra.outcomes import sections
from reintegra.outcomes.models import ReachRecord
from reintegra.outcomes.reach.selectors import REACHED_AT_LEAST
from reintegra.outcomes.tables import TOTAL, Period, Relation, Row, Table
from reintegra.programmes.models import Enrolment, Programme
from reintegra.questionnaires.models import Response

INTERVIEW_QUESTIONNAIRE = "diagnostic_interview"
MOBILE_TEMPLATE = "mobile-activation"


REACH, REACH_MEAN = "reach", "reach_mean"
PARTICIPANTS, MEAN = "participants", "mean"


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
    if not mobile and not records.exists():
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
    return [table, mean_table(told, len(per_person))], []


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
