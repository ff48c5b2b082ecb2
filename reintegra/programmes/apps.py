from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "reintegra.programmes"
    label = "programmes"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from reintegra.people import summary
        from reintegra.programmes import (
            audit_registration,  # noqa: F401
            selectors,
        )

        summary.register("programmes", 20, selectors.programmes_summary)
