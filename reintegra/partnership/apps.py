from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "reintegra.partnership"
    label = "partnership"
    verbose_name = _("Partnership")

    def ready(self) -> None:
        from reintegra.partnership import (
            audit_registration,  # noqa: F401
            selectors,
        )
        from reintegra.partnership.meetings import audit_registration as meetings_audit  # noqa: F401
        from reintegra.people import summary

        summary.register("referrals", 50, selectors.open_referrals_summary)
