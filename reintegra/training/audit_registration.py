"""Every change to trainings, modules, sessions, attendance, completions, supervisions and
requirements is audited."""

from auditlog.registry import auditlog

from reintegra.training.models import (
    Completion,
    Module,
    SupervisionSession,
    Training,
    TrainingAttendance,
    TrainingRequirement,
    TrainingSession,
)

auditlog.register(Training, exclude_fields=["created_at"])
auditlog.register(Module)
auditlog.register(TrainingSession)
auditlog.register(TrainingAttendance)
auditlog.register(Completion)
auditlog.register(SupervisionSession, m2m_fields={"staff"})
auditlog.register(TrainingRequirement, exclude_fields=["created_at"])
