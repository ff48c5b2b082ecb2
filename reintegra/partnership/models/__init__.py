"""The partnership's models, one module per part (DESIGN.md: an app's models may be a package).

* ``core``: the partnership and its members;
* ``referrals``: referrals of people between members, their moves and outcomes.
"""

from reintegra.partnership.models.core import MemberRole, Partnership, PartnershipMember
from reintegra.partnership.models.referrals import (
    SPECIAL_CATEGORY_BASES,
    LegalBasis,
    Referral,
    ReferralOutcome,
    ReferralOutcomeReport,
    ReferralStatus,
    ReferralStatusChange,
)

__all__ = [
    "SPECIAL_CATEGORY_BASES",
    "LegalBasis",
    "MemberRole",
    "Partnership",
    "PartnershipMember",
    "Referral",
    "ReferralOutcome",
    "ReferralOutcomeReport",
    "ReferralStatus",
    "ReferralStatusChange",
]
