"""Every change to a plan, its goals, actions and signatures lands in the audit log."""

from auditlog.registry import auditlog

from reintegra.plans.models import IndividualPlan, PlanAction, PlanGoal, PlanSignature

auditlog.register(IndividualPlan, exclude_fields=["updated_at", "revision"])
auditlog.register(PlanGoal)
auditlog.register(PlanAction)
auditlog.register(PlanSignature)
