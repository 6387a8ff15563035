"""The counters move from the programs app to rollup: the tables stay as they are (their names are
kept in `db_table`); only Django's record of which app owns them changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("orgs", "0001_initial"),
        ("programs", "0005_cell_weights"),
    ]

    state = [
        migrations.CreateModel(
            name="ObligationCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("org_path", models.CharField(max_length=255)),
                ("due", models.DateField()),
                ("total", models.IntegerField(default=0)),
                ("done", models.IntegerField(default=0)),
                ("waived", models.IntegerField(default=0)),
                ("weight", models.BigIntegerField(default=0)),
                ("node_weight", models.BigIntegerField(default=0)),
                ("org", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="orgs.org")),
            ],
            options={
                "db_table": "programs_obligationcounter",
                "indexes": [models.Index(fields=["org_path", "due"], name="counter_path_due")],
                "constraints": [models.UniqueConstraint(fields=("org", "due"), name="counter_unique")],
            },
        ),
        migrations.CreateModel(
            name="SubtreeCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("node_path", models.CharField(max_length=255)),
                ("due", models.DateField()),
                ("shard", models.PositiveSmallIntegerField()),
                ("total", models.IntegerField(default=0)),
                ("done", models.IntegerField(default=0)),
                ("waived", models.IntegerField(default=0)),
                ("weight", models.BigIntegerField(default=0)),
            ],
            options={
                "db_table": "programs_subtreecounter",
                "constraints": [models.UniqueConstraint(fields=("node_path", "due", "shard"), name="subtree_counter_unique")],
            },
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state)]
