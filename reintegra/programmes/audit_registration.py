"""Programmes and every recruitment move are followed by the audit log."""

from auditlog.registry import auditlog

from reintegra.programmes.models import Enrolment, EntrySnapshot, Group, Programme, ProgrammeStaff

auditlog.register(Programme, m2m_fields={"staff", "partners"})
auditlog.register(Group)
# The reverse one-to-one to the snapshot is not a field of the enrolment (and costs a query).
auditlog.register(Enrolment, exclude_fields=["entry_snapshot"])
auditlog.register(EntrySnapshot)
auditlog.register(ProgrammeStaff, exclude_fields=["created_at"])
