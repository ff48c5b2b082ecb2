"""The Polish-order name index becomes the model's own (``Participant.Meta.indexes``).

Made by hand in 0007, SQLite lost it whenever a later migration rebuilt the table (0010, 0011);
as a model index Django rebuilds it with the table. The hand-made one is dropped first where it
still exists (PostgreSQL, or SQLite before a rebuild), then the model's is created.
"""

import django.db.models.functions.comparison
from django.db import migrations, models

DROP = "DROP INDEX IF EXISTS people_participant_org_name_pl"


def drop_hand_made(apps, schema_editor):
    schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_polish_collation"),
        ("people", "0011_participant_own_account"),
    ]

    operations = [
        migrations.RunPython(drop_hand_made, migrations.RunPython.noop, elidable=False),
        migrations.AddIndex(
            model_name="participant",
            index=models.Index(
                models.F("organisation"),
                django.db.models.functions.comparison.Collate(models.F("last_name"), "pl_icu"),
                django.db.models.functions.comparison.Collate(models.F("first_name"), "pl_icu"),
                models.F("id"),
                name="people_participant_org_name_pl",
            ),
        ),
    ]
