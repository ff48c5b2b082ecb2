"""Loads the five programme templates from ``data/templates.json`` (updated in place by code)."""

import json
from pathlib import Path

from django.db import migrations

TEMPLATES_FILE = Path(__file__).resolve().parent.parent / "data" / "templates.json"


def load_templates(apps, schema_editor):
    ProgrammeTemplate = apps.get_model("programmes", "ProgrammeTemplate")
    for item in json.loads(TEMPLATES_FILE.read_text(encoding="utf-8")):
        ProgrammeTemplate.objects.update_or_create(
            code=item["code"],
            defaults={
                "name": item["name"],
                "summary": item["summary"],
                "target_group": item["target_group"],
                "definition": item["definition"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_templates_programmes_recruitment")]

    operations = [migrations.RunPython(load_templates, migrations.RunPython.noop)]
