from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "reintegra.activities"
    label = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        from django.urls import reverse

        from reintegra.activities import (
            audit_registration,  # noqa: F401
            selectors,
            services,
        )
        from reintegra.activities.models import Session
        from reintegra.attachments import owners
        from reintegra.people import summary

        summary.register("attendance", 25, selectors.attendance_person_summary)
        # The scan of a signed attendance list: seen by whoever sees the session, attached by
        # its leader or a coordinator (those who mark its attendance).
        owners.register(
            owners.OwnerKind(
                key=selectors.ATTACHMENT_KIND,
                label=_("session"),
                get_for_user=selectors.session_get_for_user,
                view_permission="session.view",
                attach_permission="attendance.record",
                page_url=lambda session: reverse("activities:attendance", args=[session.pk]) + "#attachments",
                may_attach=lambda user, owner: isinstance(owner, Session) and services.may_mark(user, owner),
            )
        )
