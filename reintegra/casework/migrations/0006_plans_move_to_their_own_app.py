"""Plans leave casework for their own app (``plans.0001_plans_move_from_casework``).

State only: the tables and their rows are the plans app's now, so nothing is dropped here.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0005_last_contact_from_meetings"),
        ("plans", "0001_plans_move_from_casework"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PlanSignature"),
                migrations.DeleteModel(name="PlanGoal"),
                migrations.DeleteModel(name="PlanAction"),
                migrations.DeleteModel(name="IndividualPlan"),
            ],
        ),
    ]
