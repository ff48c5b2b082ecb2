"""The audit entry's references without foreign-key constraints (see ``AuditEntry``).

The table behind ``organisations`` was made by Django for the many-to-many field; it is now
declared as ``AuditEntryOrganisation`` with the same table, columns, indexes and uniqueness, so
only the state changes for it, and on the database only its two constraints are dropped.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def drop_organisation_constraints(apps, schema_editor):
    """Drop the table's foreign-key constraints, whatever their generated names (PostgreSQL;
    SQLite checks keys only when asked to and keeps the table as it is)."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    table = "audit_auditentry_organisations"
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    for name, constraint in constraints.items():
        if constraint["foreign_key"]:
            schema_editor.execute(
                f"ALTER TABLE {schema_editor.quote_name(table)} DROP CONSTRAINT {schema_editor.quote_name(name)}"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_organisations_users_memberships"),
        ("audit", "0003_fewer_indexes_on_entries"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="actor",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="content_type",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="content type",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntryOrganisation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "auditentry",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to=settings.AUDITLOG_LOGENTRY_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="accounts.organisation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "audit_auditentry_organisations",
                        "unique_together": {("auditentry", "organisation")},
                    },
                ),
                migrations.AlterField(
                    model_name="auditentry",
                    name="organisations",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        through="audit.AuditEntryOrganisation",
                        to="accounts.organisation",
                        verbose_name="organisations",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_organisation_constraints, migrations.RunPython.noop),
            ],
        ),
    ]
