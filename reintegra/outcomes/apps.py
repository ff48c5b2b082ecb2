from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "reintegra.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes and reports")

    def ready(self) -> None:
        from reintegra.outcomes import audit_registration  # noqa: F401
        from reintegra.outcomes.model_counts import model_counts
        from reintegra.outcomes.sections import register

        # The seed models' own counts: a section of every report.
        register("model_counts", 50, model_counts)
