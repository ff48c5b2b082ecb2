from auditlog.registry import auditlog

from reintegra.outcomes.models import EvaluationResponse, ExitRecord, FollowUp, ProgrammeFunding

auditlog.register(ExitRecord)
auditlog.register(FollowUp)
auditlog.register(EvaluationResponse)
auditlog.register(ProgrammeFunding)
