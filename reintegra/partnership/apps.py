from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "reintegra.partnership"
    label = "partnership"
    verbose_name = _("Partnership")

    def ready(self) -> None:
        from django.urls import reverse

        from reintegra.attachments import owners
        from reintegra.partnership import (
            audit_registration,  # noqa: F401
            selectors,
        )
        from reintegra.partnership.cooperation import selectors as cooperation_selectors
        from reintegra.partnership.meetings import audit_registration as meetings_audit  # noqa: F401
        from reintegra.partnership.models import Agreement
        from reintegra.people import summary

        summary.register("referrals", 50, selectors.open_referrals_summary)
        # The scan of a signed agreement: seen by the partnership's members, attached by the
        # leader's administrators (who record the agreements).
        owners.register(
            owners.OwnerKind(
                key=cooperation_selectors.ATTACHMENT_KIND,
                label=_("partnership agreement"),
                get_for_user=cooperation_selectors.agreement_get_for_user,
                view_permission="partnership.view",
                attach_permission="partnership.manage",
                page_url=lambda agreement: (
                    reverse(
                        "partnership:cooperation:agreement_detail",
                        args=[agreement.partnership_id, agreement.pk],  # type: ignore[attr-defined]
                    )
                    + "#attachments"
                ),
                may_attach=lambda user, owner: (
                    isinstance(owner, Agreement) and selectors.can_lead(user, owner.partnership)
                ),
            )
        )
