"""Every change to a meeting, its agenda, attendance, decisions and action items, a workshop idea
and a study visit lands in the audit log."""

from auditlog.registry import auditlog

from reintegra.partnership.models import (
    ActionItem,
    AgendaItem,
    Decision,
    MeetingAttendee,
    MeetingOrganisation,
    PartnershipMeeting,
    StudyVisit,
    WorkshopIdea,
)

auditlog.register(PartnershipMeeting, exclude_fields=["created_at"])
auditlog.register(AgendaItem)
auditlog.register(MeetingOrganisation)
auditlog.register(MeetingAttendee)
auditlog.register(Decision)
auditlog.register(ActionItem)
auditlog.register(WorkshopIdea)
auditlog.register(StudyVisit, m2m_fields={"organisations"})
