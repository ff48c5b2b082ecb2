"""Every change to a partnership, its members, a referral and its moves lands in the audit log."""

from auditlog.registry import auditlog

from reintegra.partnership.models import (
    Agreement,
    Partnership,
    PartnershipMember,
    Referral,
    ReferralOutcomeReport,
    ReferralStatusChange,
    StageRole,
)

auditlog.register(Partnership)
auditlog.register(PartnershipMember)
# Both organisations' administrators read a referral's entries, and after a withdrawal the
# receiver no longer sees what was referred: the referred data and the reason stay on the
# referral itself, and its entries record which fields were referred, not their values.
auditlog.register(Referral, exclude_fields=["updated_at", "snapshot", "reason"])
auditlog.register(ReferralStatusChange)
auditlog.register(ReferralOutcomeReport)
auditlog.register(StageRole)
auditlog.register(Agreement, exclude_fields=["created_at"])
