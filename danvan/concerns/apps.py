from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "danvan.concerns"
    label = "concerns"
    verbose_name = _("Concerns")

    def ready(self):
        from danvan.concerns import counters, report_section, selectors
        from danvan.concerns.models import Commitment, Finding
        from danvan.orgs.signals import org_moved
        from danvan.programs import selectors as program_selectors
        from danvan.reports import sections
        from danvan.rollup import open_items, reconcile

        open_items.register("commitment", lambda: Commitment.objects.filter(done_on__isnull=True).values_list("org_path", "due").iterator())
        open_items.register("finding", lambda: Finding.objects.filter(done_on__isnull=True).values_list("org_path", "due").iterator())
        sections.register(report_section.SECTION)
        sections.register(report_section.DEMOCRACY)
        org_moved.connect(counters.on_org_moved, dispatch_uid="concerns.counters")
        if counters.reconcile not in reconcile.checks:
            reconcile.checks.append(counters.reconcile)
        # What is not disclosed yet, not answered, not done.
        for reader in (selectors.disclosure_items, selectors.concern_items, selectors.follow_up_items):
            if reader not in program_selectors.todo_extras:
                program_selectors.todo_extras.append(reader)
