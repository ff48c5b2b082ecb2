"""Every change to mobile teams, their members, days and locations, and visit plans is audited."""

from auditlog.registry import auditlog

from reintegra.outreach.models import (
    MobileTeam,
    PlannedVisit,
    TeamLocation,
    TeamMember,
    VisitPlan,
    WorkingDay,
)

auditlog.register(MobileTeam, exclude_fields=["created_at"])
auditlog.register(TeamMember)
auditlog.register(WorkingDay)
auditlog.register(TeamLocation)
# The routes are the planner's output, read on the plan's page: the log says who planned and accepted.
auditlog.register(VisitPlan, exclude_fields=["created_at", "routes", "left_out"])
auditlog.register(PlannedVisit)
