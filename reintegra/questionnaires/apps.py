from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    """Questionnaires and their answers: a self-contained engine, split from casework on purpose."""

    name = "reintegra.questionnaires"
    label = "questionnaires"
    verbose_name = _("Questionnaires")

    def ready(self) -> None:
        from reintegra.questionnaires import audit_registration  # noqa: F401
