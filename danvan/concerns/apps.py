from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "danvan.concerns"
    label = "concerns"
    verbose_name = _("Concerns")

    def ready(self):
        from danvan.concerns import counters, report_section, selectors
        from danvan.orgs.signals import org_moved
        from danvan.programs import selectors as program_selectors
        from danvan.reports import sections
        from danvan.rollup import reconcile

        sections.register(report_section.SECTION)
        sections.register(report_section.DEMOCRACY)
        org_moved.connect(counters.on_org_moved, dispatch_uid="concerns.counters")
        if counters.reconcile not in reconcile.checks:
            reconcile.checks.append(counters.reconcile)
        for reader in (selectors.disclosure_items, selectors.concern_items):  # what is not disclosed yet, what is not answered
            if reader not in program_selectors.todo_extras:
                program_selectors.todo_extras.append(reader)
