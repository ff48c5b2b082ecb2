from auditlog.registry import auditlog

from reintegra.outcomes.models import ExitRecord, FollowUp, ReachRecord

auditlog.register(ExitRecord)
auditlog.register(FollowUp)
auditlog.register(ReachRecord)
