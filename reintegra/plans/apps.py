from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Individual and group plans; casework imports this app, never the other way round."""

    name = "reintegra.plans"
    label = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from django.urls import reverse

        from reintegra.attachments import owners
        from reintegra.people import summary
        from reintegra.plans import (
            audit_registration,  # noqa: F401
            selectors,
        )

        summary.register("plan", 30, selectors.current_plan_summary)
        # A file belongs to the version it was attached to (a signed scan is of that version).
        owners.register(
            owners.OwnerKind(
                key=selectors.ATTACHMENT_KIND,
                label=_("plan"),
                get_for_user=selectors.plan_get_for_user,
                view_permission="casework.view",
                attach_permission="casework.record",
                page_url=lambda plan: reverse("plans:plan_detail", args=[plan.pk]) + "#attachments",
            )
        )
