from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "reintegra.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes and reports")

    def ready(self) -> None:
        from reintegra.outcomes import audit_registration  # noqa: F401
        from reintegra.outcomes.reach.section import register_reach_section

        register_reach_section()
