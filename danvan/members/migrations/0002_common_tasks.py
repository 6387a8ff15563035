from django.db import migrations


def write_defaults(apps, schema_editor):
    from danvan.members.models import DEFAULT_COMMON_TASKS

    CommonTask = apps.get_model("members", "CommonTask")
    for position, text in enumerate(DEFAULT_COMMON_TASKS):
        CommonTask.objects.get_or_create(text=text, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(write_defaults, migrations.RunPython.noop)]
