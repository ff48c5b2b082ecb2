"""Each person's last contact, from the meetings held before the field was kept."""

from django.db import migrations

FILL = """
UPDATE people_participant SET last_contact_at = (
  SELECT MAX(m.starts_at) FROM casework_meeting m
  WHERE m.participant_id = people_participant.id AND m.status = 'held'
)
WHERE id IN (SELECT participant_id FROM casework_meeting WHERE status = 'held')
"""


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0004_page_meetings_and_services_by_key"),
        ("people", "0004_participant_last_contact"),
    ]

    operations = [migrations.RunSQL(FILL, migrations.RunSQL.noop)]
