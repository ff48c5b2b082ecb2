"""Ships the questionnaires the seed models use, read from ``data/*.json`` (no app code imported).

Each becomes a questionnaire of no organisation with a published version 1. A file whose code is
already shipped is left alone: a shipped questionnaire changes only through a new version.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def ship(apps, schema_editor):
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    QuestionnaireVersion = apps.get_model("questionnaires", "QuestionnaireVersion")
    for path in sorted(DATA_DIR.glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        if Questionnaire.objects.filter(organisation__isnull=True, code=item["code"]).exists():
            continue
        questionnaire = Questionnaire.objects.create(
            code=item["code"], name=item["name"], description=item.get("description", "")
        )
        QuestionnaireVersion.objects.create(
            questionnaire=questionnaire,
            number=1,
            status="published",
            published_at=timezone.now(),
            definition=item["definition"],
        )


def unship(apps, schema_editor):
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    codes = [json.loads(p.read_text(encoding="utf-8"))["code"] for p in DATA_DIR.glob("*.json")]
    Questionnaire.objects.filter(organisation__isnull=True, code__in=codes, versions__responses__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0001_questionnaires_versions_responses")]

    operations = [migrations.RunPython(ship, unship)]
