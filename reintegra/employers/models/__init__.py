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
from reintegra.employers.models.matching import MatchOverride, OverrideAction

__all__ = [
    "CompanySize",
    "ContractType",
    "Employer",
    "JobProfile",
    "MatchOverride",
    "Occupation",
    "OccupationLevel",
    "Offer",
    "OfferKind",
    "OfferStatus",
    "OverrideAction",
    "Sector",
    "Shift",
    "Site",
    "TravelMode",
]
