"""The participant's passport entries and their confirmation by a worker are audited."""

from auditlog.registry import auditlog

from reintegra.ownpage.models import PassportEntry

auditlog.register(PassportEntry, exclude_fields=["created_at"])
