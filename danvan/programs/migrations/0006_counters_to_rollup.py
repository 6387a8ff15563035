"""The counters now belong to the rollup app (rollup.0001 took over their tables as they are)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0005_cell_weights"),
        ("rollup", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ObligationCounter"), migrations.DeleteModel(name="SubtreeCounter")]
        )
    ]
