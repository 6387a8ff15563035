from django.db import migrations


def count_open(apps, schema_editor):
    """Commitments and findings still open before the open-item counters came are counted once."""
    from collections import Counter

    from danvan.rollup.open_items import NO_DUE

    counted: Counter = Counter()
    for model, kind in (("Commitment", "commitment"), ("Finding", "finding")):
        for path, due in apps.get_model("concerns", model).objects.filter(done_on__isnull=True).values_list("org_path", "due"):
            for n in range(4, len(path) + 1, 4):
                counted[(path[:n], kind, due or NO_DUE)] += 1
    OpenItemCounter = apps.get_model("rollup", "OpenItemCounter")
    OpenItemCounter.objects.bulk_create([OpenItemCounter(node_path=p, kind=k, due=d, open=n) for (p, k, d), n in counted.items()])


class Migration(migrations.Migration):
    dependencies = [("concerns", "0008_disclosure_activity"), ("rollup", "0004_open_items")]
    operations = [migrations.RunPython(count_open, migrations.RunPython.noop)]
