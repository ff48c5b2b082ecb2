"""Loads the real TERC register (GUS, as of 2020-01-01) shipped in ``people/data``, so that a fresh
install accepts every real gmina; ``manage.py load_terc`` loads a newer official file over it.

Units already present (a register loaded before, the demo's county) are left as they are. Like
every data migration it reads the file itself and imports no app code: the rule for DEGURBA is
the one of ``people.terc`` (rural gminas, RODZ 2 and 5, are rural areas; the rest unknown).
"""

import csv
from pathlib import Path

from django.db import migrations

TERC_FILE = Path(__file__).resolve().parent.parent / "data" / "terc-2020-01-01.csv"
RURAL = 3  # Degurba.RURAL
RURAL_RODZ = {"2", "5"}


def units_in_file(TercUnit):
    with TERC_FILE.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            woj, pow_, gmi, rodz = row["WOJ"], row["POW"], row["GMI"], row["RODZ"]
            code = woj + pow_ + gmi + rodz if gmi else woj + pow_
            rural = len(code) == 7 and rodz in RURAL_RODZ
            yield TercUnit(
                code=code, name=row["NAZWA"], kind=row["NAZWA_DOD"], degurba=RURAL if rural else None
            )


def load_register(apps, schema_editor):
    TercUnit = apps.get_model("people", "TercUnit")
    TercUnit.objects.bulk_create(list(units_in_file(TercUnit)), batch_size=1000, ignore_conflicts=True)


def unload_register(apps, schema_editor):
    """Removes the file's units that nothing points at (a person's gmina keeps its unit)."""
    TercUnit = apps.get_model("people", "TercUnit")
    codes = {unit.code for unit in units_in_file(TercUnit)}
    relations = [
        field
        for field in TercUnit._meta.get_fields(include_hidden=True)  # a person's gmina is related_name="+"
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]
    for relation in relations:
        used = relation.related_model.objects.values_list(relation.field.attname, flat=True).distinct()
        codes -= set(used)
    codes = sorted(codes)
    for start in range(0, len(codes), 500):
        TercUnit.objects.filter(code__in=codes[start : start + 500]).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0004_participant_last_contact")]

    operations = [migrations.RunPython(load_register, unload_register)]
