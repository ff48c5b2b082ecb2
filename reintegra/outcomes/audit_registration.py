from auditlog.registry import auditlog

from reintegra.outcomes.models import (
    EvaluationResponse,
    ExitRecord,
    FollowUp,
    HeardFrom,
    ProgrammeCost,
    ProgrammeFunding,
    ReachRecord,
)

auditlog.register(ExitRecord)
auditlog.register(FollowUp)
auditlog.register(EvaluationResponse)
auditlog.register(ProgrammeFunding)
auditlog.register(ReachRecord)
auditlog.register(HeardFrom)
auditlog.register(ProgrammeCost)
