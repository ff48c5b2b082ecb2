from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OwnPageConfig(AppConfig):
    name = "reintegra.ownpage"
    label = "ownpage"
    verbose_name = _("Participant's own page")

    def ready(self) -> None:
        from reintegra.ownpage import audit_registration  # noqa: F401
