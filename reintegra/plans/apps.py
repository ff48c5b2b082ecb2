from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Individual and group plans; casework imports this app, never the other way round."""

    name = "reintegra.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from reintegra.people import summary
        from reintegra.plans import (
            audit_registration,  # noqa: F401
            selectors,
        )

        summary.register("plan", 30, selectors.current_plan_summary)
