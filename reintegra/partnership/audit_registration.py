"""Every change to a partnership, its members, a referral and its moves lands in the audit log."""

from auditlog.registry import auditlog

from reintegra.partnership.models import Partnership, PartnershipMember, Referral, ReferralStatusChange

auditlog.register(Partnership)
auditlog.register(PartnershipMember)
auditlog.register(Referral, exclude_fields=["updated_at"])
auditlog.register(ReferralStatusChange)
