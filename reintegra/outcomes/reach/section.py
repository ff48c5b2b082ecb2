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
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from reintegra.outcomes import sections
from reintegra.outcomes.models import ReachRecord
from reintegra.outcomes.reach.selectors import REACHED_AT_LEAST
from reintegra.outcomes.tables import TOTAL, Period, Relation, Row, Table
from reintegra.programmes.models import Enrolment, Programme
from reintegra.questionnaires.models import Response

INTERVIEW_QUESTIONNAIRE = "diagnostic_interview"
MOBILE_TEMPLATE = "mobile-activation"


def register_reach_section() -> None:
    # After the model counts (50): the outreach and reach of the participants.
    sections.register("reach", 60, reach_section)


def reach_section(programmes: Sequence[Programme], period: Period) -> tuple[list[Table], list[Relation]]:
    """The reach table, for programmes that record reach or run the mobile model; else nothing."""
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
        _mean_row(told, len(per_person)),
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
    table = Table("reach", _("Outreach and reach"), [(TOTAL, _("Total"))], rows)
    return [table], []


def _mean_row(told: int, participants: int) -> Row:
    # A table cell is a whole number: the mean is rounded in the cell, given exactly in the note.
    mean = Decimal(told) / participants if participants else Decimal(0)
    exact = mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Row(
        "reach_mean",
        _("Mean number of people reached per participant who recorded reach"),
        {TOTAL: int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))},
        note=_("%(mean)s on average") % {"mean": number_format(exact, 1)},
    )


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
