"""The outcomes app's models, one module per part: ``exits`` (the exit record and follow-ups),
``counts`` (the counts kept up to date on write), ``evaluation`` (the evaluation survey's answers
at entry and exit), ``reach`` (whom a participant told, and who told an applicant), ``costs`` (what
a programme cost); each further part adds its module here."""

from reintegra.outcomes.models.costs import CostCategory, FundingSource, ProgrammeCost
from reintegra.outcomes.models.counts import IndicatorCount
from reintegra.outcomes.models.evaluation import EVALUATION_CODE, EvaluationMoment, EvaluationResponse
from reintegra.outcomes.models.exits import (
    FOLLOW_UP_MONTHS,
    EmploymentForm,
    ExitRecord,
    FollowUp,
    FollowUpChannel,
    FollowUpStatus,
    Improvement,
)
from reintegra.outcomes.models.funding import ProgrammeFunding
from reintegra.outcomes.models.reach import HeardFrom, ReachRecord

__all__ = [
    "EVALUATION_CODE",
    "FOLLOW_UP_MONTHS",
    "CostCategory",
    "EmploymentForm",
    "EvaluationMoment",
    "EvaluationResponse",
    "ExitRecord",
    "FollowUp",
    "FollowUpChannel",
    "FollowUpStatus",
    "FundingSource",
    "HeardFrom",
    "Improvement",
    "IndicatorCount",
    "ProgrammeCost",
    "ProgrammeFunding",
    "ReachRecord",
]
