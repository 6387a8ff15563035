from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "danvan.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from danvan.jobs import leases
        from danvan.reports import sections, services

        sections.register_builtin()
        # A job whose worker died at every attempt: the page stops waiting and offers to try again.
        leases.on_given_up("danvan.reports.tasks.consolidate", services.consolidation_given_up)
        leases.on_given_up("danvan.reports.tasks.render_pdf", services.rendering_given_up)
