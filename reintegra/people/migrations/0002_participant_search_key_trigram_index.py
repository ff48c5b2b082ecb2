"""On PostgreSQL, index the diacritics-free name with trigrams so `search_key__contains` uses it.

SQLite keeps the plain b-tree index the model declares; the operations do nothing there.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS people_participant_search_key_trgm "
    "ON people_participant USING gin (search_key gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS people_participant_pesel_prefix "
    "ON people_participant (pesel varchar_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS people_participant_pesel_prefix",
    "DROP INDEX IF EXISTS people_participant_search_key_trgm",
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_indexes(apps, schema_editor):
    # The extension stays: other databases objects may use it.
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_participants_family_consents_terc"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
