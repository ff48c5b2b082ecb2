from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "reintegra.casework"
    label = "casework"
    verbose_name = _("Case work")

    def ready(self) -> None:
        from reintegra.casework import (
            audit_registration,  # noqa: F401
            reminders,
            selectors,
        )
        from reintegra.people import summary

        summary.register("case_workers", 10, selectors.case_workers_summary)
        summary.register("next_meeting", 40, selectors.next_meeting_summary)
        reminders.register_sources()
