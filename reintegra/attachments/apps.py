from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttachmentsConfig(AppConfig):
    """Files attached to records of the apps above; they register their kinds of owner (owners.py)."""

    name = "reintegra.attachments"
    label = "attachments"
    verbose_name = _("Attachments")

    def ready(self) -> None:
        from reintegra.attachments import audit_registration  # noqa: F401
