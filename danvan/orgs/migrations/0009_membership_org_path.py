"""A membership carries its org's tree path (as obligations and activities do), copied here for the
memberships already there; two indexes read it: a subtree's memberships by path, and one person's
memberships inside a subtree (the probe of a province's or the country's people list). The table
is analyzed after: on PostgreSQL, with no statistics for the new column, a cell's people list
chose a plan that took 40 s at national size until autovacuum came round."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def analyze(apps, schema_editor):
    schema_editor.execute("ANALYZE orgs_membership")


def copy_paths(apps, schema_editor):
    Membership = apps.get_model("orgs", "Membership")
    Org = apps.get_model("orgs", "Org")
    Membership.objects.update(org_path=Subquery(Org.objects.filter(pk=OuterRef("org_id")).values("path")[:1]))


class Migration(migrations.Migration):
    dependencies = [("orgs", "0008_org_words")]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="org_path",
            field=models.CharField(default="", editable=False, max_length=255),
            preserve_default=False,
        ),
        migrations.RunPython(copy_paths, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="membership", constraint=models.CheckConstraint(condition=~models.Q(org_path=""), name="membership_has_org_path")
        ),
        migrations.AddIndex(model_name="membership", index=models.Index(fields=["org_path"], name="membership_path")),
        migrations.AddIndex(model_name="membership", index=models.Index(fields=["person", "org_path"], name="membership_person_path")),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
