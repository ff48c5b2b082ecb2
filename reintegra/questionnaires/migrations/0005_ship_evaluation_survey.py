"""Ships the evaluation survey (``data/evaluation.json``): the self-assessment of soft skills at
entry and exit and the satisfaction at exit, read by the outcomes' before/after report.

On a fresh database 0002 has shipped it already (it reads every file of ``data/``); then this
leaves it alone, as it leaves any shipped questionnaire: one changes only through a new version.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

PATH = Path(__file__).resolve().parent.parent / "data" / "evaluation.json"


def ship(apps, schema_editor):
    Questionnaire = apps.get_model("questionnaires", "Questionnaire")
    QuestionnaireVersion = apps.get_model("questionnaires", "QuestionnaireVersion")
    item = json.loads(PATH.read_text(encoding="utf-8"))
    if Questionnaire.objects.filter(organisation__isnull=True, code=item["code"]).exists():
        return
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
    code = json.loads(PATH.read_text(encoding="utf-8"))["code"]
    Questionnaire.objects.filter(organisation__isnull=True, code=code, versions__responses__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0004_field_labels_for_the_audit_log")]

    operations = [migrations.RunPython(ship, unship)]
