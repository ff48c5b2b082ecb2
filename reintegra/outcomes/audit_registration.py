from auditlog.registry import auditlog

from reintegra.outcomes.models import ExitRecord, FollowUp

auditlog.register(ExitRecord)
auditlog.register(FollowUp)
