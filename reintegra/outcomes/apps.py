from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "reintegra.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes and reports")

    def ready(self) -> None:
        from reintegra.outcomes import audit_registration, sections  # noqa: F401
        from reintegra.outcomes.evaluation.report import evaluation_tables

        sections.register("evaluation", 60, evaluation_tables)
