"""The ``pl_icu`` collation that lists sorted by name use (reintegra/collation.py).

PostgreSQL only: SQLite learns the collation on every connection instead.
"""

from django.db import migrations

CREATE = "CREATE COLLATION IF NOT EXISTS pl_icu (provider = icu, locale = 'pl-PL')"
DROP = "DROP COLLATION IF EXISTS pl_icu"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_membership_end_date")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
