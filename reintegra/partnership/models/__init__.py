"""The partnership's models, one module per part (DESIGN.md: an app's models may be a package).

* ``core``: the partnership and its members;
* ``referrals``: referrals of people between members, their moves and outcomes;
* ``meetings``: meetings with their agenda, attendance, decisions and action items, the
  workshops' ideas and study visits.
"""

from reintegra.partnership.models.core import MemberRole, Partnership, PartnershipMember
from reintegra.partnership.models.meetings import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    IdeaStatus,
    MeetingAttendee,
    MeetingOrganisation,
    MeetingStatus,
    PartnershipMeeting,
    StudyVisit,
    WorkshopIdea,
)
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
    "ActionItem",
    "ActionStatus",
    "AgendaItem",
    "Decision",
    "IdeaStatus",
    "LegalBasis",
    "MeetingAttendee",
    "MeetingOrganisation",
    "MeetingStatus",
    "MemberRole",
    "Partnership",
    "PartnershipMeeting",
    "PartnershipMember",
    "Referral",
    "ReferralOutcome",
    "ReferralOutcomeReport",
    "ReferralStatus",
    "ReferralStatusChange",
    "StudyVisit",
    "WorkshopIdea",
]
