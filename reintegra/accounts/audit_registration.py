"""Which account models the audit log follows, and which of their fields it must never copy."""

from auditlog.registry import auditlog

from reintegra.accounts.models import Membership, Organisation, User

auditlog.register(
    User,
    exclude_fields=["password", "last_login"],
    m2m_fields=set(),
)
auditlog.register(Organisation)
auditlog.register(Membership)
