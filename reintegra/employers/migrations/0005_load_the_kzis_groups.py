"""Loads the KZiS major, sub-major and minor groups shipped in ``employers/data``, so that a fresh
install can code an offer's occupation at least to its minor group; ``manage.py load_kzis`` loads
the full official list (with the 4-digit unit groups and 6-digit occupations) over it.

Codes already present are left as they are. Like every data migration it reads the file itself
and imports no app code: a code's level is its length.
"""

import csv
from pathlib import Path

from django.db import migrations

KZIS_FILE = Path(__file__).resolve().parent.parent / "data" / "kzis-2014-groups.csv"


def groups_in_file(Occupation):
    with KZIS_FILE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            yield Occupation(code=row["kod"], name=row["nazwa"], level=len(row["kod"]))


def load_groups(apps, schema_editor):
    Occupation = apps.get_model("employers", "Occupation")
    Occupation.objects.bulk_create(list(groups_in_file(Occupation)), ignore_conflicts=True)


def unload_groups(apps, schema_editor):
    """Removes the file's groups that no offer names."""
    Occupation = apps.get_model("employers", "Occupation")
    Offer = apps.get_model("employers", "Offer")
    codes = {group.code for group in groups_in_file(Occupation)}
    codes -= set(Offer.objects.exclude(occupation=None).values_list("occupation_id", flat=True))
    Occupation.objects.filter(code__in=sorted(codes)).delete()


class Migration(migrations.Migration):
    dependencies = [("employers", "0004_matching_overrides")]

    operations = [migrations.RunPython(load_groups, unload_groups)]
