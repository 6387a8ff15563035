from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupConfig(AppConfig):
    name = "danvan.rollup"
    label = "rollup"
    verbose_name = _("Rollup")

    def ready(self):
        from danvan.activities import selectors as activity_selectors
        from danvan.orgs.signals import org_moved
        from danvan.programs import changes
        from danvan.rollup import counters, open_items, reconcile, selectors

        org_moved.connect(counters.on_org_moved, dispatch_uid="rollup.counters")
        org_moved.connect(open_items.on_org_moved, dispatch_uid="rollup.open_items")
        if open_items.reconcile not in reconcile.checks:
            reconcile.checks.append(open_items.reconcile)
        changes.listen(counters)
        if selectors.open_per_day not in activity_selectors.open_per_day_readers:
            activity_selectors.open_per_day_readers.append(selectors.open_per_day)  # the calendar reads the counters
