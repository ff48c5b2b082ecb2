from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "reintegra.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from reintegra.activities import (
            audit_registration,  # noqa: F401
            selectors,
        )
        from reintegra.people import summary

        summary.register("attendance", 25, selectors.attendance_person_summary)
