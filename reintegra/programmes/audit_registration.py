"""Programmes and every recruitment move are followed by the audit log."""

from auditlog.registry import auditlog

from reintegra.programmes.models import Enrolment, EntrySnapshot, Group, Programme

auditlog.register(Programme, m2m_fields={"staff", "partners"})
auditlog.register(Group)
auditlog.register(Enrolment)
auditlog.register(EntrySnapshot)
