"""Every change to an assignment, a meeting, its next steps, a service and a plan lands in the audit log."""

from auditlog.registry import auditlog

from reintegra.casework.models import (
    CaseAssignment,
    CaseworkSettings,
    IndividualPlan,
    Meeting,
    NextStep,
    PlanAction,
    PlanGoal,
    PlanSignature,
    ServiceDelivery,
)

auditlog.register(CaseAssignment)
auditlog.register(CaseworkSettings)
auditlog.register(Meeting, exclude_fields=["updated_at"])
auditlog.register(NextStep)
auditlog.register(ServiceDelivery)
auditlog.register(IndividualPlan, exclude_fields=["updated_at", "revision"])
auditlog.register(PlanGoal)
auditlog.register(PlanAction)
auditlog.register(PlanSignature)
