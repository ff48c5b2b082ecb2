"""Every change to an assignment, a meeting, its next steps and a service lands in the audit log."""

from auditlog.registry import auditlog

from reintegra.casework.models import (
    CaseAssignment,
    CaseworkSettings,
    Meeting,
    NextStep,
    ServiceDelivery,
)

auditlog.register(CaseAssignment)
auditlog.register(CaseworkSettings)
auditlog.register(Meeting, exclude_fields=["updated_at"])
auditlog.register(NextStep)
auditlog.register(ServiceDelivery)
