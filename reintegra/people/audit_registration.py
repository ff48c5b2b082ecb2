"""Every change to a participant, their family and consents lands in the audit log."""

from auditlog.registry import auditlog

from reintegra.people.models import Consent, FamilyMember, Participant

auditlog.register(Participant, exclude_fields=["search_key", "updated_at", "last_contact_at"])
auditlog.register(FamilyMember)
auditlog.register(Consent)
