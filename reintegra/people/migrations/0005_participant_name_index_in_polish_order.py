"""On PostgreSQL, index participants' names in Polish order within each organisation.

The participant list sorts by ``last_name COLLATE pl_icu`` (reintegra/collation.py), which the
model's index in the database's own collation cannot give without sorting every person of the
organisation for each page. SQLite sorts a page's candidates in Python; the operation does
nothing there.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS people_participant_org_name_pl "
    "ON people_participant (organisation_id, last_name COLLATE pl_icu, first_name COLLATE pl_icu, id)"
)
DROP = "DROP INDEX IF EXISTS people_participant_org_name_pl"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_polish_collation"),
        ("people", "0004_participant_last_contact"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
