"""Changes to questionnaires and every change to a person's answers land in the audit log."""

from auditlog.registry import auditlog

from reintegra.questionnaires.models import Questionnaire, QuestionnaireVersion, Response

auditlog.register(Questionnaire)
auditlog.register(QuestionnaireVersion)
auditlog.register(Response, exclude_fields=["updated_at"])
