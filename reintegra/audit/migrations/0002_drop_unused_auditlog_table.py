"""Drop django-auditlog's own log table: we use audit.AuditEntry (AUDITLOG_LOGENTRY_MODEL).

django-auditlog 3.4.1's migrations create ``auditlog_logentry`` even when the model is
swapped; the unused table keeps a foreign key to content types that makes PostgreSQL refuse
the TRUNCATE of transactional tests (jazzband/django-auditlog#804).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_audit_entries"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS auditlog_logentry", migrations.RunSQL.noop),
    ]
