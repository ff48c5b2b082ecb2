"""Every change to employers, sites, offers and job profiles is audited."""

from auditlog.registry import auditlog

from reintegra.employers.models import (
    Employer,
    JobProfile,
    Mentor,
    MentoringMeeting,
    Offer,
    Placement,
    PlacementMove,
    RetentionFollowUp,
    Site,
)

auditlog.register(Employer, exclude_fields=["created_at"])
auditlog.register(Site)
auditlog.register(Offer, exclude_fields=["created_at"])
auditlog.register(JobProfile, exclude_fields=["updated_at"])
auditlog.register(Placement, exclude_fields=["updated_at"])
auditlog.register(PlacementMove)
auditlog.register(Mentor)
auditlog.register(MentoringMeeting, exclude_fields=["recorded_at"])
auditlog.register(RetentionFollowUp)
