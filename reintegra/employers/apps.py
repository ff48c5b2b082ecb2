from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "reintegra.employers"
    label = "employers"
    verbose_name = _("Employers")

    def ready(self) -> None:
        from reintegra.employers import (
            audit_registration,  # noqa: F401
            history,
            selectors,
        )
        from reintegra.employers.placements import reminders as placement_reminders
        from reintegra.employers.placements import selectors as placement_selectors
        from reintegra.employers.surveys import reminders as survey_reminders
        from reintegra.people import summary

        placement_reminders.register_sources()
        summary.register("placements", 45, placement_selectors.placements_person_summary)
        survey_reminders.register_sources()
        # The history of cooperation on an employer's page: each part adds its section here.
        history.register("offers", 10, selectors.offers_history)
        history.register("placements", 20, placement_selectors.placements_history)
