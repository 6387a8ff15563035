from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "danvan.emulation"
    label = "emulation"
    verbose_name = _("“Dân vận khéo”")

    def ready(self):
        from danvan.emulation import report_section
        from danvan.emulation.counters import COUNTER
        from danvan.orgs.signals import org_moved
        from danvan.reports import sections
        from danvan.rollup import reconcile

        sections.register(report_section.SECTION)
        org_moved.connect(COUNTER.on_org_moved, dispatch_uid="emulation.counters")
        if COUNTER.reconcile not in reconcile.checks:
            reconcile.checks.append(COUNTER.reconcile)
