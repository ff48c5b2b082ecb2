from auditlog.registry import auditlog

from reintegra.outcomes.models import EvaluationResponse, ExitRecord, FollowUp

auditlog.register(ExitRecord)
auditlog.register(FollowUp)
auditlog.register(EvaluationResponse)
