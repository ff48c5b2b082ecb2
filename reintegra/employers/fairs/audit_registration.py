"""Every change to fairs, stands, guests, interviews, outcomes and the contest is audited."""

from auditlog.registry import auditlog

from reintegra.employers.models import (
    Contest,
    Criterion,
    FairGuest,
    FairInterview,
    FairOutcome,
    FairStand,
    JobFair,
    Nomination,
    Score,
)

auditlog.register(JobFair, exclude_fields=["created_at"])
auditlog.register(FairStand, m2m_fields={"offers"})
auditlog.register(FairGuest)
auditlog.register(FairInterview)
auditlog.register(FairOutcome)
auditlog.register(Contest, exclude_fields=["created_at"], m2m_fields={"jury"})
auditlog.register(Criterion)
auditlog.register(Nomination)
auditlog.register(Score)
