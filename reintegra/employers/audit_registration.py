"""Every change to employers, sites, offers, job profiles, placements, mentoring, follow-ups,
matching overrides, fairs and needs surveys is audited."""

from auditlog.registry import auditlog

from reintegra.employers.models import (
    Employer,
    JobProfile,
    MatchOverride,
    Mentor,
    MentoringMeeting,
    Offer,
    Placement,
    PlacementMove,
    RetentionFollowUp,
    Site,
    SurveyAnswer,
    SurveyAnswerLine,
    SurveyInvitation,
    SurveyRound,
)

auditlog.register(Employer, exclude_fields=["created_at"])
auditlog.register(Site)
auditlog.register(Offer, exclude_fields=["created_at"])
auditlog.register(JobProfile, exclude_fields=["updated_at"])
# Placements, their moves, mentors and meetings, and retention follow-ups.
auditlog.register(Placement, exclude_fields=["updated_at"])
auditlog.register(PlacementMove)
auditlog.register(Mentor)
auditlog.register(MentoringMeeting, exclude_fields=["recorded_at"])
auditlog.register(RetentionFollowUp)

auditlog.register(MatchOverride, exclude_fields=["created_at"])

from reintegra.employers.fairs import audit_registration as _fairs  # noqa: E402, F401

# Needs surveys: rounds, invitations, answers and their lines.
auditlog.register(SurveyRound, exclude_fields=["created_at"])
auditlog.register(SurveyInvitation)
auditlog.register(SurveyAnswer, exclude_fields=["created_at", "updated_at"])
auditlog.register(SurveyAnswerLine)
