"""The employers app's models, one module per part: ``core`` (employers, sites, occupations,
offers, job profiles); each further part (placements, fairs, surveys) adds its module here."""

from reintegra.employers.models.core import (
    CompanySize,
    ContractType,
    Employer,
    JobProfile,
    Occupation,
    OccupationLevel,
    Offer,
    OfferKind,
    OfferStatus,
    Sector,
    Shift,
    Site,
    TravelMode,
)
from reintegra.employers.models.surveys import (
    AnswerChannel,
    SurveyAnswer,
    SurveyAnswerLine,
    SurveyInvitation,
    SurveyRound,
    SurveyRoundStatus,
)

__all__ = [
    "AnswerChannel",
    "CompanySize",
    "ContractType",
    "Employer",
    "JobProfile",
    "Occupation",
    "OccupationLevel",
    "Offer",
    "OfferKind",
    "OfferStatus",
    "Sector",
    "Shift",
    "Site",
    "SurveyAnswer",
    "SurveyAnswerLine",
    "SurveyInvitation",
    "SurveyRound",
    "SurveyRoundStatus",
    "TravelMode",
]
