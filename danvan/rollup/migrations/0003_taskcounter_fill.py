from django.db import migrations


def fill(apps, schema_editor):
    """Obligations made before the per-task counters existed get theirs."""
    from danvan.rollup.counters import rebuild_tasks

    with schema_editor.connection.cursor() as cursor:
        rebuild_tasks(cursor)


class Migration(migrations.Migration):
    dependencies = [("rollup", "0002_taskcounter"), ("programs", "0007_remindersent")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
