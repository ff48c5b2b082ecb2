from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "reintegra.people"
    label = "people"
    verbose_name = _("People")

    def ready(self) -> None:
        from django.urls import reverse

        from reintegra.attachments import owners
        from reintegra.people import (
            audit_registration,  # noqa: F401
            selectors,
            summary,
        )

        summary.register("consents", 60, selectors.consents_in_force_summary)
        owners.register(
            owners.OwnerKind(
                key=selectors.ATTACHMENT_KIND,
                label=_("participant"),
                get_for_user=selectors.participant_get_for_user,
                view_permission="participant.view",
                attach_permission="participant.change",
                page_url=lambda person: (
                    reverse("people:participant_detail", args=[person.pk]) + "?tab=attachments"
                ),
            )
        )
