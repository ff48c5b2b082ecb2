"""Staff training: programmes of modules, sessions, attendance, completion and certificates,
supervision, and the training a programme requires before a staff member may take a role in it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "reintegra.training"
    label = "training"
    verbose_name = _("Staff training")

    def ready(self) -> None:
        from reintegra.accounts import policy
        from reintegra.training import audit_registration, services  # noqa: F401

        policy.register_qualification_check(services.missing_training)
