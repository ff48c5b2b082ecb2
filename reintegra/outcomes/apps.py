from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "reintegra.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes and reports")

    def ready(self) -> None:
        from reintegra.outcomes import audit_registration, sections  # noqa: F401
        from reintegra.outcomes.costs.section import register_costs_section
        from reintegra.outcomes.counts import connect as keep_indicator_counts
        from reintegra.outcomes.evaluation.report import evaluation_tables
        from reintegra.outcomes.exits import reminders as exit_reminders
        from reintegra.outcomes.model_counts import model_counts
        from reintegra.outcomes.reach.section import register_reach_section

        # programmes sits below outcomes in the layering, so its enrolment services cannot call
        # outcomes: the indicator counts follow their writes through signals instead.
        keep_indicator_counts()
        sections.register("evaluation", 60, evaluation_tables)
        exit_reminders.register_sources()
        register_reach_section()
        register_costs_section()
        # The seed models' own counts: a section of every report.
        sections.register("model_counts", 50, model_counts)
