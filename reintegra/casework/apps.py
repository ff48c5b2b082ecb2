from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "reintegra.casework"
    label = "casework"
    verbose_name = _("Case work")

    def ready(self) -> None:
        from reintegra.casework import audit_registration  # noqa: F401
