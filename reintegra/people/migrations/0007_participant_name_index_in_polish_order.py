"""Index participants' names in Polish order within each organisation.

The participant list sorts by ``last_name COLLATE pl_icu`` (reintegra/collation.py), which the
model's index in the database's own collation cannot give: without this index each page would
sort every person of the organisation (on SQLite through a Python comparison). On SQLite the
index needs the collation on every connection that writes the table; Django's connections all
register it (reintegra.collation.register_sqlite_collation), a bare ``sqlite3`` shell does not.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS people_participant_org_name_pl "
    "ON people_participant (organisation_id, last_name COLLATE pl_icu, first_name COLLATE pl_icu, id)"
)
DROP = "DROP INDEX IF EXISTS people_participant_org_name_pl"


def create(apps, schema_editor):
    schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_polish_collation"),
        ("people", "0006_family_member_removed"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
