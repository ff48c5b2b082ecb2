"""Plans become their own app: their four models move here from casework, with their data.

Only Django's picture of the models moves (``SeparateDatabaseAndState``, no database
operation): the tables and their rows stay where they are, still named ``casework_*`` until
the next migration renames them. casework's ``0006_plans_move_to_their_own_app`` removes the
models from casework's picture. Their content types move too, from app label ``casework`` to
``plans``, so that the audit entries about plans (which point at a content type) and the
permissions stay attached to them. No app code is imported.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("individualplan", "plangoal", "planaction", "plansignature")


def content_types_to_plans(apps, schema_editor):
    _relabel(apps, schema_editor, old="casework", new="plans")


def content_types_to_casework(apps, schema_editor):
    _relabel(apps, schema_editor, old="plans", new="casework")


def _relabel(apps, schema_editor, *, old, new):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    for model in MODELS:
        # On a fresh database neither exists yet (they are made after migrating); never make a twin.
        if not content_types.filter(app_label=new, model=model).exists():
            content_types.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_organisations_users_memberships"),
        ("casework", "0005_last_contact_from_meetings"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("people", "0004_participant_last_contact"),
        ("programmes", "0003_programme_contact_interval"),
        ("questionnaires", "0002_ship_diagnosis_passport_and_professional_profile"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IndividualPlan",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("plan_type", models.CharField(max_length=30, verbose_name="plan type")),
                        ("series", models.UUIDField(default=uuid.uuid4, editable=False, verbose_name="series")),
                        ("number", models.PositiveIntegerField(default=1, verbose_name="version")),
                        ("status", models.CharField(choices=[("draft", "draft"), ("agreed", "agreed"), ("under_review", "under review"), ("closed", "closed")], default="draft", max_length=15, verbose_name="status")),
                        ("revision", models.PositiveIntegerField(default=1, verbose_name="revision")),
                        ("diagnosis", models.TextField(blank=True, verbose_name="diagnosis")),
                        ("support", models.TextField(blank=True, verbose_name="support to be given")),
                        ("extra", models.JSONField(blank=True, default=dict, verbose_name="fields of the plan type")),
                        ("starts_on", models.DateField(verbose_name="start date")),
                        ("review_on", models.DateField(blank=True, null=True, verbose_name="next review")),
                        ("ends_on", models.DateField(blank=True, null=True, verbose_name="end date")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("created_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="created by")),
                        ("group", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="plans", to="programmes.group", verbose_name="group")),
                        ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="accounts.organisation", verbose_name="organisation")),
                        ("participant", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="plans", to="people.participant", verbose_name="participant")),
                        ("previous", models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="next_version", to="plans.individualplan", verbose_name="previous version")),
                        ("programme", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="programmes.programme", verbose_name="programme")),
                        ("source_response", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="questionnaires.response", verbose_name="from questionnaire")),
                    ],
                    options={
                        "verbose_name": "individual plan",
                        "verbose_name_plural": "individual plans",
                        "ordering": ["-starts_on", "-number", "-pk"],
                        "db_table": "casework_individualplan",
                        "indexes": [
                            models.Index(fields=["participant", "-starts_on"], name="casework_in_partici_8b2f00_idx"),
                            models.Index(fields=["status", "review_on"], name="casework_in_status_2398a1_idx"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("series", "number"), name="plan_version_unique"),
                            models.CheckConstraint(condition=models.Q(models.Q(("group__isnull", True), ("participant__isnull", False)), models.Q(("group__isnull", False), ("participant__isnull", True)), _connector="OR"), name="plan_for_a_person_or_a_group", violation_error_message="A plan is either a person's or a group's."),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PlanAction",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                        ("what", models.CharField(max_length=500, verbose_name="action")),
                        ("responsible", models.CharField(blank=True, help_text="The person themselves, a partner, a family member…", max_length=200, verbose_name="responsible (other)")),
                        ("starts_on", models.DateField(blank=True, null=True, verbose_name="start")),
                        ("deadline", models.DateField(blank=True, null=True, verbose_name="deadline")),
                        ("status", models.CharField(choices=[("planned", "planned"), ("in_progress", "in progress"), ("done", "done"), ("dropped", "dropped")], default="planned", max_length=15, verbose_name="status")),
                        ("next_step", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="plan_actions", to="casework.nextstep", verbose_name="from the next step")),
                        ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="actions", to="plans.individualplan", verbose_name="plan")),
                        ("worker", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="plan_actions", to=settings.AUTH_USER_MODEL, verbose_name="responsible worker")),
                    ],
                    options={
                        "verbose_name": "plan action",
                        "verbose_name_plural": "plan actions",
                        "ordering": ["plan", "position", "pk"],
                        "db_table": "casework_planaction",
                        "indexes": [models.Index(fields=["status", "deadline"], name="casework_pl_status_c54ebd_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="PlanGoal",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                        ("text", models.CharField(max_length=500, verbose_name="goal")),
                        ("achieved", models.BooleanField(default=False, verbose_name="achieved")),
                        ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="goals", to="plans.individualplan", verbose_name="plan")),
                    ],
                    options={
                        "verbose_name": "plan goal",
                        "verbose_name_plural": "plan goals",
                        "ordering": ["plan", "position", "pk"],
                        "db_table": "casework_plangoal",
                    },
                ),
                migrations.CreateModel(
                    name="PlanSignature",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(max_length=40, verbose_name="signatory")),
                        ("name", models.CharField(max_length=200, verbose_name="name of the person signing")),
                        ("signed_on", models.DateField(verbose_name="signed on")),
                        ("plan", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="signatures", to="plans.individualplan", verbose_name="plan")),
                        ("recorded_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="recorded by")),
                    ],
                    options={
                        "verbose_name": "plan signature",
                        "verbose_name_plural": "plan signatures",
                        "ordering": ["plan", "signed_on", "pk"],
                        "db_table": "casework_plansignature",
                        "constraints": [
                            models.UniqueConstraint(fields=("plan", "role"), name="plan_signature_one_per_role", violation_error_message="This signatory has already signed the plan."),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_plans, content_types_to_casework),
    ]
