"""The plans' tables and indexes take the plans app's names (``plans_*``), their rows with them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_plans_move_from_casework"),
    ]

    operations = [
        migrations.AlterModelTable(name="individualplan", table=None),
        migrations.AlterModelTable(name="planaction", table=None),
        migrations.AlterModelTable(name="plangoal", table=None),
        migrations.AlterModelTable(name="plansignature", table=None),
        migrations.RenameIndex(
            model_name="individualplan",
            new_name="plans_indiv_partici_d4beb1_idx",
            old_name="casework_in_partici_8b2f00_idx",
        ),
        migrations.RenameIndex(
            model_name="individualplan",
            new_name="plans_indiv_status_1176f5_idx",
            old_name="casework_in_status_2398a1_idx",
        ),
        migrations.RenameIndex(
            model_name="planaction",
            new_name="plans_plana_status_4e5e08_idx",
            old_name="casework_pl_status_c54ebd_idx",
        ),
    ]
