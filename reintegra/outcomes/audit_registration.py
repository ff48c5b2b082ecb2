from auditlog.registry import auditlog

from reintegra.outcomes.models import ExitRecord, FollowUp, ProgrammeFunding

auditlog.register(ExitRecord)
auditlog.register(FollowUp)
auditlog.register(ProgrammeFunding)
