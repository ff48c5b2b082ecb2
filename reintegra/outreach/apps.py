from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "reintegra.outreach"
    label = "outreach"
    verbose_name = _("Mobile outreach")

    def ready(self) -> None:
        from reintegra.outreach import audit_registration  # noqa: F401
