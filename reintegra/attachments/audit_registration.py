"""Every attachment added or removed lands in the audit log; downloads are logged by the selector."""

from auditlog.registry import auditlog

from reintegra.attachments.models import Attachment

auditlog.register(Attachment, exclude_fields=["stored_name"])
