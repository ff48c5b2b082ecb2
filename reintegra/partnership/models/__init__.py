"""The partnership's models, one module per part (DESIGN.md: an app's models may be a package).

* ``core``: the partnership and its members;
* ``referrals``: referrals of people between members, their moves and outcomes;
* ``roles``: the role each member plays at each stage (promotion … employment);
* ``agreements``: the agreements signed with the members, and the data each may receive;
* ``meetings``: meetings with their agenda, attendance, decisions and action items, the
  workshops' ideas and study visits.
"""

from reintegra.partnership.models.agreements import Agreement
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
from reintegra.partnership.models.roles import Stage, StageRole

__all__ = [
    "SPECIAL_CATEGORY_BASES",
    "ActionItem",
    "ActionStatus",
    "AgendaItem",
    "Agreement",
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
    "Stage",
    "StageRole",
    "StudyVisit",
    "WorkshopIdea",
]
