from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "reintegra.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from reintegra.people import (
            audit_registration,  # noqa: F401
            selectors,
            summary,
        )

        summary.register("consents", 60, selectors.consents_in_force_summary)
